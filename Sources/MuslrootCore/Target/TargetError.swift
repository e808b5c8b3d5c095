/// A target muslroot has no profile for. Exit code 2: nothing was attempted.
public enum TargetError: Error, Sendable, Equatable {
    /// `target` is not a triple muslroot knows; `known` lists the ones it does.
    case unknown(target: String, known: [String])
    /// `bootstrap --target` into a prefix that holds another target's toolchain: muslroot
    /// does not yet keep several targets in one prefix, and would replace it.
    case prefixHoldsOtherTarget(prefix: String, holds: String, requested: String)
}

extension TargetError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknown(target, known):
            "unknown target '\(target)'; muslroot knows: \(known.joined(separator: ", "))"
        case let .prefixHoldsOtherTarget(prefix, holds, requested):
            "\(prefix) holds the \(holds) toolchain, and one prefix holds one target for now; "
                + "bootstrap \(requested) into another prefix (muslroot bootstrap --target \(requested) --prefix OTHER-DIR)"
        }
    }
}

extension TargetError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .usage }
}
