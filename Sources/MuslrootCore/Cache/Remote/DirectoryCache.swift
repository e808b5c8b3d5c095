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
        // Regular files only, as for a directory mirror's sources; at most one byte past the
        // signed size, which the size check then refuses.
        let source = "\(root)/\(key)/\(CacheLayout.archive)"
        do {
            let copied = try await LocalCopy(path: source, url: source, partial: path, limit: limit).run { _ in }
            return (copied.bytes, copied.sha256)
        } catch {
            throw .remote(url: source, message: error.description)
        }
    }
}
