import ArgumentParser
import Foundation
import MuslrootCore

/// `--mirror` and `--cache-dir`, shared by the commands that fetch sources.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("mirror"), help: ArgumentHelp(
        "A URL prefix or a directory to try before the recipes' URLs (repeatable; also MUSLROOT_MIRRORS).", valueName: "url|dir"))
    var mirrors: [String] = []

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where verified sources are kept.", valueName: "dir"))
    var cacheDirectory: String?

    func fetcher(_ context: CommandContext, maxConcurrent: Int = 4, progress: (any FetchProgress)? = nil) throws -> Fetcher {
        let environment = context.environment
        let cache = SourceCache(directory: context.absolute(cacheDirectory ?? SourceCache.defaultDirectory(environment: environment)))
        return Fetcher(cache: cache, mirrors: try Mirror.list(arguments: mirrors, environment: environment,
                                                              workingDirectory: context.workingDirectory),
                       maxConcurrent: maxConcurrent, progress: progress)
    }
}
