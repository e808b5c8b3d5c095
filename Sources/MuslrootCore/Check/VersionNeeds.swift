/// The symbol versions a file asks of its libraries (the `.gnu.version_r` section, DT_VERNEED):
/// `GLIBC_2.34` from `libc.so.6` and the like.
struct VersionNeed: Sendable, Equatable {
    var library: String
    var versions: [String]

    /// Reads `count` Verneed entries and their Vernaux chains from `bytes`, names from `strings`.
    /// Each entry is 16 bytes and each link moves forward, so hostile counts and links cannot loop.
    static func read(_ bytes: Range<Int>, count: UInt64, strings: Range<Int>, reader: ByteReader) throws -> [VersionNeed] {
        let limit = UInt64(bytes.count / 16)
        var needs: [VersionNeed] = []
        var entry = bytes.lowerBound
        for _ in 0..<min(count, limit) {
            guard entry + 16 <= bytes.upperBound else { break }
            let auxCount = UInt64(try reader.u16(entry + 2))
            let library = try reader.string(at: UInt64(try reader.u32(entry + 4)), in: strings, "a version need's library name")
            var versions: [String] = []
            var aux = entry + Int(try reader.u32(entry + 8))
            for _ in 0..<min(auxCount, limit) {
                guard aux + 16 <= bytes.upperBound else { break }
                versions.append(try reader.string(at: UInt64(try reader.u32(aux + 8)), in: strings, "a version need's version name"))
                let next = try reader.u32(aux + 12)
                if next == 0 { break }
                aux += Int(next)
            }
            needs.append(VersionNeed(library: library, versions: versions))
            let next = try reader.u32(entry + 12)
            if next == 0 { break }
            entry += Int(next)
        }
        return needs
    }
}

/// Orders `GLIBC_2.2.5` before `GLIBC_2.17` before `GLIBC_2.34`.
func versionOrder(_ left: String, _ right: String) -> Bool {
    func numbers(_ version: String) -> [Int] {
        version.split(whereSeparator: { !$0.isNumber }).map { Int($0) ?? 0 }
    }
    let (a, b) = (numbers(left), numbers(right))
    return a == b ? left < right : a.lexicographicallyPrecedes(b)
}
