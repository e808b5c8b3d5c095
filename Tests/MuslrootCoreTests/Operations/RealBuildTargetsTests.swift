import Foundation
@testable import MuslrootCore
import Testing

/// Another target in the host flavour, as a user gets it: `bootstrap --toolchain host --target
/// T` (musl built by Debian's cross gcc), `add` of libraries into it, and static programs linked
/// with the target's pkg-config that `check` names the architecture of and qemu runs.
@Suite("bootstrap --toolchain host --target: aarch64 and armv7 prefixes, proved under qemu", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: CrossTools.installed,
                "Debian's cross gcc or qemu-user-static is missing (scripts/install-debian-packages.sh scripts/test-packages.txt)"))
struct RealBuildTargetsTests {
    typealias Program = RealBuildAddTests.Program

    struct Target: Sendable, CustomTestStringConvertible {
        var triple: String
        var emulator: String
        /// How `muslroot check` names the architecture.
        var architecture: String
        var libraries: [String]
        var programs: [Program]
        var testDescription: String { triple }
    }

    static let zlib = RealBuildAddTests.programs.first { $0.source == "zlib" }!
    static let targets = [
        Target(triple: "aarch64-linux-musl", emulator: "qemu-aarch64-static",
               architecture: "aarch64 64-bit little-endian", libraries: ["openssl", "zlib", "libedit"],
               programs: RealBuildAddTests.programs.filter { $0.source != "media" }),
        Target(triple: "arm-linux-musleabihf", emulator: "qemu-arm-static",
               architecture: "arm 32-bit little-endian", libraries: ["zlib"], programs: [zlib]),
    ]

    @Test("bootstrap, add, then static and static-pie programs run under qemu and pass check", arguments: targets)
    func target(_ target: Target) async throws {
        let root = TemporaryDirectory("target-\(target.triple)")
        defer { root.remove() }
        let prefix = "\(root.path)/cross"
        let sources = ["--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay,
                       "--recipes", "\(TestPaths.repository)/Tests/mirror-overlay-targets", "--cache-dir", "\(root.path)/cache"]
        let bootstrap = try await CLI.process(["bootstrap", "--toolchain", "host", "--target", target.triple, "--prefix", prefix,
                                               "--jobs", "2"] + sources)
        try #require(bootstrap.status == 0, "\(bootstrap.stderr)\n\(bootstrap.stdout.suffix(3000))")
        #expect(bootstrap.stdout.contains("C program: compiled, linked statically, ran under \(target.emulator)"), "\(bootstrap.stdout)")
        #expect(FileManager.default.isExecutableFile(atPath: "\(prefix)/bin/\(target.triple)-gcc"))

        let added = try await CLI.process(["add"] + target.libraries + ["--prefix", prefix, "--jobs", "2"] + sources)
        try #require(added.status == 0, "\(added.stderr)\n\(added.stdout.suffix(3000))")
        let listing = try await CLI.process(["list", "--installed", "--prefix", prefix])
        for library in target.libraries { #expect(listing.stdout.contains(library), "\(listing.stdout)") }

        for program in target.programs {
            for linking in ["-static", "-static-pie"] {
                try await RealBuildAddTests.build(program, linking: linking, prefix: prefix, triple: target.triple,
                                                  emulator: target.emulator, architecture: target.architecture)
            }
        }
    }
}

enum CrossTools {
    /// Whether Debian's cross gcc and qemu are there for every target RealBuildTargetsTests builds.
    static let installed = ["aarch64-linux-gnu-gcc", "arm-linux-gnueabihf-gcc", "qemu-aarch64-static", "qemu-arm-static"]
        .allSatisfy { hostProgram($0) != nil }
}
