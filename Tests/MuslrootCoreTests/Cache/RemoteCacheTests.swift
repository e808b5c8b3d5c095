import Foundation
import Testing
@testable import MuslrootCore

/// Shared caches on tiny fixture artifacts: published signed into a directory, read back from
/// it and over HTTP into an empty local store; and every way a remote artifact is refused,
/// each with nothing admitted into the store and the package left to be built.
struct RemoteCacheTests {
    /// What a fetch told its observer.
    actor Messages: BuildObserver {
        var lines: [String] = []
        var hits: [String] = []
        func handle(_ event: BuildEvent) async {
            switch event {
            case .message(let text): lines.append(text)
            case .fromCache(let package, _, let origin): hits.append("\(package) \(origin)")
            default: break
            }
        }
    }

    /// A local store holding the tiny artifact, a key pair, and the artifact exported signed
    /// into `SCRATCH/shared`.
    struct Published {
        let scratch = TemporaryDirectory("remote")
        let key = SigningKey.generate()
        let source: ArtifactStore
        let stored: ArtifactDescriptor
        var shared: String { "\(scratch.path)/shared" }
        var entry: String { "\(shared)/\(ArtifactStoreTests.key)" }

        init() async throws {
            source = ArtifactStore(directory: "\(scratch.path)/source/artifacts")
            let package = try ArtifactStoreTests.package(in: scratch)
            stored = try source.store([package], key: ArtifactStoreTests.key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
            let publisher = ArtifactPublisher(store: source, signingKey: key, environment: [:])
            try await publisher.export(try publisher.artifacts(prefix: nil), to: shared)
        }

        /// A cache with an empty local store reading `location`, trusting `trusted` (the publisher's key by default).
        func cache(_ location: CacheLocation? = nil, trusted: [PublicKey]? = nil, only: Bool = false) -> BinaryCache {
            var cache = BinaryCache(store: ArtifactStore(directory: "\(scratch.path)/fresh-\(UInt32.random(in: 0 ... .max))/artifacts"))
            cache.remotes = [location ?? .directory(shared)]
            cache.trusted = TrustedKeys(trusted ?? [key.publicKey])
            cache.only = only
            return cache
        }

        /// Fetches the tiny artifact; returns whether it was a hit and what was said.
        func fetch(_ cache: BinaryCache, key: String = ArtifactStoreTests.key) async throws -> (hit: Bool, said: [String]) {
            let messages = Messages()
            let hit = try await cache.fetch(key, package: "tiny", into: "\(scratch.path)/into-\(UInt32.random(in: 0 ... .max))", observer: messages)
            return (hit != nil, await messages.lines)
        }
    }

    @Test func aSignedArtifactComesFromADirectoryIntoAnEmptyStore() async throws {
        let published = try await Published()
        #expect(FileManager.default.fileExists(atPath: "\(published.entry)/descriptor.json.sig"))
        let cache = published.cache()
        let messages = Messages()
        let into = "\(published.scratch.path)/into"
        let hit = try #require(try await cache.fetch(ArtifactStoreTests.key, package: "tiny", into: into, observer: messages))
        #expect(hit.packages.map(\.entry.files) == [published.stored.packages[0].files])
        #expect(hit.origin == published.shared)
        #expect(await messages.hits == ["tiny \(published.shared)"])
        #expect(try String(contentsOfFile: "\(into)/x86_64-linux-musl/lib/libtiny.a", encoding: .utf8) == "archive tiny\n")
        // Admitted into the local store, which says where it came from.
        let local = try #require(cache.store.lookup(ArtifactStoreTests.key))
        #expect(local.origin == published.shared && local.digest == published.stored.digest)
        // file:// names the same directory.
        let viaURL = published.cache(try CacheLocation.parse("file://\(published.shared)", workingDirectory: "/"))
        #expect(try await published.fetch(viaURL).hit)
    }

    @Test func aSignedArtifactComesOverHTTP() async throws {
        let published = try await Published()
        let server = try FaultServer(root: published.shared)
        defer { server.stop() }
        let cache = published.cache(.http(server.url("ok")))
        let (hit, said) = try await published.fetch(cache)
        #expect(hit, "\(said)")
        #expect(cache.store.lookup(ArtifactStoreTests.key)?.origin == server.url("ok"))
        // A cache without the key is a miss, not an error.
        let other = published.cache(.http(server.url("404")))
        let miss = try await published.fetch(other)
        #expect(!miss.hit && miss.said.isEmpty)
    }

