import Foundation

/// What `bootstrap` and `add` ask before building a package, and tell after: the local store
/// (`ArtifactStore`). A hit becomes `BuiltPackage`s unpacked into the work directory (copies,
/// never links into the store), which enter the prefix through the same `PrefixTransaction`
/// as a build's; what was built is stored once the prefix took it.
public struct BinaryCache: Sendable {
    public var store: ArtifactStore
    /// `--cache-only`: a package no cache holds is an error instead of a build.
    public var only: Bool = false

    public init(store: ArtifactStore) {
        self.store = store
    }

    /// An artifact found for `key`, unpacked into `directory`: its packages, and where it came from.
    public struct Hit: Sendable {
        public var packages: [BuiltPackage]
        public var origin: String
    }

    /// The artifact `key`, unpacked into `directory`, or nil when no cache holds it (a damaged
    /// entry is reported on `observer` and counts as missing).
    func fetch(_ key: String, package: String, into directory: String, observer: (any BuildObserver)?) async throws -> Hit? {
        let store = store
        guard let descriptor = await TreeWork.run("cache", { store.lookup(key) }) else {
            if only { throw CacheError.missing(package: package, key: key, caches: []) }
            return nil
        }
        do {
            let packages = try await TreeWork.run("cache") { try store.unpack(descriptor, into: directory) }
            await observer?.handle(.fromCache(package: package, key: key, origin: store.directory))
            return Hit(packages: packages, origin: store.directory)
        } catch {
            await observer?.handle(.message("binary cache: \(error); building \(package) instead"))
            if only { throw error }
            return nil
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
