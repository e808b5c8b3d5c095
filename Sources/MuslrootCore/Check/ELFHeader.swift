/// The ELF file header: what the file is, for which machine, and where its tables are.
struct ELFHeader: Sendable {
    static let magic: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]

    var wide: Bool
    var bigEndian: Bool
    var type: UInt16
    var machine: UInt16
    var entry: UInt64
    var programHeaderOffset: UInt64
    var programHeaderSize: UInt16
    var programHeaderCount: UInt16
    var sectionHeaderOffset: UInt64
    var sectionHeaderSize: UInt16
    var sectionHeaderCount: UInt16

    /// Reads the identification bytes and the header; `reader` is switched to the file's byte order.
    init(reader: inout ByteReader) throws {
        let file = reader.file
        guard reader.count > 0 else { throw CheckError.empty(file: file) }
        let prefix = try reader.prefix(4)
        guard prefix == Self.magic else {
            if Self.magic.starts(with: prefix) {
                throw CheckError.truncated(file: file, what: "only \(reader.count) bytes, not even the ELF magic number")
            }
            throw CheckError.notELF(file: file, found: Self.describeForeign(try reader.prefix(80)))
        }
        guard reader.count >= 16 else {
            throw CheckError.truncated(file: file, what: "the ELF identification needs 16 bytes, the file has \(reader.count) bytes")
        }
        switch try reader.u8(4) {
        case 1: wide = false
        case 2: wide = true
        case let other: throw CheckError.malformed(file: file, what: "unknown ELF class \(other) (expected 1 for 32-bit or 2 for 64-bit)")
        }
        switch try reader.u8(5) {
        case 1: bigEndian = false
        case 2: bigEndian = true
        case let other: throw CheckError.malformed(file: file, what: "unknown byte order \(other) (expected 1 for little-endian or 2 for big-endian)")
        }
        reader.bigEndian = bigEndian
        let headerSize = wide ? 64 : 52
        guard reader.count >= headerSize else {
            throw CheckError.truncated(file: file, what: "the \(wide ? 64 : 32)-bit ELF header needs \(headerSize) bytes, the file has \(reader.count) bytes")
        }
        let w = wide ? 8 : 4
        type = try reader.u16(16)
        machine = try reader.u16(18)
        entry = try reader.word(24, wide: wide)
        programHeaderOffset = try reader.word(24 + w, wide: wide)
        sectionHeaderOffset = try reader.word(24 + 2 * w, wide: wide)
        let sizes = 24 + 3 * w + 4 + 2 // after e_flags and e_ehsize
        programHeaderSize = try reader.u16(sizes)
        programHeaderCount = try reader.u16(sizes + 2)
        sectionHeaderSize = try reader.u16(sizes + 4)
        sectionHeaderCount = try reader.u16(sizes + 6)
    }

    /// A short description of a file that is not ELF (from its first 80 bytes), for the error message.
    static func describeForeign(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(4)
        if bytes.starts(with: Array("#!".utf8)) {
            let line = bytes.prefix(80).prefix { $0 != 0x0a }
            return "a script: \(String(decoding: line, as: UTF8.self))"
        }
        if bytes.starts(with: Array("!<arch>\n".utf8)) { return "an ar archive (a static library?), not a linked binary" }
        if bytes.starts(with: [0x4d, 0x5a]) { return "a Windows PE/DOS executable" }
        let machO: [[UInt8]] = [[0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xfe, 0xed, 0xfa, 0xce], [0xca, 0xfe, 0xba, 0xbe]]
        if machO.contains(Array(head)) { return "a Mach-O file" }
        let shown = head.map { FileDigest.hex([$0]) }
        return "starts with bytes \(shown.joined(separator: " ")), not 7f 45 4c 46"
    }
}
