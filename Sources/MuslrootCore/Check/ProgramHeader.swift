/// One segment from the program header table: what the loader maps, and how.
struct ProgramHeader: Sendable {
    static let load: UInt32 = 1
    static let dynamic: UInt32 = 2
    static let interpreter: UInt32 = 3
    static let note: UInt32 = 4

    var type: UInt32
    var address: UInt64
    var fileSize: UInt64
    var alignment: UInt64
    /// The segment's bytes in the file, checked against the file's length.
    var bytes: Range<Int>

    /// Reads the program header table, checking it and every segment against the file's length.
    /// `sectionZero` is read only when the count does not fit the ELF header (PN_XNUM).
    static func table(_ header: ELFHeader, sectionZero: () throws -> SectionHeader?, reader: ByteReader) throws -> [ProgramHeader] {
        var count = UInt64(header.programHeaderCount)
        if count == 0xffff, let zero = try sectionZero() { count = UInt64(zero.info) }
        guard count > 0, header.programHeaderOffset != 0 else { return [] }
        let standard: UInt16 = header.wide ? 56 : 32
        guard header.programHeaderSize >= standard else {
            throw CheckError.malformed(file: reader.file, what: "program headers are \(header.programHeaderSize) bytes each, expected \(standard)")
        }
        let table = try reader.table(offset: header.programHeaderOffset, entries: count,
                                     entrySize: UInt64(header.programHeaderSize), "the program header table")
        return try (0..<Int(count)).map { index in
            try ProgramHeader(at: table.lowerBound + index * Int(header.programHeaderSize), index: index,
                              wide: header.wide, reader: reader)
        }
    }

    init(at base: Int, index: Int, wide: Bool, reader: ByteReader) throws {
        type = try reader.u32(base)
        let offset: UInt64
        if wide {
            offset = try reader.u64(base + 8)
            address = try reader.u64(base + 16)
            fileSize = try reader.u64(base + 32)
            alignment = try reader.u64(base + 48)
        } else {
            offset = UInt64(try reader.u32(base + 4))
            address = UInt64(try reader.u32(base + 8))
            fileSize = UInt64(try reader.u32(base + 16))
            alignment = UInt64(try reader.u32(base + 28))
        }
        bytes = try reader.range(offset: offset, size: fileSize, "program header \(index) (\(Self.name(type)))")
    }

    static func name(_ type: UInt32) -> String {
        switch type {
        case load: "LOAD"
        case dynamic: "DYNAMIC"
        case interpreter: "INTERP"
        case note: "NOTE"
        default: "type \(hex(type))"
        }
    }
}

extension [ProgramHeader] {
    /// The file offset that holds virtual address `address`, and how many bytes of the segment follow it.
    func fileRange(ofAddress address: UInt64) -> Range<Int>? {
        for segment in self where segment.type == ProgramHeader.load && address >= segment.address {
            let delta = address - segment.address
            guard delta < segment.fileSize else { continue }
            return (segment.bytes.lowerBound + Int(delta))..<segment.bytes.upperBound
        }
        return nil
    }
}
