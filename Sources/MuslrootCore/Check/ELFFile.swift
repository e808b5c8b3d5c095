/// One ELF file, read by hand: its header, segments, sections, dynamic section, symbol versions,
/// symbols and notes. Every offset and size taken from the file is checked against its length,
/// and only the parts it needs are read.
struct ELFFile: Sendable {
    var header: ELFHeader
    var segments: [ProgramHeader]
    var sections: [SectionHeader]
    /// PT_INTERP: the dynamic loader the kernel starts first, if any.
    var interpreter: String?
    /// nil when there is no dynamic section at all.
    var dynamic: DynamicSection?
    var versionNeeds: [VersionNeed]
    var symbols: SymbolScan
    var notes: NoteScan

    init(reader: ByteReader) throws {
        var reader = reader
        header = try ELFHeader(reader: &reader)
        let header = header
        segments = try ProgramHeader.table(header, sectionZero: { try SectionHeader.zero(header, reader: reader) }, reader: reader)
        sections = try SectionHeader.table(header, sectionZero: try SectionHeader.zero(header, reader: reader), reader: reader)
        if let segment = segments.first(where: { $0.type == ProgramHeader.interpreter }) {
            let path = try reader.bytes(segment.bytes, limit: ByteReader.longestString)
            interpreter = String(decoding: path.prefix { $0 != 0 }, as: UTF8.self)
        }
        dynamic = try DynamicSection(segments: segments, sections: sections, wide: header.wide, reader: reader)
        versionNeeds = try Self.versionNeeds(sections: sections, dynamic: dynamic, reader: reader)
        symbols = try SymbolScan(sections: sections, wide: header.wide, reader: reader)
        notes = try NoteScan(segments: segments, sections: sections, reader: reader)
    }

    /// From the `.gnu.version_r` section when there are sections, else from DT_VERNEED.
    private static func versionNeeds(sections: [SectionHeader], dynamic: DynamicSection?, reader: ByteReader) throws -> [VersionNeed] {
        if let section = sections.first(where: { $0.type == SectionHeader.versionNeeds }) {
            guard let strings = sections.linked(section)?.bytes else {
                throw CheckError.malformed(file: reader.file, what: "the version needs section links to no string table")
            }
            return try VersionNeed.read(section.bytes, count: UInt64(section.info), strings: strings, reader: reader)
        }
        guard let dynamic, let needs = dynamic.versionNeeds, let strings = dynamic.strings else { return [] }
        return try VersionNeed.read(needs.bytes, count: needs.count, strings: strings, reader: reader)
    }

    /// Every `GLIBC_*` version asked for, oldest first (GLIBC_PRIVATE, if any, comes first).
    var glibcVersions: [String] {
        Array(Set(versionNeeds.flatMap(\.versions).filter { $0.hasPrefix("GLIBC_") }))
            .sorted(by: versionOrder)
    }

    static let relocatable: UInt16 = 1
    static let executable: UInt16 = 2
    static let sharedObject: UInt16 = 3
    static let core: UInt16 = 4
}
