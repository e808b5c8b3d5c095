/// What the symbol tables say: whether a full symbol table is left (not stripped), and which of a
/// few telling names (`dlopen`, libc start-up functions) appear in `.symtab` or `.dynsym`.
struct SymbolScan: Sendable {
    /// Names whose presence `check` reports or uses to tell one libc from another.
    static let telling: Set<String> = [
        "dlopen",
        // glibc start-up code
        "__libc_setup_tls", "_dl_relocate_static_pie", "__libc_init_secure", "_dl_aux_init",
        // musl start-up code
        "__init_libc", "__libc_start_init", "__init_tls", "__dls3",
    ]
    static let longest = telling.map(\.utf8.count).max() ?? 0

    var hasSymbolTable = false
    var hasDynamicSymbols = false
    var found: Set<String> = []
    /// Global or weak symbols that `.dynsym` defines: what a shared library offers its users.
    var exportedDynamicSymbols = 0

    init(sections: [SectionHeader], wide: Bool, reader: ByteReader) throws {
        let entrySize = wide ? 24 : 16
        for section in sections where section.type == SectionHeader.symbolTable || section.type == SectionHeader.dynamicSymbols {
            if section.type == SectionHeader.symbolTable { hasSymbolTable = true } else { hasDynamicSymbols = true }
            guard let strings = sections.linked(section)?.bytes, !strings.isEmpty else { continue }
            var entry = section.bytes.lowerBound
            while entry + entrySize <= section.bytes.upperBound {
                if let name = try Self.tellingName(at: UInt64(try reader.u32(entry)), in: strings, reader: reader) {
                    found.insert(name)
                }
                if section.type == SectionHeader.dynamicSymbols {
                    let binding = try reader.u8(entry + (wide ? 4 : 12)) >> 4
                    let sectionIndex = try reader.u16(entry + (wide ? 6 : 14))
                    if sectionIndex != 0 && (binding == 1 || binding == 2) { exportedDynamicSymbols += 1 }
                }
                entry += entrySize
            }
        }
    }

    /// The name at `index` if it is one of `telling`; reads at most a few bytes, so a string table
    /// with no terminators cannot make the scan quadratic.
    private static func tellingName(at index: UInt64, in strings: Range<Int>, reader: ByteReader) throws -> String? {
        guard index < UInt64(strings.count) else { return nil }
        let start = strings.lowerBound + Int(index)
        let end = min(strings.upperBound, start + longest + 1)
        let head = try reader.bytes(start..<end, limit: longest + 1)
        guard let terminator = head.firstIndex(of: 0), terminator > 0 else { return nil }
        let name = String(decoding: head[..<terminator], as: UTF8.self)
        return telling.contains(name) ? name : nil
    }
}
