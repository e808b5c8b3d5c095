/// What the dynamic section says about linking: the libraries needed, the soname, the flags.
struct DynamicSection: Sendable {
    static let needed: UInt64 = 1
    static let stringTable: UInt64 = 5
    static let stringTableSize: UInt64 = 10
    static let soname: UInt64 = 14
    static let flags1: UInt64 = 0x6fff_fffb
    static let versionNeeds: UInt64 = 0x6fff_fffe
    static let versionNeedCount: UInt64 = 0x6fff_ffff
    /// DF_1_PIE: set by linkers on position-independent executables, static or not.
    static let pieFlag: UInt64 = 0x0800_0000

    var needed: [String] = []
    var soname: String?
    var flags1: UInt64 = 0
    /// The dynamic string table, for version names found through DT_VERNEED.
    var strings: Range<Int>?
    /// DT_VERNEED mapped into the file, and DT_VERNEEDNUM.
    var versionNeeds: (bytes: Range<Int>, count: UInt64)?

    var isPIE: Bool { flags1 & Self.pieFlag != 0 }

    /// The dynamic section from PT_DYNAMIC, or from the SHT_DYNAMIC section when there are no segments;
    /// nil when the file has neither.
    init?(segments: [ProgramHeader], sections: [SectionHeader], wide: Bool, reader: ByteReader) throws {
        let section = sections.first { $0.type == SectionHeader.dynamic }
        guard let bytes = segments.first(where: { $0.type == ProgramHeader.dynamic })?.bytes ?? section?.bytes else { return nil }
        let entrySize = wide ? 16 : 8
        var entries: [(tag: UInt64, value: UInt64)] = []
        var offset = bytes.lowerBound
        while offset + entrySize <= bytes.upperBound {
            let tag = try reader.word(offset, wide: wide)
            if tag == 0 { break } // DT_NULL
            entries.append((tag, try reader.word(offset + entrySize / 2, wide: wide)))
            offset += entrySize
        }
        let value = { (tag: UInt64) in entries.first { $0.tag == tag }?.value }

        if let address = value(Self.stringTable), var range = segments.fileRange(ofAddress: address) {
            if let size = value(Self.stringTableSize), size < UInt64(range.count) { range = range.lowerBound..<(range.lowerBound + Int(size)) }
            strings = range
        } else if let section, let linked = sections.linked(section) {
            strings = linked.bytes
        }
        let names = entries.filter { $0.tag == Self.needed || $0.tag == Self.soname }
        if !names.isEmpty && strings == nil {
            throw CheckError.malformed(file: reader.file, what: "the dynamic string table (DT_STRTAB \(hex(value(Self.stringTable) ?? 0))) is not inside any loaded segment")
        }
        for entry in names {
            let name = try reader.string(at: entry.value, in: strings ?? 0..<0, entry.tag == Self.needed ? "DT_NEEDED" : "DT_SONAME")
            if entry.tag == Self.needed { needed.append(name) } else { soname = name }
        }
        flags1 = value(Self.flags1) ?? 0
        if let address = value(Self.versionNeeds), let range = segments.fileRange(ofAddress: address) {
            versionNeeds = (range, value(Self.versionNeedCount) ?? 0)
        }
    }
}
