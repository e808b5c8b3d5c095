/// Reads integers and strings from the bytes of one file, in the file's byte order.
///
/// Every read is checked against the length of the file and throws `CheckError` instead of
/// trapping; offsets and sizes that come from the file are combined with overflow-checked
/// arithmetic before they are compared. The bytes come from a `ByteSource`: only what is read
/// is ever in memory.
struct ByteReader {
    let source: ByteSource
    var bigEndian = false

    init(source: ByteSource) {
        self.source = source
    }

    init(bytes: [UInt8], file: String) {
        source = ByteSource(bytes: bytes, file: file)
    }

    var file: String { source.file }
    var count: Int { source.count }

    /// Names (strings in a string table) longer than this are refused rather than read whole.
    static let longestString = 4096

    func u8(_ offset: Int) throws -> UInt8 {
        try checkRead(offset, 1)
        return try source.bytes(offset..<offset + 1).first!
    }

    func u16(_ offset: Int) throws -> UInt16 { UInt16(truncatingIfNeeded: try integer(offset, 2)) }
    func u32(_ offset: Int) throws -> UInt32 { UInt32(truncatingIfNeeded: try integer(offset, 4)) }
    func u64(_ offset: Int) throws -> UInt64 { try integer(offset, 8) }

    /// An address or offset: 8 bytes in a 64-bit file, 4 in a 32-bit one.
    func word(_ offset: Int, wide: Bool) throws -> UInt64 { try integer(offset, wide ? 8 : 4) }

    private func integer(_ offset: Int, _ size: Int) throws -> UInt64 {
        try checkRead(offset, size)
        let bytes = try source.bytes(offset..<offset + size)
        var value: UInt64 = 0
        for index in 0..<size {
            value = value << 8 | UInt64(bytes[bytes.startIndex + (bigEndian ? index : size - 1 - index)])
        }
        return value
    }

    private func checkRead(_ offset: Int, _ size: Int) throws {
        guard offset >= 0, size <= count, offset <= count - size else {
            throw CheckError.truncated(file: file, what: "reading \(size) bytes at offset \(hex(offset)) goes past the end of the file (\(count) bytes)")
        }
    }

    /// The first `size` bytes of the file, or all of them when it is shorter.
    func prefix(_ size: Int) throws -> [UInt8] {
        Array(try source.bytes(0..<min(size, count)))
    }

    /// At most `limit` bytes from the start of `range` (a range `range(...)` checked).
    func bytes(_ range: Range<Int>, limit: Int) throws -> [UInt8] {
        Array(try source.bytes(range.lowerBound..<min(range.upperBound, range.lowerBound + limit)))
    }

    /// The bytes `offset ..< offset + size` of the file, or an error naming `what` they were meant to hold.
    func range(offset: UInt64, size: UInt64, _ what: @autoclosure () -> String) throws -> Range<Int> {
        let (end, overflow) = offset.addingReportingOverflow(size)
        guard !overflow else {
            throw CheckError.malformed(file: file, what: "\(what()) has offset \(hex(offset)) and size \(hex(size)), which overflow")
        }
        guard end <= UInt64(count) else {
            throw CheckError.truncated(file: file, what: "\(what()) (bytes \(hex(offset))..<\(hex(end))) ends past the end of the file (\(count) bytes)")
        }
        return Int(offset)..<Int(end)
    }

    /// A table of `entries` entries of `entrySize` bytes each, checked like `range`.
    func table(offset: UInt64, entries: UInt64, entrySize: UInt64, _ what: @autoclosure () -> String) throws -> Range<Int> {
        let (size, overflow) = entries.multipliedReportingOverflow(by: entrySize)
        guard !overflow else {
            throw CheckError.malformed(file: file, what: "\(what()) claims \(entries) entries of \(entrySize) bytes, which overflows")
        }
        return try range(offset: offset, size: size, what())
    }

    /// The NUL-terminated string starting `index` bytes into the string table `table`, read a
    /// piece at a time.
    func string(at index: UInt64, in table: Range<Int>, _ what: @autoclosure () -> String) throws -> String {
        guard index < UInt64(table.count) else {
            throw CheckError.malformed(file: file, what: "\(what()): string offset \(hex(index)) is outside its string table (\(table.count) bytes)")
        }
        var name: [UInt8] = []
        var position = table.lowerBound + Int(index)
        while position < table.upperBound {
            let piece = try source.bytes(position..<min(table.upperBound, position + 256))
            if let end = piece.firstIndex(of: 0) {
                name += piece[..<end]
                return String(decoding: name, as: UTF8.self)
            }
            name += piece
            position += piece.count
            guard name.count <= Self.longestString else {
                throw CheckError.malformed(file: file, what: "\(what()): string at offset \(hex(index)) is longer than \(Self.longestString) bytes")
            }
        }
        throw CheckError.malformed(file: file, what: "\(what()): string at offset \(hex(index)) is not terminated")
    }
}

func hex(_ value: some BinaryInteger) -> String { "0x" + String(value, radix: 16) }
