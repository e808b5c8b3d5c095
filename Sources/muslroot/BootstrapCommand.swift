import ArgumentParser
import Foundation
import MuslrootCore

extension ToolchainFlavor: ExpressibleByArgument {}
extension Allocator: ExpressibleByArgument {}

extension Muslroot {
    struct Bootstrap: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build binutils, gcc (C and C++), musl and the Linux headers into a prefix.",
            discussion: """
            Builds in a work directory beside the prefix, smoke-tests the result, and only then moves it \
            into the prefix. Interrupted (Ctrl-C, kill -9), it resumes from the last completed phase when \
            run again. A prefix that is already up to date is left alone. Each phase logs to \
            WORK/logs/RECIPE/PHASE.log.

            --toolchain host builds only musl and the Linux headers, with the build machine's gcc, and \
            installs a TARGET-gcc wrapper that drives the host's gcc with them (C only, about a minute); \
            for another architecture than the build machine's it is Debian's cross gcc \
            (gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf, gcc-riscv64-linux-gnu, gcc-i686-linux-gnu). `muslroot add` works the same on either.

            Examples:
              muslroot bootstrap --prefix ~/cross
              muslroot bootstrap --prefix ~/cross-c --toolchain host
              muslroot bootstrap --prefix ~/cross-arm64 --toolchain host --target aarch64-linux-musl
              muslroot bootstrap --prefix ~/cross --target aarch64-linux-musl   # beside x86_64
              muslroot bootstrap --prefix ~/cross --malloc mimalloc
              muslroot bootstrap --prefix ~/cross --mirror /srv/tarballs --jobs 8
              muslroot bootstrap --prefix /opt/cross --json > events.jsonl
            """)

        @OptionGroup var recipes: RecipeOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var build: BuildOptions
        @OptionGroup var cacheOptions: CacheOptions

        @Option(help: ArgumentHelp("gcc: the full cross gcc, C and C++ (about 30 minutes); host: the host's gcc with the recipes' musl, C only (about a minute).",
                                   valueName: "gcc|host"))
        var toolchain: ToolchainFlavor = .gcc

        @Option(help: ArgumentHelp("The allocator in the toolchain's libc.a: musl (musl's own) or mimalloc (fast under threads; see docs/malloc.md).",
                                   valueName: "musl|mimalloc"))
        var malloc: Allocator = .musl

        @Option(help: ArgumentHelp("""
            The machine the toolchain builds for (`muslroot list --targets`; docs/targets.md). Into a prefix that holds \
            another target, this one is added beside it. Default: the prefix's target when it holds one, else \
            x86_64-linux-musl.
            """, valueName: "triple"))
        var target: String?

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let events = EventStream(context.output)
                let requested = try target.map { try TargetProfile(parsing: $0).triple }
                let (triple, note) = PrefixTargets.load(prefix: build.absolutePrefix(context)).bootstrapTarget(requested)
                let profile = try TargetProfile(triple)
                context.say(targetNote: note, json: build.json)
                var configured = MuslrootCore.Bootstrap(
                    book: try recipes.book(context, flavor: toolchain, allocator: malloc, target: profile), prefix: build.absolutePrefix(context), workspace: try build.workspace(context, target: profile.triple),
                    jobs: build.jobCount(context), keepWork: build.keepWork, environment: context.environment,
                    sources: SourceStore(fetcher: try sourceOptions.fetcher(context, progress: build.fetchProgress(context, events: events))),
                    observer: nil,
                    staticProblem: StaticInspection.problem)
                configured.target = profile.triple
                configured.flavor = toolchain
                configured.allocator = malloc
                configured.commandLine = context.commandLine
                configured.cache = try cacheOptions.cache(context, sources: sourceOptions)
                let bootstrap = configured
                let outcome = try await build.run(context, events: events) { reporter in
                    var bootstrap = bootstrap
                    bootstrap.observer = reporter
                    return try await bootstrap.run()
                }
                report(outcome, context, events: events, target: profile.triple)
            }
        }

        private func report(_ outcome: MuslrootCore.Bootstrap.Outcome, _ context: CommandContext, events: EventStream, target: Triple) {
            switch outcome {
            case .upToDate(let prefix):
                if build.json { events.outcome(.upToDate(prefix: prefix, target: target.description)) } else { context.output.line("The \(target) toolchain in \(prefix) is up to date; nothing to do.") }
            case let .installed(prefix, checks, logs):
                if build.json {
                    events.outcome(.installed(prefix: prefix, target: target.description, logs: logs, checks: checks))
                } else {
                    for check in checks { context.output.line("smoke test: \(check)") }
                    context.output.line("Installed the \(target) toolchain (\(toolchain.rawValue), malloc: \(malloc.rawValue)) in \(prefix) (logs in \(logs)).")
                }
                build.printResources(context, events: events)
                if !build.json {
                    context.output.line("Try: \(prefix)/bin/\(target)-gcc -static -o hello hello.c")
                    let others = PrefixTargets.load(prefix: prefix).targets.count > 1
                    context.output.line("Add libraries: muslroot add openssl zlib --prefix \(prefix)"
                        + (others && target != .default ? " --target \(target)" : ""))
                }
            }
        }
    }
}
