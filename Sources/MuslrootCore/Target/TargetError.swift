/// A target muslroot has no profile for. Exit code 2: nothing was attempted.
public enum TargetError: Error, Sendable, Equatable {
    /// `target` is not a triple muslroot knows; `known` lists the ones it does.
    case unknown(target: String, known: [String])
    /// `bootstrap --target` into a prefix that holds another target's toolchain: muslroot
    /// does not yet keep several targets in one prefix, and would replace it.
    case prefixHoldsOtherTarget(prefix: String, holds: String, requested: String)
    /// `package` cannot be built for `target`: its recipe (`file`) says so in `[[unsupported]]`,
    /// for `reason`. `neededBy`: the packages asked for that need it (empty when it was asked for).
    case unsupported(package: String, target: String, reason: String, file: String, neededBy: [String])
}

extension TargetError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknown(target, known):
            "unknown target '\(target)'; muslroot knows: \(known.joined(separator: ", "))"
        case let .prefixHoldsOtherTarget(prefix, holds, requested):
            "\(prefix) holds the \(holds) toolchain, and one prefix holds one target for now; "
                + "bootstrap \(requested) into another prefix (muslroot bootstrap --target \(requested) --prefix OTHER-DIR)"
        case let .unsupported(package, target, reason, file, neededBy):
            "\(package) cannot be built for \(target)"
                + (neededBy.isEmpty ? "" : ", and \(neededBy.joined(separator: ", ")) \(neededBy.count == 1 ? "needs" : "need") it")
                + ": \(reason) (\(file), [[unsupported]]); nothing was built"
        }
    }
}

extension TargetError: ExitStatusProviding {
    /// A recipe that cannot be built for the target is a failure of the request, as a build
    /// that fails is (exit 1); an unknown target or a prefix of another target is bad usage.
    public var exitStatus: ExitStatus {
        switch self {
        case .unknown, .prefixHoldsOtherTarget: .usage
        case .unsupported: .failure
        }
    }
}
