import ArgumentParser
import Foundation
import MuslrootCore

/// What every command that builds into a prefix takes: `bootstrap` and `add`.
struct BuildOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The toolchain prefix.", valueName: "dir"))
    var prefix: String

    @Option(help: ArgumentHelp("""
        Where to build (default: .NAME.muslroot beside the prefix, or under ~/.cache/muslroot/work when the prefix's \
        path holds a space, a quote or a $). The stage is always .NAME.muslroot/stage beside the prefix.
        """, valueName: "dir"))
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

    func absolutePrefix(_ context: CommandContext) -> String { context.absolute(prefix) }

    /// Where to build for `target`; a path configure scripts cannot take is an error, before any work.
    func workspace(_ context: CommandContext, target: Triple) throws -> Workspace {
        try Workspace.choose(prefix: absolutePrefix(context), workDirectory: workDir.map(context.absolute), environment: context.environment)
            .scoped(to: target)
    }

    func jobCount(_ context: CommandContext) -> Int { jobs ?? context.processorCount }

    func style(_ context: CommandContext) -> BuildReporter.Style {
        BuildReporter.style(json: json, terminal: context.outputIsTerminal)
    }

    /// The downloads' progress, in the command's style: JSON events in `events` (the build's
    /// stream), live lines on a terminal, plain lines otherwise.
    func fetchProgress(_ context: CommandContext, events: EventStream) -> any FetchProgress {
        BuildFetchProgress(reporting: style(context).fetchProgress(output: context.output, events: events))
    }

    /// Runs a build with live progress (or JSON events on `events`), cancelled cleanly on
    /// SIGINT/SIGTERM; a failure is reported as a `failed` event too.
    func run<T: Sendable>(_ context: CommandContext, events: EventStream,
                          _ body: @escaping @Sendable (BuildReporter) async throws -> T) async throws -> T {
        let reporter = BuildReporter(style: style(context), output: context.output, events: events)
        do {
            let outcome = try await Interruption.cancelling { try await body(reporter) }
            await reporter.finish()
            return outcome
        } catch {
            await reporter.finish()
            if json { events.outcome(.failed(error: Failure.describe(error))) }
            throw error
        }
    }

    /// The `resources` event (JSON) or line: CPU used by the builds and by muslroot itself.
    func printResources(_ context: CommandContext, events: EventStream) {
        let usage = ResourceUsage.current()
        if json {
            events.outcome(.resources(selfCPUSeconds: usage.selfCPUSeconds, childrenCPUSeconds: usage.childrenCPUSeconds))
        } else {
            context.output.line(String(format: "CPU: builds %.0f s, muslroot itself %.1f s.", usage.childrenCPUSeconds, usage.selfCPUSeconds))
        }
    }
}
