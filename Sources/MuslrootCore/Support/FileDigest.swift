import Crypto
import Foundation

/// sha256 digests as muslroot writes them (64 lowercase hex digits), and the codebase's one
/// hex encoder.
enum FileDigest {
    /// The sha256 of a file on disk, read in large blocks (blocking: call it off the pool).
    static func sha256(ofFile path: String) -> String? {
        try? digest(ofFile: path)
    }

    /// The same, with errno when the file cannot be opened or read.
    static func digest(ofFile path: String) throws(SystemFailure) -> String {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw SystemFailure(path) }
        defer { close(file) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(file, buffer.baseAddress, buffer.count)
            if n < 0 { if errno == EINTR { continue } else { throw SystemFailure(path) } }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hex(hasher.finalize())
    }

    static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Two lowercase hex digits per byte, no separator: [0x0f, 0xa0] -> "0fa0".
    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
