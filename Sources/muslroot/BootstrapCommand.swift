import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build binutils, gcc (C and C++), musl and the Linux headers into a prefix.",
            discussion: """
            Builds in a work directory beside the prefix, smoke-tests the result, and only then moves it \
            into the prefix. Interrupted (Ctrl-C, kill -9), it resumes from the last completed phase when \
            run again. A prefix that is already up to date is left alone. Each phase logs to \
            WORK/logs/RECIPE/PHASE.log.

            Examples:
              muslroot bootstrap --prefix ~/cross
              muslroot bootstrap --prefix ~/cross --mirror /srv/tarballs --jobs 8
              muslroot bootstrap --prefix /opt/cross --json > events.jsonl
            """)

        @OptionGroup var recipes: RecipeOptions
        @OptionGroup var sourceOptions: SourceOptions

        @Option(help: ArgumentHelp("Where the toolchain is installed.", valueName: "dir"))
        var prefix: String

        @Option(help: ArgumentHelp("Where to build (default: .NAME.muslroot beside the prefix).", valueName: "dir"))
        var workDir: String?

        @Option(name: .shortAndLong, help: "How many jobs run at once, across all packages (default: the number of cores).")
        var jobs: Int?

        @Flag(help: "Keep the source and build trees after a successful install, for inspection.")
        var keepWork = false

        @Flag(help: "Print one JSON event per line, for scripts.")
        var json = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            try await Failure.report {
                let book = try recipes.book()
                let prefix = RecipeSearchPath.absolute(self.prefix)
                let reporter = BuildReporter(style: BuildReporter.style(json: json))
                let bootstrap = MuslrootCore.Bootstrap(
                    book: book, prefix: prefix,
                    workspace: workDir.map { Workspace(root: RecipeSearchPath.absolute($0)) } ?? .standard(for: prefix),
                    jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, keepWork: keepWork, environment: ProcessInfo.processInfo.environment,
                    sources: SourceStore(fetcher: try sourceOptions.fetcher()), observer: reporter,
                    staticProblem: StaticInspection.problem)
                let outcome: MuslrootCore.Bootstrap.Outcome
                do {
                    outcome = try await Interruption.cancelling { try await bootstrap.run() }
                } catch {
                    await reporter.finish()
                    if json { print(JSONLine.encode(["event": "failed", "error": Failure.describe(error)])) }
                    throw error
                }
                await reporter.finish()
                report(outcome)
            }
        }

        private func report(_ outcome: MuslrootCore.Bootstrap.Outcome) {
            let usage = ResourceUsage.current()
            switch outcome {
            case .upToDate(let prefix):
                print(json ? JSONLine.encode(["event": "up-to-date", "prefix": prefix]) : "\(prefix) is up to date; nothing to do.")
            case let .installed(prefix, checks, logs):
                if json {
                    print(JSONLine.encode(["event": "installed", "prefix": prefix, "logs": logs, "checks": checks]))
                    print(JSONLine.encode(["event": "resources", "self_cpu_seconds": usage.selfCPUSeconds,
                                           "children_cpu_seconds": usage.childrenCPUSeconds]))
                } else {
                    for check in checks { print("smoke test: \(check)") }
                    print("Installed the \(Triple.x86_64Musl) toolchain in \(prefix) (logs in \(logs)).")
                    print(String(format: "CPU: builds %.0f s, muslroot itself %.1f s.", usage.childrenCPUSeconds, usage.selfCPUSeconds))
                    print("Try: \(prefix)/bin/\(Triple.x86_64Musl)-gcc -static -o hello hello.c")
                }
            }
        }
    }
}
