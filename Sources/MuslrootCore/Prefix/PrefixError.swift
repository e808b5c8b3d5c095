/// What can go wrong with the install prefix. Exit code 1.
public enum PrefixError: Error, Sendable {
    /// Another muslroot holds the prefix's lock.
    case locked(prefix: String, holder: String)
    /// The prefix exists and cannot be replaced without losing something (`detail` says what).
    case notOurs(prefix: String, detail: String)
    /// muslroot cannot create files where it must (beside the prefix: lock, work directory).
    case notWritable(path: String)
    /// The staged (or installed) toolchain failed its smoke test: which check, the command and
    /// its output, and what to do (where the compiler came from, what to run again).
    case smokeTestFailed(check: String, detail: String, nextStep: String)
    /// `doctor --prefix` was pointed at a directory with no toolchain.
    case noToolchain(prefix: String, missing: String)
    /// Moving the stage into place failed; the prefix is as it was.
    case installFailed(path: String, reason: String)
    /// Making the stage (merging the recipes' files, writing the manifest) failed at `path`.
    case stagingFailed(path: String, reason: String)
}

extension PrefixError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension PrefixError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .locked(prefix, holder):
            return "another muslroot is working on \(prefix) (\(holder)); wait for it to finish, or stop it and run this again"
        case let .notOurs(prefix, detail):
            return "cannot install into \(prefix): \(detail); choose a new or empty directory for --prefix"
        case let .notWritable(path):
            return "\(path) is not writable; choose a --prefix whose parent directory you can write to (and a --work-dir there)"
        case let .smokeTestFailed(check, detail, nextStep):
            return "smoke test failed: \(check)\n\(detail)\n\(nextStep)"
        case let .noToolchain(prefix, missing):
            return "no toolchain in \(prefix): \(missing) does not exist; build one with: muslroot bootstrap --prefix \(prefix)"
        case let .installFailed(path, reason):
            return "could not install into \(path): \(reason); \(path) was left as it was. "
                + "Fix the cause and run the same command again: the built toolchain is kept and not built again"
        case let .stagingFailed(path, reason):
            return "could not stage the toolchain at \(path): \(reason); nothing was installed. Check the free space "
                + "and permissions of the work directory, then run the same command again (completed phases are not repeated)"
        }
    }
}
