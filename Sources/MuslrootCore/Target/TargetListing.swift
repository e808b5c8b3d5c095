import Foundation

/// What `muslroot list --targets` says about one known target on this build machine: its
/// names, whether `bootstrap --toolchain host --target` can build it here (the host gcc or
/// Debian's cross gcc it needs, and whether that is on PATH), and how its programs run here.
public struct TargetListing: Encodable, Sendable, Equatable {
    /// The compiler the host flavour builds the target's musl with.
    public struct HostToolchain: Encodable, Sendable, Equatable {
        /// The gcc it runs (`aarch64-linux-gnu-gcc`, or `gcc` for the build machine's own).
        public var compiler: String
        /// The Debian package of that gcc (`gcc-aarch64-linux-gnu`).
        public var package: String
        /// Whether the compiler and the binutils it needs are on PATH.
        public var installed: Bool
        /// When not: the first tool missing and the Debian package that has it.
        public var missing: String?
        public var missingPackage: String?

        /// The tool to name as missing and the package to install, when not installed.
        var lacking: (tool: String, package: String) { (missing ?? compiler, missingPackage ?? package) }
    }

    /// How the build machine runs the target's static programs.
    public struct Programs: Encodable, Sendable, Equatable {
        /// `native`, `emulator` (found on PATH) or `unavailable` (the emulator is not installed).
        public var runs: String
        /// The profile's emulator (`qemu-aarch64-static`), nil when they run natively.
        public var emulator: String?
        /// Where the emulator was found.
        public var emulatorPath: String?
    }

    public var triple: String
    public var rustTarget: String
    /// The target of a prefix made without `--target`.
    public var isDefault: Bool
    public var hostToolchain: HostToolchain
    public var programs: Programs

    enum CodingKeys: String, CodingKey {
        case triple, rustTarget, isDefault = "default", hostToolchain, programs
    }

    /// The listing of `profile` on a build machine whose `uname -m` is `machine`, searching `path` (PATH).
    public init(_ profile: TargetProfile, machine: String, path: String) {
        triple = profile.triple.description
        rustTarget = profile.rustTarget
        isDefault = profile.triple == TargetProfile.default.triple
        let prefix = profile.hostToolPrefix(on: machine)
        let compilerPackage = profile.hostCompilerPackage(on: machine)
        hostToolchain = HostToolchain(compiler: "\(prefix)gcc", package: compilerPackage, installed: true)
        // What `HostCompiler.find` requires, in the order it looks.
        let needed = [("gcc", compilerPackage)] + HostCompiler.toolNames.filter(HostCompiler.requiredTools.contains)
            .map { ($0, profile.hostBinutilsPackage(on: machine)) }
        if let (tool, package) = needed.first(where: { Self.locate("\(prefix)\($0.0)", path: path) == nil }) {
            hostToolchain.installed = false
            hostToolchain.missing = "\(prefix)\(tool)"
            hostToolchain.missingPackage = package
        }
        switch Emulation.of(profile.triple, machine: machine, path: path) {
        case .native: programs = Programs(runs: "native")
        case .emulator(let found): programs = Programs(runs: "emulator", emulator: profile.emulator, emulatorPath: found)
        case .unavailable(let emulator): programs = Programs(runs: "unavailable", emulator: emulator)
        }
    }

    /// Every known target, the default first.
    public static func all(machine: String = BuildHost.current().architecture, path: String) -> [TargetListing] {
        TargetProfile.known.map { TargetListing($0, machine: machine, path: path) }
    }

    static func locate(_ name: String, path: String) -> String? {
        path.split(separator: ":").lazy.filter { !$0.isEmpty }.map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension TargetListing {
    /// The table for people: one target a line, then what to install for the ones that lack something.
    public static func text(_ listings: [TargetListing], machine: String) -> String {
        let tripleWidth = listings.map(\.triple.count).max() ?? 6
        let rustWidth = listings.map(\.rustTarget.count).max() ?? 4
        let toolchainTexts = listings.map { listing in
            let toolchain = listing.hostToolchain
            return toolchain.installed ? "\(toolchain.compiler) (\(toolchain.package)): installed"
                : "\(toolchain.lacking.tool) (\(toolchain.lacking.package)): not installed"
        }
        let toolchainWidth = toolchainTexts.map(\.count).max() ?? 0
        var lines = ["\("target".rightPadded(to: tripleWidth))  \("Rust target".rightPadded(to: rustWidth))  "
            + "\("--toolchain host on \(machine)".rightPadded(to: toolchainWidth))  programs"]
        for (listing, toolchainText) in zip(listings, toolchainTexts) {
            let programs = switch listing.programs.runs {
            case "native": "run natively"
            case "emulator": "run under \(listing.programs.emulator ?? "")"
            default: "cannot run: \(listing.programs.emulator ?? "") is not installed"
            }
            let triple = listing.triple + (listing.isDefault ? "*" : "")
            lines.append("\(triple.rightPadded(to: tripleWidth))  \(listing.rustTarget.rightPadded(to: rustWidth))  "
                + "\(toolchainText.rightPadded(to: toolchainWidth))  \(programs)")
        }
        lines.append("")
        lines.append("* the default target (without --target)")
        let packages = listings.compactMap(\.hostToolchain.missingPackage)
            + (listings.contains { $0.programs.runs == "unavailable" } ? ["qemu-user-static"] : [])
        if !packages.isEmpty {
            var unique: [String] = []
            for package in packages where !unique.contains(package) { unique.append(package) }
            lines.append("To build and run them all here (Debian): apt-get install \(unique.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }
}
