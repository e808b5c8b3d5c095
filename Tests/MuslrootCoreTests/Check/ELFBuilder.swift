/// Builds small ELF files byte by byte, with program headers and no section headers (like the
/// output of `sstrip`): enough to test every kind rule, both word sizes and both byte orders
/// without a compiler. One PT_LOAD maps the whole file at `base`.
struct ELFBuilder {
    var wide = true
    var bigEndian = false
    var type: UInt16 = 2 // ET_EXEC
    var machine: UInt16 = 62
    var entry: UInt64 = 0x40_1000
    var interpreter: String?
    var needed: [String] = []
    var soname: String?
    var flags1: UInt64?
    /// Add PT_DYNAMIC even with no needed library, soname or flags (as static-pie has).
    var forceDynamic = false

    static let base: UInt64 = 0x40_0000

    /// Where the builder put things, for tests that break them on purpose.
    struct Layout {
        var programHeaders = 0
        var programHeaderCount = 0
        var interpreter = 0
        var strings = 0
        var dynamic = 0
    }

    var hasDynamic: Bool { forceDynamic || !needed.isEmpty || soname != nil || flags1 != nil }
    var headerSize: Int { wide ? 64 : 52 }
    var programHeaderSize: Int { wide ? 56 : 32 }
    var wordSize: Int { wide ? 8 : 4 }

    func build() -> [UInt8] { layout().bytes }

    func layout() -> (bytes: [UInt8], layout: Layout) {
        var layout = Layout()
        layout.programHeaderCount = 1 + (interpreter == nil ? 0 : 1) + (hasDynamic ? 1 : 0)
        layout.programHeaders = headerSize
        layout.interpreter = headerSize + layout.programHeaderCount * programHeaderSize
        let interpreterBytes: [UInt8] = interpreter.map { Array($0.utf8) + [0] } ?? []
        layout.strings = layout.interpreter + interpreterBytes.count
        var strings: [UInt8] = [0]
        var neededOffsets: [Int] = []
        for name in needed { neededOffsets.append(strings.count); strings += Array(name.utf8) + [0] }
        let sonameOffset = strings.count
        if let soname { strings += Array(soname.utf8) + [0] }
        layout.dynamic = (layout.strings + strings.count + 7) / 8 * 8
        var entries: [(UInt64, UInt64)] = neededOffsets.map { (1, UInt64($0)) }
        if soname != nil { entries.append((14, UInt64(sonameOffset))) }
        entries += [(5, Self.base + UInt64(layout.strings)), (10, UInt64(strings.count))]
        if let flags1 { entries.append((0x6fff_fffb, flags1)) }
        entries.append((0, 0))
        let dynamicSize = hasDynamic ? entries.count * 2 * wordSize : 0
        let total = layout.dynamic + dynamicSize

        var out = ELFWriter(bigEndian: bigEndian)
        out.bytes += [0x7f, 0x45, 0x4c, 0x46, wide ? 2 : 1, bigEndian ? 2 : 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        out.int(type, 2); out.int(machine, 2); out.int(1, 4)
        out.int(entry, wordSize); out.int(UInt64(layout.programHeaders), wordSize); out.int(0, wordSize)
        out.int(0, 4); out.int(UInt64(headerSize), 2); out.int(UInt64(programHeaderSize), 2)
        out.int(UInt64(layout.programHeaderCount), 2); out.int(UInt64(wide ? 64 : 40), 2); out.int(0, 2); out.int(0, 2)
        segment(&out, type: 1, offset: 0, size: total, align: 0x1000)
        if interpreter != nil { segment(&out, type: 3, offset: layout.interpreter, size: interpreterBytes.count, align: 1) }
        if hasDynamic { segment(&out, type: 2, offset: layout.dynamic, size: dynamicSize, align: 8) }
        out.bytes += interpreterBytes + strings
        out.bytes += [UInt8](repeating: 0, count: layout.dynamic - out.bytes.count)
        if hasDynamic { for (tag, value) in entries { out.int(tag, wordSize); out.int(value, wordSize) } }
        return (out.bytes, layout)
    }

    private func segment(_ out: inout ELFWriter, type: UInt32, offset: Int, size: Int, align: UInt64) {
        let (offset, size, address) = (UInt64(offset), UInt64(size), Self.base + UInt64(offset))
        out.int(UInt64(type), 4)
        if wide {
            out.int(5, 4); out.int(offset, 8); out.int(address, 8); out.int(address, 8)
            out.int(size, 8); out.int(size, 8); out.int(align, 8)
        } else {
            out.int(offset, 4); out.int(address, 4); out.int(address, 4)
            out.int(size, 4); out.int(size, 4); out.int(5, 4); out.int(align, 4)
        }
    }
}

/// Appends and patches integers in one byte order.
struct ELFWriter {
    var bigEndian: Bool
    var bytes: [UInt8] = []

    mutating func int(_ value: some BinaryInteger, _ size: Int) {
        bytes += Self.encode(UInt64(truncatingIfNeeded: value), size, bigEndian: bigEndian)
    }

    static func encode(_ value: UInt64, _ size: Int, bigEndian: Bool) -> [UInt8] {
        let little = (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        return bigEndian ? little.reversed() : little
    }

    /// Overwrites `size` bytes at `offset` of `bytes` with `value`.
    static func patch(_ bytes: inout [UInt8], at offset: Int, _ value: UInt64, size: Int, bigEndian: Bool = false) {
        bytes.replaceSubrange(offset..<(offset + size), with: encode(value, size, bigEndian: bigEndian))
    }
}
