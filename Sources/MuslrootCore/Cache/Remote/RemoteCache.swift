import Foundation

/// A remote entry's descriptor as it was published: its exact bytes (what the signature
/// covers) and its signature file, not yet trusted.
struct PublishedDescriptor: Sendable {
    var bytes: Data
    var signature: Data?
    /// The archive's digest as the remote names it apart from the descriptor (a registry
    /// manifest's layer), which must agree with the signed one.
    var namedDigest: String?
    /// Where the entry is, for messages.
    var url: String
}

/// A shared cache muslroot reads artifacts from: a directory, a static HTTPS layout or an OCI
/// registry. It only moves bytes; `BinaryCache` decides whether to trust them.
protocol RemoteCache: Sendable {
    var location: CacheLocation { get }
    /// The published descriptor of `key`, or nil when the cache has no such entry.
    func descriptor(_ key: String) async throws(CacheError) -> PublishedDescriptor?
    /// Writes the entry's archive to `path` (at most `limit` bytes are taken); returns how
    /// many bytes were written and their sha256.
    func archive(_ key: String, _ entry: PublishedDescriptor, limit: Int64, to path: String) async throws(CacheError) -> (bytes: Int64, sha256: String)
}

/// The layout `cache export` writes and directory and HTTPS caches read, the local store's
/// own with a signature beside each descriptor:
///
///     ROOT/KEY/descriptor.json
///     ROOT/KEY/descriptor.json.sig
///     ROOT/KEY/artifact.tar.zst
enum CacheLayout {
    static let descriptor = "descriptor.json"
    static let signature = "descriptor.json.sig"
    static let archive = "artifact.tar.zst"
}

extension CacheLocation {
    /// The cache that reads this location.
    func remote(downloader: Downloader, environment: [String: String]) -> any RemoteCache {
        switch self {
        case .directory(let path): DirectoryCache(root: path)
        case .http(let url): HTTPCache(base: url, downloader: downloader)
        case .oci(let reference): OCIRegistry(reference: reference, downloader: downloader, environment: environment)
        }
    }
}
