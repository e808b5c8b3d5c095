/// A target muslroot has no profile for. Exit code 2: nothing was attempted.
public enum TargetError: Error, Sendable, Equatable {
    /// `target` is not a triple muslroot knows; `known` lists the ones it does.
    case unknown(target: String, known: [String])
}

extension TargetError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknown(target, known):
            "unknown target '\(target)'; muslroot knows: \(known.joined(separator: ", "))"
        }
    }
}

extension TargetError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .usage }
}
