import Foundation

/// A cache served over HTTPS (or HTTP) in `CacheLayout`, as `cache export` wrote it: any
/// web server, CDN or object-store bucket serves it as static files.
struct HTTPCache: RemoteCache {
    let base: String
    let downloader: Downloader

    var location: CacheLocation { .http(base) }

    func descriptor(_ key: String) async throws(CacheError) -> PublishedDescriptor? {
        let url = "\(base)/\(key)/\(CacheLayout.descriptor)"
        guard let bytes = try await get(url) else { return nil }
        let signature = try await get("\(base)/\(key)/\(CacheLayout.signature)")
        return PublishedDescriptor(bytes: bytes, signature: signature, url: "\(base)/\(key)")
    }

    func archive(_ key: String, _ entry: PublishedDescriptor, limit: Int64, to path: String) async throws(CacheError) -> (bytes: Int64, sha256: String) {
        let url = "\(base)/\(key)/\(CacheLayout.archive)"
        let response: HTTPResponse
        do {
            response = try await downloader.exchange(HTTPRequest("GET", url, responseFile: path, limit: limit))
        } catch {
            throw .remote(url: url, message: error.description)
        }
        guard response.isSuccess else { throw .remote(url: url, message: "HTTP status \(response.status)") }
        return (response.bytes, response.sha256)
    }

    /// The body of `url`, or nil on 404 (and 403, which buckets answer for a missing object).
    private func get(_ url: String) async throws(CacheError) -> Data? {
        let response: HTTPResponse
        do {
            response = try await downloader.exchange(HTTPRequest("GET", url))
        } catch {
            throw .remote(url: url, message: error.description)
        }
        if response.status == 404 || response.status == 403 || response.status == 410 { return nil }
        guard response.isSuccess else { throw .remote(url: url, message: "HTTP status \(response.status)") }
        return response.body
    }
}
