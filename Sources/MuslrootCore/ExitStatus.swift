/// The exit codes muslroot promises scripts (documented in README.md).
public enum ExitStatus: Int32, Sendable {
    /// Everything asked for was done.
    case success = 0
    /// Something failed while working: a download, a build, a check that found a problem.
    case failure = 1
    /// Bad usage or a bad recipe: nothing was attempted.
    case usage = 2

    /// The one place errors become exit codes.
    public static func forError(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as any ExitStatusProviding: error.exitStatus
        default: .failure
        }
    }
}

/// Errors whose exit code is not simply "failure" say so here.
public protocol ExitStatusProviding: Error {
    var exitStatus: ExitStatus { get }
}
