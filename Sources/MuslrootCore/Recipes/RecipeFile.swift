import Foundation

/// Reading recipe directories and files: only directories are listed and only regular files
/// (or symbolic links to them) are opened, and every refusal says what the path is instead.
enum RecipeFile {
    /// The `*.toml` entries of `directory`, sorted, as paths.
    static func paths(in directory: String) throws(RecipeError) -> [String] {
        switch PathKind.of(directory) {
        case .directory: break
        case .missing: throw .missingDirectory(path: directory)
        case .inaccessible(let reason): throw .unreadable(path: directory, reason: reason)
        case let kind: throw .notADirectory(path: directory, found: kind)
        }
        guard let stream = opendir(directory) else {
            throw .unreadable(path: directory, reason: String(cString: strerror(errno)))
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".toml") { names.append(name) }
        }
        return names.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The text of the recipe file at `path`, which must be UTF-8.
    static func text(of path: String) throws(RecipeError) -> String {
        switch PathKind.of(path) {
        case .regularFile: break
        case .inaccessible(let reason): throw .unreadable(path: path, reason: reason)
        case let kind: throw .notARecipeFile(path: path, found: kind)
        }
        let bytes = try read(path)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = firstInvalidByte(bytes) ?? 0
        let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        throw .notUTF8(file: path, line: bytes[..<offset].count { $0 == UInt8(ascii: "\n") } + 1,
                       column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1,
                       byte: bytes[offset])
    }

    /// All bytes of a regular file. O_NONBLOCK and the second check only matter if the path
    /// was replaced by something else (a FIFO) since it was looked at.
    private static func read(_ path: String) throws(RecipeError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .notARecipeFile(path: path, found: PathKind.of(path))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            bytes += chunk[..<count]
        }
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
