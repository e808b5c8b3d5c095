import Foundation

/// How the build machine runs a target's static programs: itself, through the profile's
/// user-mode emulator (`qemu-aarch64-static`, Debian's qemu-user-static: no binfmt needed), or
/// not at all when the emulator is not installed (then programs are only compiled and checked).
public enum Emulation: Sendable, Equatable {
    case native
    /// The emulator's absolute path, put before the program.
    case emulator(String)
    /// The emulator the target needs, which is not on PATH.
    case unavailable(emulator: String)

    /// For `triple` on a build machine whose `uname -m` is `machine`, with `path` (PATH) to search.
    public static func of(_ triple: Triple, machine: String = BuildHost.current().architecture, path: String) -> Emulation {
        guard let profile = TargetProfile.of(triple), !profile.runsNatively(on: machine) else { return .native }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(profile.emulator)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return .emulator(candidate) }
        }
        return .unavailable(emulator: profile.emulator)
    }

    /// The command that runs `program`, or nil when it cannot run here.
    public func command(_ program: String, _ arguments: [String] = []) -> [String]? {
        switch self {
        case .native: [program] + arguments
        case .emulator(let emulator): [emulator, program] + arguments
        case .unavailable: nil
        }
    }

    /// How a check's program was run, for its line in the report (empty when natively).
    public var note: String {
        switch self {
        case .native: ""
        case .emulator(let emulator): " under \(URL(fileURLWithPath: emulator).lastPathComponent)"
        case .unavailable(let emulator):
            " (not run: \(emulator) is not installed; Debian: apt-get install qemu-user-static)"
        }
    }
}
