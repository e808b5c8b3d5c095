import Foundation

/// What `bootstrap` and `add` ask before building a package, and tell after: the local store
/// (`ArtifactStore`), then the shared caches (`--cache`) in order. A remote artifact is
/// verified (trusted signature, its descriptor the key's, its bytes the signed digest) and
/// admitted into the local store before anything is unpacked, so the local store holds only
/// what this machine built or verified. A hit becomes `BuiltPackage`s unpacked into the work
/// directory (copies, never links into the store), which enter the prefix through the same
/// `PrefixTransaction` as a build's; what was built is stored once the prefix took it.
public struct BinaryCache: Sendable {
    public var store: ArtifactStore
    /// `--cache-only`: a package no cache holds is an error instead of a build.
    public var only: Bool = false
    /// `--cache` and `MUSLROOT_CACHES`, asked in order after the local store.
    public var remotes: [CacheLocation] = [] { didSet { readers = Self.readers(remotes, downloader, environment) } }
    /// `--trust` and `MUSLROOT_TRUSTED_KEYS`: whose signatures remote artifacts may carry.
    public var trusted = TrustedKeys([])
    /// For registry credentials (`MUSLROOT_REGISTRY_AUTH`, Docker's config).
    public var environment: [String: String] = [:] { didSet { readers = Self.readers(remotes, downloader, environment) } }
    let downloader = Downloader(configuration: .init(connectTimeout: 10, lowSpeedTime: 20))
    /// What reads each of `remotes`, made once: a registry's token serves every artifact of a run.
    private var readers: [any RemoteCache] = []

    private static func readers(_ remotes: [CacheLocation], _ downloader: Downloader, _ environment: [String: String]) -> [any RemoteCache] {
        remotes.map { $0.remote(downloader: downloader, environment: environment) }
    }

    public init(store: ArtifactStore) {
        self.store = store
    }

    /// An artifact found for `key`, unpacked into `directory`: its packages, and where it came from.
    public struct Hit: Sendable {
        public var packages: [BuiltPackage]
        public var origin: String
    }

    /// The artifact `key`, unpacked into `directory`, or nil when no cache holds a good one
    /// (each refusal is reported on `observer`; under `--cache-only` the last one is thrown).
    func fetch(_ key: String, package: String, into directory: String, observer: (any BuildObserver)?) async throws -> Hit? {
        let store = store
        var refusals: [CacheError] = []
        var found = await TreeWork.run("cache") { store.lookup(key) }
        let fetchedNow = found == nil
        if found == nil {
            for remote in readers {
                do {
                    found = try await admit(key, from: remote)
                } catch {
                    refusals.append(error)
                    await observer?.handle(.message("binary cache: \(error)"))
                }
                if found != nil { break }
            }
        }
        guard let descriptor = found else {
            if only { throw refusals.last ?? CacheError.missing(package: package, key: key, caches: remotes.map(\.description)) }
            if !refusals.isEmpty { await observer?.handle(.message("building \(package) from source instead")) }
            return nil
        }
        do {
            let packages = try await TreeWork.run("cache") { try store.unpack(descriptor, into: directory) }
            // Where this run found it: the shared cache it was just fetched from, or the store.
            let origin = fetchedNow ? descriptor.origin : store.directory
            await observer?.handle(.fromCache(package: package, key: key, origin: origin))
            return Hit(packages: packages, origin: origin)
        } catch {
            // Nothing that failed to unpack stays in the store (an archive writing outside its
            // directory is refused by the extractor before anything lands there).
            store.remove(key)
            FileTree.remove(directory)
            await observer?.handle(.message("binary cache: artifact \(key) from \(descriptor.origin): \(error); building \(package) instead"))
            if only { throw error }
            return nil
        }
    }

    /// Reads `key` from `remote`, checks it, and admits it into the local store. Nil when the
    /// remote has no such entry; a refusal is thrown.
    func admit(_ key: String, from remote: any RemoteCache) async throws(CacheError) -> ArtifactDescriptor? {
        guard let published = try await remote.descriptor(key) else { return nil }
        try trusted.verify(published.bytes, signatureFile: published.signature, url: published.url, artifactKey: key)
        guard let descriptor = ArtifactDescriptor.decode(published.bytes) else {
            throw .remote(url: published.url, message: "its signed descriptor is not a muslroot artifact descriptor (\(ArtifactDescriptor.currentFormat))")
        }
        guard descriptor.key == key else { throw .wrongArtifact(url: published.url, key: key, holds: descriptor.key) }
        if let named = published.namedDigest, named != "sha256:\(descriptor.digest)" {
            throw .mismatch(url: published.url, key: key, what: "the archive the manifest names", expected: "sha256:\(descriptor.digest)", actual: named)
        }
        let store = store
        let scratch = try await TreeWork.run("cache") { Result { () throws(CacheError) in try store.prepareScratch(for: key) } }.get()
        do {
            let (bytes, sha256) = try await remote.archive(key, published, limit: descriptor.size, to: "\(scratch)/\(CacheLayout.archive)")
            if bytes != descriptor.size {
                throw CacheError.mismatch(url: published.url, key: key, what: "the archive's size", expected: "\(descriptor.size) bytes",
                                          actual: "\(bytes) bytes\(bytes < descriptor.size ? " (truncated)" : "")")
            }
            if sha256 != descriptor.digest {
                throw CacheError.mismatch(url: published.url, key: key, what: "the archive's sha256", expected: descriptor.digest, actual: sha256)
            }
            var verified = descriptor
            verified.origin = remote.location.description
            let local = verified
            return try await TreeWork.run("cache") { Result { () throws(CacheError) in try store.admit(scratch, descriptor: local) } }.get()
        } catch {
            FileTree.remove(scratch)
            throw error as? CacheError ?? .remote(url: published.url, message: "\(error)")
        }
    }

    /// Stores what was built as the artifact `key`. A failure is reported, not thrown: the
    /// prefix is installed already, and the cache is only a shortcut for next time.
    func keep(_ packages: [BuiltPackage], key: String, package: String, version: String, target: String,
              observer: (any BuildObserver)?) async {
        let store = store
        do {
            let descriptor = try await TreeWork.run("cache") {
                try store.store(packages, key: key, package: package, version: version, target: target)
            }
            await observer?.handle(.stored(package: package, key: key, bytes: descriptor.size))
        } catch {
            await observer?.handle(.message("binary cache: could not store \(package): \(error)"))
        }
    }
}
