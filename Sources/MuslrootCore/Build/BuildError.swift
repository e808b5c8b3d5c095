/// What can go wrong while building. Exit code 1.
public enum BuildError: Error, Sendable {
    /// A command of a phase exited non-zero (or was killed by a signal).
    case stepFailed(phase: String, command: [String], status: String, log: String, tail: [String])
    /// A command could not be started at all (missing program, bad directory).
    case launchFailed(phase: String, command: [String], reason: String, log: String)
    /// A phase finished but a file the recipe promises is not there; `log` is that phase's log.
    case missingInstall(recipe: String, file: String, recipeFile: String, log: String)
    /// The build was interrupted (Ctrl-C, SIGTERM). Running it again resumes.
    case interrupted(rerun: String)
    /// The work directory (or a file in it: a log, the jobserver) could not be set up.
    case workspace(path: String, reason: String)
}

extension BuildError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension BuildError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .stepFailed(phase, command, status, log, tail):
            return """
            \(phase) failed: \(status)
              command: \(command.joined(separator: " "))
              log: \(log)
            last lines of the log:
            \(tail.map { "  | \($0)" }.joined(separator: "\n"))
            Fix the cause and run the same command again: completed phases are not repeated.
            """
        case let .launchFailed(phase, command, reason, log):
            return "\(phase): could not run \(command.first ?? "?"): \(reason) (log: \(log)); run 'muslroot doctor' to check the host tools"
        case let .missingInstall(recipe, file, recipeFile, log):
            return "\(recipe) built, but '\(file)' is not installed (promised by 'installs' in \(recipeFile)); "
                + "see what its last phase installed in \(log), fix the recipe's install commands or its 'installs', "
                + "then run the same command again"
        case let .interrupted(rerun):
            return "interrupted; nothing was installed. Run '\(rerun)' to continue where it stopped."
        case let .workspace(path, reason):
            return "cannot use \(path) in the work directory: \(reason); make sure it is writable and has free space "
                + "(or choose another with --work-dir), then run the same command again"
        }
    }
}
