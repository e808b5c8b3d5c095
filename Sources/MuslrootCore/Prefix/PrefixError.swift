/// What can go wrong with the install prefix. Exit code 1.
public enum PrefixError: Error, Sendable {
    /// Another muslroot holds the prefix's lock.
    case locked(prefix: String, holder: String)
    /// The prefix exists, is not empty, and was not made by muslroot.
    case notOurs(prefix: String)
    /// The staged toolchain failed its smoke test; nothing was installed.
    case smokeTestFailed(check: String, detail: String, directory: String)
    /// Moving the stage into place failed.
    case installFailed(path: String, reason: String)
}

extension PrefixError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension PrefixError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .locked(prefix, holder):
            return "another muslroot is working on \(prefix) (\(holder)); wait for it to finish, or stop it and run this again"
        case let .notOurs(prefix):
            return "\(prefix) exists and holds files muslroot did not install; choose a new or empty directory for --prefix"
        case let .smokeTestFailed(check, detail, directory):
            return "smoke test failed: \(check)\n\(detail)\nthe test files are in \(directory); nothing was installed"
        case let .installFailed(path, reason):
            return "could not install into \(path): \(reason)"
        }
    }
}
