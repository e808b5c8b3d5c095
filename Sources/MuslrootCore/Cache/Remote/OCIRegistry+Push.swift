import Foundation

extension OCIRegistry {
    /// Publishes one artifact: the archive and descriptor blobs (skipped when the registry has
    /// them), then the manifest tagged by the key, with the signature as an annotation.
    func push(key: String, descriptor: Data, signature: ArtifactSignature, archive: String, archiveDigest: String,
              archiveSize: Int64, title: String) async throws(CacheError) {
        let descriptorDigest = "sha256:\(FileDigest.sha256(of: descriptor))"
        try await upload(.file(archive), digest: "sha256:\(archiveDigest)")
        try await upload(.data(descriptor), digest: descriptorDigest)
        let manifest = OCIManifest(
            config: .init(mediaType: Self.descriptorType, digest: descriptorDigest, size: Int64(descriptor.count)),
            layers: [.init(mediaType: Self.archiveType, digest: "sha256:\(archiveDigest)", size: archiveSize)],
            annotations: [Self.signatureAnnotation: String(decoding: signature.encoded(), as: UTF8.self),
                          "org.opencontainers.image.title": title])
        let url = "\(reference.apiBase)/manifests/\(key)"
        let body = (try? JSONEncoder().encode(manifest)) ?? Data()
        let response = try await send(HTTPRequest("PUT", url, headers: ["Content-Type: \(Self.manifestType)"], body: .data(body)), push: true)
        try Self.expect(response, url: url)
    }

    /// A blob: nothing when the registry has it, else a monolithic upload (POST, then PUT with
    /// the digest), which every registry of the distribution spec takes.
    private func upload(_ body: HTTPRequest.Body, digest: String) async throws(CacheError) {
        let blobURL = "\(reference.apiBase)/blobs/\(digest)"
        if try await send(HTTPRequest("HEAD", blobURL), push: true).isSuccess { return }
        let start = "\(reference.apiBase)/blobs/uploads/"
        let started = try await send(HTTPRequest("POST", start), push: true)
        try Self.expect(started, url: start)
        guard let location = started.headers["location"], let session = resolve(location) else {
            throw .remote(url: start, message: "the registry started an upload without a Location")
        }
        let separator = session.contains("?") ? "&" : "?"
        let put = "\(session)\(separator)digest=\(digest)"
        let response = try await send(HTTPRequest("PUT", put, headers: ["Content-Type: application/octet-stream"], body: body), push: true)
        try Self.expect(response, url: put)
    }

    /// An upload's Location, which may be relative to the registry.
    private func resolve(_ location: String) -> String? {
        if location.hasPrefix("http://") || location.hasPrefix("https://") { return location }
        guard let base = URL(string: reference.apiBase), let url = URL(string: location, relativeTo: base) else { return nil }
        return url.absoluteString
    }
}
