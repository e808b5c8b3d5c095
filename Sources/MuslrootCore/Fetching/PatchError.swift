/// A recipe's patch that cannot be applied. Exit code 1. The source tree it was applied to
/// is thrown away, never used.
public enum PatchError: Error, Sendable, Equatable {
    /// `patch` ran and failed; `output` is what it printed.
    case failed(patch: String, status: String, output: String)
    /// `patch` could not be started (not installed?).
    case notRunnable(patch: String, message: String)
    /// The patch file the recipe lists is missing or unreadable; `reason` says which.
    case unreadable(patch: String, reason: String)
}

extension PatchError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension PatchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .failed(patch, status, output):
            let shown = output.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n")
            return "patch \(patch) does not apply (patch -p1 \(status)):\n\(shown)\n"
                + "Check that it was made for this version of the source; to try it by hand: patch -p1 --dry-run -i \(patch) in a fresh copy of the source"
        case let .notRunnable(patch, message):
            return "cannot run 'patch' to apply \(patch): \(message); install it (apt-get install patch) and check with 'muslroot doctor'"
        case let .unreadable(patch, reason):
            return "patch \(patch), which the recipe lists under patches, cannot be read: \(reason); "
                + "put the file in the recipe's patches/ folder, or remove it from the recipe's patches list"
        }
    }
}