    /// Refused: nothing is admitted, the fetch is a miss that says why naming the URL and key,
    /// and under --cache-only the refusal is the error.
    func expectRefused(_ published: Published, trusted: [PublicKey]? = nil, key: String = ArtifactStoreTests.key,
                       _ matches: (CacheError) -> Bool) async throws {
        let cache = published.cache(trusted: trusted)
        let (hit, said) = try await published.fetch(cache, key: key)
        #expect(!hit)
        #expect(said.contains { $0.contains(published.shared) && $0.contains(key) }, "\(said)")
        #expect(cache.store.list().isEmpty)
        let strict = published.cache(trusted: trusted, only: true)
        await #expect { try await published.fetch(strict, key: key) } throws: { error in
            guard let error = error as? CacheError else { return false }
            return matches(error)
        }
    }

    @Test func anUnsignedArtifactIsRefused() async throws {
        let published = try await Published()
        unlink("\(published.entry)/descriptor.json.sig")
        try await expectRefused(published) { if case .unsigned = $0 { true } else { false } }
    }

    @Test func anUntrustedKeyIsRefused() async throws {
        let published = try await Published()
        try await expectRefused(published, trusted: [SigningKey.generate().publicKey]) { if case .untrusted = $0 { true } else { false } }
        try await expectRefused(published, trusted: []) { if case .untrusted = $0 { true } else { false } }
    }

    @Test func anAlteredDescriptorFailsItsSignature() async throws {
        let published = try await Published()
        let path = "\(published.entry)/descriptor.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"1.0\"", with: "\"1.1\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try await expectRefused(published) { if case .badSignature = $0 { true } else { false } }
    }

    @Test func anEntryUnderAnotherKeyIsRefused() async throws {
        let published = try await Published()
        let other = String(repeating: "cd", count: 32)
        #expect(rename(published.entry, "\(published.shared)/\(other)") == 0)
        try await expectRefused(published, key: other) { if case .wrongArtifact = $0 { true } else { false } }
    }

