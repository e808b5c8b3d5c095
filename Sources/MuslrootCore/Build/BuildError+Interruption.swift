import Foundation

extension BuildError {
    /// Runs `body`; however far it got, a cancelled run (Ctrl-C, SIGTERM) says so, and what to
    /// run again to go on.
    static func reportingInterruption<T>(rerun commandLine: [String], _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if Task.isCancelled, !(error is BuildError) { throw BuildError.interrupted(rerun: CommandContext.rerunCommand(commandLine)) }
            throw error
        }
    }
}
