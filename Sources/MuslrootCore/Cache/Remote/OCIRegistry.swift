import Foundation
import Synchronization

/// An OCI registry repository as a cache (`oci://HOST[:PORT]/REPOSITORY`), through the OCI
/// distribution API. Each artifact is one image manifest tagged by its key: the config blob is
/// the descriptor (the bytes that were signed), the one layer the archive, and the signature an
/// annotation. Token authentication follows the registry's `WWW-Authenticate` challenge.
struct OCIRegistry: RemoteCache {
    static let manifestType = "application/vnd.oci.image.manifest.v1+json"
    static let descriptorType = "application/vnd.muslroot.artifact.descriptor.v1+json"
    static let archiveType = "application/vnd.muslroot.artifact.layer.v1.tar+zstd"
    static let signatureAnnotation = "dev.muslroot.signature"

    let reference: OCIReference
    let downloader: Downloader
    let credentials: RegistryCredentials?
    private let authorization = Authorization()

    init(reference: OCIReference, downloader: Downloader, environment: [String: String]) {
        self.reference = reference
        self.downloader = downloader
        credentials = RegistryCredentials.lookup(registry: reference.registry, environment: environment)
    }

    var location: CacheLocation { .oci(reference) }

    /// The `Authorization` header learned from the last challenge, shared by copies.
    final class Authorization: Sendable {
        let value = Mutex<String?>(nil)
    }

    // MARK: Reading

    func descriptor(_ key: String) async throws(CacheError) -> PublishedDescriptor? {
        let url = "\(reference.apiBase)/manifests/\(key)"
        let response = try await send(HTTPRequest("GET", url, headers: ["Accept: \(Self.manifestType)"]), push: false)
        if response.status == 404 { return nil }
        try Self.expect(response, url: url)
        guard let manifest = try? JSONDecoder().decode(OCIManifest.self, from: response.body),
              manifest.config.mediaType == Self.descriptorType, manifest.layers.count == 1,
              manifest.layers[0].mediaType == Self.archiveType else {
            throw .remote(url: url, message: "the manifest tagged \(key) is not a muslroot artifact's")
        }
        let configURL = "\(reference.apiBase)/blobs/\(manifest.config.digest)"
        let config = try await send(HTTPRequest("GET", configURL, limit: 1 << 20), push: false)
        try Self.expect(config, url: configURL)
        guard "sha256:\(config.sha256)" == manifest.config.digest else {
            throw .mismatch(url: configURL, key: key, what: "the descriptor blob's digest", expected: manifest.config.digest,
                            actual: "sha256:\(config.sha256)")
        }
        let signature = manifest.annotations?[Self.signatureAnnotation].map { Data($0.utf8) }
        return PublishedDescriptor(bytes: config.body, signature: signature, namedDigest: manifest.layers[0].digest,
                                   url: "\(reference)@\(key)")
    }

    func archive(_ key: String, _ entry: PublishedDescriptor, limit: Int64, to path: String) async throws(CacheError) -> (bytes: Int64, sha256: String) {
        let url = "\(reference.apiBase)/blobs/\(entry.namedDigest ?? "")"
        let response = try await send(HTTPRequest("GET", url, responseFile: path, limit: limit), push: false)
        try Self.expect(response, url: url)
        guard "sha256:\(response.sha256)" == entry.namedDigest else {
            throw .mismatch(url: url, key: key, what: "the blob the registry served (sha256)", expected: entry.namedDigest ?? "",
                            actual: "sha256:\(response.sha256)")
        }
        return (response.bytes, response.sha256)
    }

    // MARK: Talking to the registry

    /// Sends `request`, answering an authentication challenge once.
    func send(_ request: HTTPRequest, push: Bool) async throws(CacheError) -> HTTPResponse {
        var first = request
        if let header = authorization.value.withLock({ $0 }) { first.headers.append("Authorization: \(header)") }
        let response = try await exchange(first)
        guard response.status == 401, let text = response.headers["www-authenticate"],
              let challenge = RegistryChallenge(header: text) else { return response }
        let header = try await authorize(challenge, push: push, url: request.url)
        authorization.value.withLock { $0 = header }
        var second = request
        second.headers.append("Authorization: \(header)")
        return try await exchange(second)
    }

    private func exchange(_ request: HTTPRequest) async throws(CacheError) -> HTTPResponse {
        do {
            return try await downloader.exchange(request)
        } catch {
            throw .remote(url: request.url, message: error.description)
        }
    }

    /// The `Authorization` header value that answers `challenge`.
    private func authorize(_ challenge: RegistryChallenge, push: Bool, url: String) async throws(CacheError) -> String {
        let login = "set MUSLROOT_REGISTRY_AUTH=USER:PASSWORD or run `docker login \(reference.registry)`"
        switch challenge.scheme {
        case .basic:
            guard let credentials else { throw .remote(url: url, message: "the registry asks for a user name and password: \(login)") }
            return "Basic \(credentials.basic)"
        case .bearer:
            let scope = "repository:\(reference.repository):\(push ? "pull,push" : "pull")"
            guard let tokenURL = challenge.tokenURL(scope: scope) else {
                throw .remote(url: url, message: "the registry's token challenge names no realm: \(challenge.parameters)")
            }
            let headers = credentials.map { ["Authorization: Basic \($0.basic)"] } ?? []
            let response = try await exchange(HTTPRequest("GET", tokenURL, headers: headers))
            guard response.isSuccess else {
                let who = credentials == nil ? "anonymously (\(login) if the repository is private)" : "with the credentials given"
                throw .remote(url: tokenURL, message: "HTTP status \(response.status) when asking for a token \(who)")
            }
            guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                  let token = (object["token"] as? String) ?? (object["access_token"] as? String) else {
                throw .remote(url: tokenURL, message: "the token service's answer holds no token")
            }
            return "Bearer \(token)"
        }
    }

    /// A 2xx answer, or an error naming the status (and what to do on 401/403).
    static func expect(_ response: HTTPResponse, url: String) throws(CacheError) {
        guard !response.isSuccess else { return }
        var message = "HTTP status \(response.status)"
        if response.status == 401 || response.status == 403 {
            message += ": not allowed; set MUSLROOT_REGISTRY_AUTH=USER:PASSWORD or log in with `docker login`"
        }
        if let text = String(data: response.body.prefix(300), encoding: .utf8), !text.isEmpty { message += " (\(text.trimmingCharacters(in: .whitespacesAndNewlines)))" }
        throw .remote(url: url, message: message)
    }
}
