import Foundation
import Testing
@testable import MuslrootCore

/// An OCI registry as a shared cache: Debian's `docker-registry` on 127.0.0.1, the tiny
/// artifact pushed signed and pulled into an empty local store; a blob altered in the
/// registry's storage, a manifest re-tagged and an untrusted key refused; and token
/// authentication (anonymous pull, push with credentials) through a front that asks for it.
@Suite(.enabled(if: LocalRegistry.available, "Debian's docker-registry is not installed (scripts/test-packages.txt)"))
struct RegistryCacheTests {
    /// The tiny artifact pushed to a fresh registry.
    struct Pushed {
        let published: RemoteCacheTests.Published
        let registry: LocalRegistry
        let location: CacheLocation

        init() async throws {
            published = try await RemoteCacheTests.Published()
            registry = try LocalRegistry(root: "\(published.scratch.path)/registry")
            location = try CacheLocation.parse(registry.reference("team/cache"), workingDirectory: "/")
            guard case .oci(let reference) = location else { throw TestFailure("not an OCI location") }
            let publisher = ArtifactPublisher(store: published.source, signingKey: published.key, environment: [:])
            try await publisher.push(try publisher.artifacts(prefix: nil), to: reference)
        }

        func fetch(trusted: [PublicKey]? = nil, key: String = ArtifactStoreTests.key, only: Bool = false) async throws -> (BinaryCache, Bool, [String]) {
            let cache = published.cache(location, trusted: trusted, only: only)
            let (hit, said) = try await published.fetch(cache, key: key)
            return (cache, hit, said)
        }

        func manifest(_ tag: String) async throws -> (Data, OCIManifest) {
            guard case .oci(let reference) = location else { throw TestFailure("not an OCI location") }
            let response = try await Downloader().exchange(HTTPRequest("GET", "\(reference.apiBase)/manifests/\(tag)",
                                                                         headers: ["Accept: \(OCIRegistry.manifestType)"]))
            return (response.body, try JSONDecoder().decode(OCIManifest.self, from: response.body))
        }
    }

    @Test func anArtifactPushedIsPulledIntoAnEmptyStore() async throws {
        let pushed = try await Pushed()
        let (cache, hit, said) = try await pushed.fetch()
        #expect(hit, "\(said)")
        let local = try #require(cache.store.lookup(ArtifactStoreTests.key))
        #expect(local.origin == pushed.location.description && local.digest == pushed.published.stored.digest)
        // The manifest: the descriptor as config, the archive as the one layer, the signature annotated.
        let (_, manifest) = try await pushed.manifest(ArtifactStoreTests.key)
        #expect(manifest.config.mediaType == OCIRegistry.descriptorType)
        #expect(manifest.layers.map(\.digest) == ["sha256:\(pushed.published.stored.digest)"])
        #expect(manifest.annotations?[OCIRegistry.signatureAnnotation] != nil)
        // Pushing again is a no-op for the blobs and does not fail.
        guard case .oci(let reference) = pushed.location else { return }
        let publisher = ArtifactPublisher(store: pushed.published.source, signingKey: pushed.published.key, environment: [:])
        try await publisher.push(try publisher.artifacts(prefix: nil), to: reference)
        // A key the registry has no manifest for is a miss.
        let (_, missed, quiet) = try await pushed.fetch(key: String(repeating: "ef", count: 32))
        #expect(!missed && quiet.isEmpty)
    }

    @Test func otherBytesServedForTheArchiveAreRefused() async throws {
        let pushed = try await Pushed()
        let path = pushed.registry.blobPath(pushed.published.stored.digest)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let (cache, hit, said) = try await pushed.fetch()
        #expect(!hit && cache.store.list().isEmpty)
        #expect(said.contains { $0.contains("the blob the registry served") && $0.contains(ArtifactStoreTests.key) }, "\(said)")
        let strict = pushed.published.cache(pushed.location, only: true)
        await #expect(throws: CacheError.self) { try await pushed.published.fetch(strict) }
    }

    @Test func aReTaggedManifestIsRefused() async throws {
        let pushed = try await Pushed()
        guard case .oci(let reference) = pushed.location else { return }
        let (body, _) = try await pushed.manifest(ArtifactStoreTests.key)
        let other = String(repeating: "cd", count: 32)
        let put = try await Downloader().exchange(HTTPRequest("PUT", "\(reference.apiBase)/manifests/\(other)",
                                                              headers: ["Content-Type: \(OCIRegistry.manifestType)"], body: .data(body)))
        try #require(put.isSuccess, "\(put.status)")
        let (cache, hit, said) = try await pushed.fetch(key: other)
        #expect(!hit && cache.store.list().isEmpty)
        #expect(said.contains { $0.contains("holds the signed artifact \(ArtifactStoreTests.key)") }, "\(said)")
    }

    @Test func anUntrustedKeyIsRefused() async throws {
        let pushed = try await Pushed()
        let (cache, hit, said) = try await pushed.fetch(trusted: [SigningKey.generate().publicKey])
        #expect(!hit && cache.store.list().isEmpty)
        #expect(said.contains { $0.contains("not trusted") && $0.contains(pushed.location.description) }, "\(said)")
    }

    @Test func tokenAuthenticationPullsAnonymouslyAndPushesWithCredentials() async throws {
        let published = try await RemoteCacheTests.Published()
        let registry = try LocalRegistry(root: "\(published.scratch.path)/registry")
        let front = try registry.tokenProxy(credentials: "ci:secret")
        guard case .oci(let reference) = try CacheLocation.parse("\(front)/team/cache", workingDirectory: "/") else { return }
        let artifacts = try ArtifactPublisher(store: published.source, signingKey: published.key, environment: [:]).artifacts(prefix: nil)

        let anonymous = ArtifactPublisher(store: published.source, signingKey: published.key, environment: ["DOCKER_CONFIG": "/nonexistent"])
        await #expect { try await anonymous.push(artifacts, to: reference) } throws: { error in
            "\(error)".contains("MUSLROOT_REGISTRY_AUTH") && "\(error)".contains("401")
        }
        let withCredentials = ArtifactPublisher(store: published.source, signingKey: published.key,
                                                environment: ["MUSLROOT_REGISTRY_AUTH": "ci:secret"])
        try await withCredentials.push(artifacts, to: reference)

        var cache = published.cache(.oci(reference))
        cache.environment = ["DOCKER_CONFIG": "/nonexistent"]
        let (hit, said) = try await published.fetch(cache)
        #expect(hit, "\(said)")
    }
}
