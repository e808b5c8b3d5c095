/// One section from the section header table. Only the fields `check` uses are kept.
struct SectionHeader: Sendable {
    static let symbolTable: UInt32 = 2
    static let note: UInt32 = 7
    static let noBits: UInt32 = 8
    static let dynamic: UInt32 = 6
    static let dynamicSymbols: UInt32 = 11
    static let versionNeeds: UInt32 = 0x6fff_fffe

    var type: UInt32
    var size: UInt64
    var link: UInt32
    var info: UInt32
    var alignment: UInt64
    /// The section's bytes in the file; empty for sections that take no file space (.bss).
    var bytes: Range<Int>

    /// Section 0, which holds the real section and segment counts when they do not fit the ELF header.
    static func zero(_ header: ELFHeader, reader: ByteReader) throws -> SectionHeader? {
        guard header.sectionHeaderOffset != 0 else { return nil }
        try checkEntrySize(header, reader: reader)
        _ = try reader.table(offset: header.sectionHeaderOffset, entries: UInt64(max(header.sectionHeaderCount, 1)),
                             entrySize: UInt64(header.sectionHeaderSize), "the section header table")
        return try SectionHeader(at: Int(header.sectionHeaderOffset), index: 0, wide: header.wide, reader: reader)
    }

    /// Reads the section header table, checking it and every section against the file's length.
    static func table(_ header: ELFHeader, sectionZero: SectionHeader?, reader: ByteReader) throws -> [SectionHeader] {
        guard let sectionZero else { return [] }
        var count = UInt64(header.sectionHeaderCount)
        if count == 0 { count = sectionZero.size } // more than 0xff00 sections: the count is in section 0
        guard count > 0 else { return [] }
        let table = try reader.table(offset: header.sectionHeaderOffset, entries: count,
                                     entrySize: UInt64(header.sectionHeaderSize), "the section header table")
        return try (0..<Int(count)).map { index in
            try SectionHeader(at: table.lowerBound + index * Int(header.sectionHeaderSize), index: index,
                              wide: header.wide, reader: reader)
        }
    }

    private static func checkEntrySize(_ header: ELFHeader, reader: ByteReader) throws {
        let standard: UInt16 = header.wide ? 64 : 40
        guard header.sectionHeaderSize >= standard else {
            throw CheckError.malformed(file: reader.file, what: "section headers are \(header.sectionHeaderSize) bytes each, expected \(standard)")
        }
    }

    init(at base: Int, index: Int, wide: Bool, reader: ByteReader) throws {
        type = try reader.u32(base + 4)
        let w = wide ? 8 : 4
        let offset = try reader.word(base + 8 + 2 * w, wide: wide)
        size = try reader.word(base + 8 + 3 * w, wide: wide)
        link = try reader.u32(base + 8 + 4 * w)
        info = try reader.u32(base + 12 + 4 * w)
        alignment = try reader.word(base + 16 + 4 * w, wide: wide)
        if type == Self.noBits || type == 0 {
            bytes = 0..<0
        } else {
            bytes = try reader.range(offset: offset, size: size, "section \(index)")
        }
    }
}

extension [SectionHeader] {
    /// The section that `link` names, if it exists.
    func linked(_ section: SectionHeader) -> SectionHeader? {
        indices.contains(Int(section.link)) ? self[Int(section.link)] : nil
    }
}
