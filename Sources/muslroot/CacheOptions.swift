import ArgumentParser
import Foundation
import MuslrootCore

/// `--no-cache` and `--cache-only`, shared by `bootstrap` and `add`: the binary cache
/// (docs/cache.md) is looked in before building, and what is built is kept in it.
struct CacheOptions: ParsableArguments {
    @Flag(help: "Build from source, without looking in the binary cache or storing what is built.")
    var noCache = false

    @Flag(help: "Install only from the binary cache: a package no cache holds is an error (exit 1), not a build.")
    var cacheOnly = false

    func validate() throws {
        if noCache, cacheOnly { throw ValidationError("--no-cache and --cache-only exclude each other: choose one") }
    }

    /// The binary cache beside the sources' cache (`--cache-dir DIR`: `DIR/artifacts`), or nil under `--no-cache`.
    func cache(_ context: CommandContext, sources: SourceOptions) -> BinaryCache? {
        guard !noCache else { return nil }
        let directory = ArtifactStore.directory(cacheDirectory: sources.cacheDirectory.map(context.absolute),
                                                environment: context.environment)
        var cache = BinaryCache(store: ArtifactStore(directory: directory))
        cache.only = cacheOnly
        return cache
    }
}
