/// The ELF notes `check` looks for: the ABI tag that glibc's start files put in every program,
/// and the note Android's start files put in every Android program.
struct NoteScan: Sendable {
    var hasGNUABITag = false
    var hasAndroidIdent = false

    init(segments: [ProgramHeader], sections: [SectionHeader], reader: ByteReader) throws {
        let regions = segments.filter { $0.type == ProgramHeader.note }.map { ($0.bytes, $0.alignment) }
            + sections.filter { $0.type == SectionHeader.note }.map { ($0.bytes, $0.alignment) }
        for (bytes, alignment) in regions { try scan(bytes, alignment: alignment == 8 ? 8 : 4, reader: reader) }
    }

    /// Walks one note region; a note that does not fit ends the walk (notes are only hints).
    private mutating func scan(_ bytes: Range<Int>, alignment: UInt64, reader: ByteReader) throws {
        var offset = bytes.lowerBound
        while offset + 12 <= bytes.upperBound {
            let nameSize = UInt64(try reader.u32(offset))
            let descriptionSize = UInt64(try reader.u32(offset + 4))
            let type = try reader.u32(offset + 8)
            let paddedName = (nameSize + alignment - 1) / alignment * alignment
            let paddedDescription = (descriptionSize + alignment - 1) / alignment * alignment
            let next = UInt64(offset) + 12 + paddedName + paddedDescription
            guard next <= UInt64(bytes.upperBound), nameSize > 0 else { return }
            // The names looked for are short: a longer one is none of them.
            let name = try reader.bytes((offset + 12)..<(offset + 12 + Int(nameSize)), limit: 16).prefix { $0 != 0 }
            switch (String(decoding: name, as: UTF8.self), type) {
            case ("GNU", 1): hasGNUABITag = true
            case ("Android", 1): hasAndroidIdent = true
            default: break
            }
            offset = Int(next)
        }
    }
}
