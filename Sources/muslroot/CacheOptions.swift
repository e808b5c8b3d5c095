import ArgumentParser
import Foundation
import MuslrootCore

/// The binary cache options of `bootstrap` and `add` (docs/cache.md): the local store is looked
/// in before building, then the shared caches; what is built is kept in the store.
struct CacheOptions: ParsableArguments {
    @Flag(help: "Build from source, without looking in the binary cache or storing what is built.")
    var noCache = false

    @Flag(help: "Install only from the binary cache: a package no cache holds is an error (exit 1), not a build.")
    var cacheOnly = false

    @Option(name: .customLong("cache"), help: ArgumentHelp(
        "A shared cache to install from after the local store: a directory, file:///DIR, https://HOST/PATH or oci://HOST[:PORT]/REPOSITORY. Repeatable; also MUSLROOT_CACHES (separated by spaces).",
        valueName: "url"))
    var caches: [String] = []

    @Option(name: .customLong("trust"), help: ArgumentHelp(
        "A public key (muslroot-ed25519:..., or a .pub file from `cache keygen`) whose signatures the shared caches' artifacts may carry. Repeatable; also MUSLROOT_TRUSTED_KEYS.",
        valueName: "key"))
    var trust: [String] = []

    func validate() throws {
        if noCache, cacheOnly { throw ValidationError("--no-cache and --cache-only exclude each other: choose one") }
        if noCache, !caches.isEmpty { throw ValidationError("--no-cache and --cache exclude each other: choose one") }
    }

    /// The binary cache beside the sources' cache (`--cache-dir DIR`: `DIR/artifacts`) and the
    /// shared caches, or nil under `--no-cache`.
    func cache(_ context: CommandContext, sources: SourceOptions) throws -> BinaryCache? {
        guard !noCache else { return nil }
        let directory = ArtifactStore.directory(cacheDirectory: sources.cacheDirectory.map(context.absolute),
                                                environment: context.environment)
        var cache = BinaryCache(store: ArtifactStore(directory: directory))
        cache.only = cacheOnly
        cache.environment = context.environment
        cache.remotes = try (caches + CacheLocation.list(context.environment["MUSLROOT_CACHES"])).map {
            try CacheLocation.parse($0, workingDirectory: context.workingDirectory)
        }
        cache.trusted = TrustedKeys(try (trust.map(context.absoluteKey) + CacheLocation.list(context.environment["MUSLROOT_TRUSTED_KEYS"])).map {
            try PublicKey.parse($0)
        })
        return cache
    }
}

extension CommandContext {
    /// A `--trust` value: a key's text as it is, a file's path made absolute.
    func absoluteKey(_ value: String) -> String {
        PublicKey(text: value) != nil ? value : absolute(value)
    }
}
