import Crypto
import Foundation

/// A cache in a directory (`--cache DIR` or `file:///DIR`), in `CacheLayout`.
struct DirectoryCache: RemoteCache {
    let root: String

    var location: CacheLocation { .directory(root) }

    func descriptor(_ key: String) async throws(CacheError) -> PublishedDescriptor? {
        let entry = "\(root)/\(key)"
        return await TreeWork.run("cache") {
            guard let bytes = FileManager.default.contents(atPath: "\(entry)/\(CacheLayout.descriptor)") else { return nil }
            let signature = FileManager.default.contents(atPath: "\(entry)/\(CacheLayout.signature)")
            return PublishedDescriptor(bytes: bytes, signature: signature, url: "\(root)/\(key)")
        }
    }

    func archive(_ key: String, _ entry: PublishedDescriptor, limit: Int64, to path: String) async throws(CacheError) -> (bytes: Int64, sha256: String) {
        let source = "\(root)/\(key)/\(CacheLayout.archive)"
        let result = await TreeWork.run("cache") { Self.copy(source, to: path, limit: limit) }
        return try result.get()
    }

    /// Copies at most `limit` bytes (one more tells that the file is longer), hashing them.
    static func copy(_ source: String, to path: String, limit: Int64) -> Result<(bytes: Int64, sha256: String), CacheError> {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return .failure(.remote(url: source, message: SystemFailure(source).text)) }
        defer { close(input) }
        let output = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { return .failure(.store(path: path, message: SystemFailure(path).text)) }
        defer { close(output) }
        var hasher = SHA256()
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while total <= limit {
            let n = read(input, buffer.baseAddress, buffer.count)
            if n < 0 { if errno == EINTR { continue }; return .failure(.remote(url: source, message: SystemFailure(source).text)) }
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<n])
            var done = 0
            while done < n {
                let w = write(output, chunk.baseAddress! + done, n - done)
                if w < 0 { if errno == EINTR { continue }; return .failure(.store(path: path, message: SystemFailure(path).text)) }
                done += w
            }
            hasher.update(bufferPointer: chunk)
            total += Int64(n)
        }
        return .success((total, FileDigest.hex(hasher.finalize())))
    }
}
