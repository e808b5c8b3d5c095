/// A target muslroot has no profile for. Exit code 2: nothing was attempted.
public enum TargetError: Error, Sendable, Equatable {
    /// `target` is not a triple muslroot knows; `known` lists the ones it does.
    case unknown(target: String, known: [String])
    /// `--target` names a target the prefix holds no toolchain for; `holds` lists those it does.
    case notInPrefix(prefix: String, target: String, holds: [String])
    /// The prefix holds several targets, none of them x86_64, and the command was given no `--target`.
    case chooseTarget(prefix: String, holds: [String])
    /// `package` cannot be built for `target`: its recipe (`file`) says so in `[[unsupported]]`,
    /// for `reason`. `neededBy`: the packages asked for that need it (empty when it was asked for).
    case unsupported(package: String, target: String, reason: String, file: String, neededBy: [String])
}

extension TargetError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknown(target, known):
            "unknown target '\(target)'; muslroot knows: \(known.joined(separator: ", "))"
        case let .notInPrefix(prefix, target, holds):
            "\(prefix) has no \(target) toolchain (it holds \(holds.joined(separator: ", "))); "
                + "add one with: muslroot bootstrap --prefix \(prefix) --target \(target)"
        case let .chooseTarget(prefix, holds):
            "\(prefix) holds \(holds.joined(separator: ", ")); say which with --target, for example --target \(holds[0])"
        case let .unsupported(package, target, reason, file, neededBy):
            "\(package) cannot be built for \(target)"
                + (neededBy.isEmpty ? "" : ", and \(neededBy.joined(separator: ", ")) \(neededBy.count == 1 ? "needs" : "need") it")
                + ": \(reason) (\(file), [[unsupported]]); nothing was built"
        }
    }
}

extension TargetError: ExitStatusProviding {
    /// A recipe that cannot be built for the target is a failure of the request, as a build
    /// that fails is (exit 1); an unknown target, or one the prefix does not hold, is bad usage.
    public var exitStatus: ExitStatus {
        switch self {
        case .unknown, .notInPrefix, .chooseTarget: .usage
        case .unsupported: .failure
        }
    }
}