    @Test func otherBytesOfTheSameSizeAreRefused() async throws {
        let published = try await Published()
        let path = "\(published.entry)/artifact.tar.zst"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: path))
        try await expectRefused(published) { if case .mismatch(_, _, let what, _, _) = $0 { what.contains("sha256") } else { false } }
    }

    @Test func aTruncatedArchiveIsRefused() async throws {
        let published = try await Published()
        #expect(truncate("\(published.entry)/artifact.tar.zst", 10) == 0)
        try await expectRefused(published) { if case .mismatch(_, _, _, _, let actual) = $0 { actual.contains("truncated") } else { false } }
    }

    @Test func aLongerArchiveIsRefusedAndCopiedOnlyPastItsSize() async throws {
        let published = try await Published()
        let handle = try #require(FileHandle(forWritingAtPath: "\(published.entry)/artifact.tar.zst"))
        handle.seekToEndOfFile()
        handle.write(Data(count: 1 << 20))
        try handle.close()
        try await expectRefused(published) { error in
            guard case .mismatch(_, _, let what, _, let actual) = error else { return false }
            return what.contains("size") && actual == "\(published.stored.size + 1) bytes"
        }
    }

    /// A signed archive whose entries would leave the directory it is unpacked into: the
    /// extractor refuses it, nothing is written outside, and it leaves the local store.
    @Test func aSignedArchiveWritingOutsideIsRefused() async throws {
        let published = try await Published()
        let tar = "\(published.scratch.path)/evil.tar"
        let made = try await shell("python3 -c \"import tarfile,io; t=tarfile.open('\(tar)','w'); i=tarfile.TarInfo('artifact/../../escaped'); d=b'x'; i.size=1; t.addfile(i, io.BytesIO(d)); t.close()\" && zstd -q -f '\(tar)' -o '\(published.entry)/artifact.tar.zst'", in: published.scratch.path)
        try #require(made.status == 0, "\(made.output)")
        // Re-signed by the publisher, so only the extractor stands in the way.
        var descriptor = published.stored
        descriptor.size = Int64(try FileManager.default.attributesOfItem(atPath: "\(published.entry)/artifact.tar.zst")[.size] as! Int)
        descriptor.digest = try #require(FileDigest.sha256(ofFile: "\(published.entry)/artifact.tar.zst"))
        try descriptor.encoded().write(to: URL(fileURLWithPath: "\(published.entry)/descriptor.json"))
        try published.key.signature(of: descriptor.encoded()).encoded().write(to: URL(fileURLWithPath: "\(published.entry)/descriptor.json.sig"))

        let cache = published.cache()
        let (hit, said) = try await published.fetch(cache)
        #expect(!hit)
        #expect(said.contains { $0.contains(ArtifactStoreTests.key) && $0.contains("building tiny instead") }, "\(said)")
        #expect(cache.store.list().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(published.scratch.path)/escaped"))
        #expect(!FileManager.default.fileExists(atPath: "\(published.scratch.path)/../escaped"))
    }

    @Test func cacheLocationsParse() throws {
        #expect(try CacheLocation.parse("shared", workingDirectory: "/work") == .directory("/work/shared"))
        #expect(try CacheLocation.parse("file:///srv/cache", workingDirectory: "/") == .directory("/srv/cache"))
        #expect(try CacheLocation.parse("https://example.org/cache/", workingDirectory: "/") == .http("https://example.org/cache"))
        guard case .oci(let reference) = try CacheLocation.parse("oci://127.0.0.1:5000/team/muslroot", workingDirectory: "/") else {
            Issue.record("not an OCI location"); return
        }
        #expect(reference.apiBase == "http://127.0.0.1:5000/v2/team/muslroot")
        guard case .oci(let remote) = try CacheLocation.parse("oci://ghcr.io/acme/cache", workingDirectory: "/") else { return }
        #expect(remote.apiBase == "https://ghcr.io/v2/acme/cache")
        #expect(throws: CacheError.self) { try CacheLocation.parse("oci://ghcr.io", workingDirectory: "/") }
        #expect(throws: CacheError.self) { try CacheLocation.parse("oci://ghcr.io/Upper", workingDirectory: "/") }
        #expect(throws: CacheError.self) { try CacheLocation.parse("s3://bucket/x", workingDirectory: "/") }
        #expect(CacheLocation.list(" a  b\nc ") == ["a", "b", "c"])
    }

    @Test func keysRoundTripThroughTheirFiles() throws {
        let scratch = TemporaryDirectory("keys")
        let key = SigningKey.generate()
        try key.write(to: "\(scratch.path)/k")
        var info = stat()
        #expect(stat("\(scratch.path)/k", &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try SigningKey.read("\(scratch.path)/k").publicKey == key.publicKey)
        #expect(try PublicKey.parse("\(scratch.path)/k.pub") == key.publicKey)
        #expect(try PublicKey.parse(key.publicKey.text) == key.publicKey)
        #expect(throws: CacheError.self) { try key.write(to: "\(scratch.path)/k") }
        #expect(throws: CacheError.self) { try SigningKey.read("\(scratch.path)/k.pub") }
        #expect(throws: CacheError.self) { try PublicKey.parse("\(scratch.path)/k") }
    }

    @Test func registryChallengesParse() throws {
        let challenge = try #require(RegistryChallenge(header: #"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push""#))
        #expect(challenge.scheme == .bearer)
        #expect(challenge.parameters["scope"] == "repository:a/b:pull,push")
        let url = try #require(challenge.tokenURL(scope: "ignored"))
        #expect(url == "https://auth.example/token?service=registry.example&scope=repository:a/b:pull,push")
        #expect(RegistryChallenge(header: #"Basic realm="Registry""#)?.scheme == .basic)
        #expect(RegistryChallenge(header: "Negotiate x") == nil)
    }

    @Test func credentialsComeFromTheEnvironmentOrDockersConfig() throws {
        let scratch = TemporaryDirectory("docker")
        let auth = Data("me:secret".utf8).base64EncodedString()
        try #"{"auths": {"registry.example:5000": {"auth": "\#(auth)"}}}"#.write(toFile: "\(scratch.path)/config.json", atomically: true, encoding: .utf8)
        #expect(RegistryCredentials.lookup(registry: "registry.example:5000", environment: ["DOCKER_CONFIG": scratch.path])
                    == RegistryCredentials(user: "me", password: "secret"))
        #expect(RegistryCredentials.lookup(registry: "other.example", environment: ["DOCKER_CONFIG": scratch.path]) == nil)
        #expect(RegistryCredentials.lookup(registry: "x", environment: ["MUSLROOT_REGISTRY_AUTH": "u:p:q", "DOCKER_CONFIG": scratch.path])
                    == RegistryCredentials(user: "u", password: "p:q"))
    }
}
