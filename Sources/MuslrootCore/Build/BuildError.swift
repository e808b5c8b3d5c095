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
    /// The work directory's path holds `character`, which configure scripts and make cannot
    /// take. `prefix`: the prefix's own such character, when `path` is the work directory
    /// muslroot chose for it in the cache (else `path` was given with `--work-dir`).
    case unusableWorkPath(path: String, character: String, prefix: (path: String, character: String)?)
}

extension BuildError: ExitStatusProviding {
    public var exitStatus: ExitStatus {
        if case .unusableWorkPath = self { return .usage }
        return .failure
    }
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
        case let .unusableWorkPath(path, character, prefix):
            let advice = "run the same command again with --work-dir DIR, DIR a directory whose path has only letters, "
                + "digits and / . _ - + , @ % = ~ (the prefix keeps its path; only the build happens there). Nothing was done."
            if let prefix {
                return "\(prefix.path) holds '\(prefix.character)', which configure scripts and make cannot take in a build "
                    + "directory, so muslroot would build in \(path), but that path holds '\(character)' too; " + advice
            }
            return "cannot build in \(path): its path holds '\(character)', which configure scripts and make cannot take; " + advice
        }
    }
}
