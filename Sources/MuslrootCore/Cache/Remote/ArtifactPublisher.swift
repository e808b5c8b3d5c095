import Foundation

/// `cache export DIR` and `cache push oci://...`: artifacts of the local store, signed with
/// the publisher's key, written to a directory in `CacheLayout` (to serve as files over HTTPS
/// or share on a network file system) or pushed to an OCI registry.
public struct ArtifactPublisher: Sendable {
    public var store: ArtifactStore
    public var signingKey: SigningKey
    public var environment: [String: String]
    var downloader = Downloader()

    public init(store: ArtifactStore, signingKey: SigningKey, environment: [String: String]) {
        (self.store, self.signingKey, self.environment) = (store, signingKey, environment)
    }

    /// What a prefix holds (each target's toolchain artifact and each library's), or with no
    /// prefix every artifact of the store.
    public func artifacts(prefix: String?) throws -> [ArtifactDescriptor] {
        guard let prefix else { return store.list() }
        let manifests = PrefixTargets.load(prefix: prefix).manifests
        guard !manifests.isEmpty else {
            throw PrefixError.noToolchain(prefix: prefix, missing: Manifest.path(in: prefix))
        }
        let wanted = manifests.flatMap { manifest in
            [(ArtifactDescriptor.toolchainPackage, PackageKeys.toolchain(of: manifest))]
                + manifest.libraries.map { ($0.name, $0.fingerprint) }
        }
        return try wanted.map { (package, key) throws(CacheError) in
            guard let descriptor = store.lookup(key) else { throw .notStored(package: package, key: key, store: store.directory) }
            return descriptor
        }
    }

    /// The descriptor's bytes as published, and their signature.
    private func signed(_ descriptor: ArtifactDescriptor) throws(CacheError) -> (Data, ArtifactSignature) {
        let bytes = descriptor.encoded()
        return (bytes, try signingKey.signature(of: bytes))
    }

    /// Writes each artifact into `directory` (an entry at a time, renamed into place, so a
    /// reader never sees half of one); an entry already there is replaced.
    public func export(_ artifacts: [ArtifactDescriptor], to directory: String) async throws {
        for descriptor in artifacts {
            let (bytes, signature) = try signed(descriptor)
            let scratch = "\(directory)/.incoming-\(descriptor.key).\(getpid())"
            try await TreeWork.run("cache export") { try Self.prepare(scratch) }
            let archive = store.archive(descriptor.key)
            do {
                let copied = try await LocalCopy(path: archive, url: archive, partial: "\(scratch)/\(CacheLayout.archive)",
                                                 limit: descriptor.size).run { _ in }
                guard copied.bytes == descriptor.size, copied.sha256 == descriptor.digest else {
                    throw CacheError.damaged(key: descriptor.key, path: archive, reason: "it is not the bytes its descriptor names")
                }
                try await TreeWork.run("cache export") {
                    try Self.admit(scratch, descriptor: bytes, signature: signature, as: "\(directory)/\(descriptor.key)")
                }
            } catch {
                FileTree.remove(scratch)
                throw error as? CacheError ?? CacheError.store(path: archive, message: "\(error)")
            }
        }
    }

    private static func prepare(_ scratch: String) throws {
        FileTree.remove(scratch)
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw CacheError.store(path: scratch, message: TreeWork.reason(error))
        }
    }

    /// Writes the descriptor and its signature beside the archive in `scratch`, then renames
    /// it to `entry` (an older entry goes aside first).
    private static func admit(_ scratch: String, descriptor: Data, signature: ArtifactSignature, as entry: String) throws {
        do {
            try descriptor.write(to: URL(fileURLWithPath: "\(scratch)/\(CacheLayout.descriptor)"))
            try signature.encoded().write(to: URL(fileURLWithPath: "\(scratch)/\(CacheLayout.signature)"))
        } catch {
            throw CacheError.store(path: scratch, message: TreeWork.reason(error))
        }
        let old = "\((entry as NSString).deletingLastPathComponent)/.old-\((entry as NSString).lastPathComponent).\(getpid())"
        _ = rename(entry, old)
        guard rename(scratch, entry) == 0 else { throw CacheError.store(path: entry, message: SystemFailure(entry).text) }
        FileTree.remove(old)
    }

    /// Pushes each artifact to the registry repository `reference`.
    public func push(_ artifacts: [ArtifactDescriptor], to reference: OCIReference) async throws {
        let registry = OCIRegistry(reference: reference, downloader: downloader, environment: environment)
        for descriptor in artifacts {
            let (bytes, signature) = try signed(descriptor)
            try await registry.push(key: descriptor.key, descriptor: bytes, signature: signature,
                                    archive: store.archive(descriptor.key), archiveDigest: descriptor.digest,
                                    archiveSize: descriptor.size,
                                    title: "\(descriptor.package) \(descriptor.version) \(descriptor.target)")
        }
    }
}
