import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Fetch: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download and verify sources without building, for offline use later.",
            discussion: """
            Fetches the sources of the packages named and of everything they depend on (or of every recipe with --all) \
            into the cache, each checked against the sha256 its recipe pins. A file already in the cache is not \
            downloaded again: once the cache is filled, muslroot works offline.

            URLs are tried in this order: each --mirror, then each of MUSLROOT_MIRRORS (separated by spaces or \
            commas), then the recipe's url and mirrors. A mirror is a URL prefix (the file name is appended) or a \
            directory holding the files by name. Transient failures are retried; an interrupted download resumes.

            The cache is $XDG_CACHE_HOME/muslroot/sources (else ~/.cache/muslroot/sources), or --cache-dir. Partial \
            downloads wait in DIR.partial beside it, files whose hash did not match are kept in DIR.rejected.

            Output: live progress on a terminal, plain lines otherwise. With --json, one JSON object per line: \
            {"event": "fetch-cached"|"fetch-started"|"fetch-progress"|"fetch-retrying"|"fetch-failed"|"fetch-done", "source", \
            "file", and as the event has them "url", "path", "sha256", "bytes", "total", "offset", "attempt", "delay", "error"}, \
            then {"event": "summary", "sources", "downloaded", "cached", "bytes", "cache"}: the same events as in \
            bootstrap --json and add --json (see docs/json.md). Errors go to stderr.

            Exit codes: 0 all sources verified, 1 a source could not be fetched, 2 bad usage or a bad recipe.

            Examples:
              muslroot fetch gcc
              muslroot fetch --all --mirror ../shared/mirror
              muslroot fetch --all --recipes Tests/mirror-overlay --mirror ../shared/mirror
              MUSLROOT_MIRRORS=https://example.org/sources muslroot fetch musl --json
              muslroot fetch binutils --cache-dir /srv/muslroot-cache
            """)

        @OptionGroup var recipes: RecipeOptions

        @Argument(help: "Packages whose sources to fetch (with those of their dependencies).")
        var packages: [String] = []

        @Flag(help: "Fetch the sources of every recipe, optional ones included.")
        var all = false

        @OptionGroup var sourceOptions: SourceOptions

        @Option(name: .shortAndLong, help: "How many downloads run at once.")
        var jobs = 4

        @Flag(help: "Print one JSON object per line, for scripts.")
        var json = false

        func validate() throws {
            if packages.isEmpty, !all { throw ValidationError("name packages or use --all, for example: muslroot fetch gcc") }
            if !packages.isEmpty, all { throw ValidationError("give package names or --all, not both") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let sources = try SourceSelection.sources(in: try recipes.book(context), packages: packages, all: all)
                let style = BuildReporter.style(json: json, terminal: context.outputIsTerminal)
                let reporter = style.fetchProgress(output: context.output, events: EventStream(context.output))
                let tally = FetchTally(reporting: reporter)
                let fetcher = try sourceOptions.fetcher(context, maxConcurrent: jobs, progress: tally)
                let cache = fetcher.cache
                _ = try await fetcher.fetch(sources)
                let summary = tally.summary(cache: cache)
                context.output.line(json ? summary.json : summary.text)
            }
        }
    }
}
