import ArgumentParser
import MuslrootCore

/// A muslroot subcommand. Its work takes a `CommandContext` (environment, output and error
/// sinks, command line, CPUs) instead of reading the process's, so that tests run it in-process.
protocol MuslrootCommand: AsyncParsableCommand {
    func run(in context: CommandContext) async throws
}

extension MuslrootCommand {
    func run() async throws {
        try await run(in: .current())
    }
}
