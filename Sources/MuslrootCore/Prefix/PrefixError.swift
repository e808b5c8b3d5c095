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
    /// A command was pointed at a directory with no toolchain; `target`: the one it asked for,
    /// which the bootstrap it suggests builds.
    case noToolchain(prefix: String, missing: String, target: String? = nil)
    /// Moving the stage into place failed; the prefix is as it was.
    case installFailed(path: String, reason: String)
    /// The host lacks a tool the `--toolchain host` flavour links into the prefix.
    case hostToolMissing(tool: String, package: String)
    /// `bootstrap` would replace the toolchain under libraries built with the old one.
    case holdsLibraries(prefix: String, libraries: [String])
    /// `remove` of a package another installed package needs.
    case neededBy(package: String, dependents: [String], prefix: String)
    /// `remove` of a package that is part of the toolchain, or not installed.
    case notRemovable(package: String, prefix: String, reason: String)
    /// `add` of a recipe that is not a library.
    case notAddable(package: String, prefix: String, reason: String)
    /// Making the stage (the prefix-to-be: merging packages' files, writing the manifest) failed at `path`.
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
        case let .noToolchain(prefix, missing, target):
            return "no toolchain in \(prefix): \(missing) does not exist; build one with: muslroot bootstrap --prefix \(prefix)"
                + (target.map { $0 == Triple.default.description ? "" : " --target \($0)" } ?? "")
        case let .installFailed(path, reason):
            return "could not install into \(path): \(reason); \(path) was left as it was. "
                + "Fix the cause and run the same command again: the built toolchain is kept and not built again"
        case let .stagingFailed(path, reason):
            return "could not stage the new prefix at \(path): \(reason); nothing was installed. Check the free space "
                + "and permissions of the work directory, then run the same command again (completed phases are not repeated)"
        case let .hostToolMissing(tool, package):
            return "--toolchain host needs the host's \(tool), which is not on PATH; install it (Debian: apt-get install \(package)) and run this again"
        case let .holdsLibraries(prefix, libraries):
            let names = libraries.joined(separator: " ")
            return "\(prefix) holds libraries built with its current toolchain (\(names)); replacing the toolchain would leave them "
                + "built with the old one. Remove them first (muslroot remove \(names) --prefix \(prefix)), bootstrap again, "
                + "then add them back (muslroot add \(names) --prefix \(prefix)); or bootstrap into a new --prefix"
        case let .neededBy(package, dependents, prefix):
            return "cannot remove \(package): \(dependents.joined(separator: ", ")) installed in \(prefix) "
                + "\(dependents.count == 1 ? "needs" : "need") it; remove \(dependents.count == 1 ? "it" : "them") too "
                + "(muslroot remove \((dependents + [package]).joined(separator: " ")) --prefix \(prefix))"
        case let .notAddable(package, prefix, reason):
            return "cannot add \(package) to \(prefix): \(reason)"
        case let .notRemovable(package, prefix, reason):
            return "cannot remove \(package) from \(prefix): \(reason); see what is installed with: muslroot list --installed --prefix \(prefix)"
        }
    }
}
