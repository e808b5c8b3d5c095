import Foundation
@testable import MuslrootCore
import Testing

/// Several targets in one prefix, as `rustup target add` keeps them: the x86_64 toolchain
/// with a library, then `bootstrap --target aarch64-linux-musl` into the same prefix, a library
/// added to each, programs for both, and the x86_64 side the same bytes throughout.
@Suite("One prefix, two targets: x86_64 and aarch64 side by side", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: hostProgram("aarch64-linux-gnu-gcc") != nil && hostProgram("qemu-aarch64-static") != nil,
                "gcc-aarch64-linux-gnu or qemu-user-static is missing (scripts/install-debian-packages.sh scripts/test-packages.txt)"))
struct RealBuildMultiTargetTests {
    static let zlib = RealBuildAddTests.programs.first { $0.source == "zlib" }!

    /// Every file the x86_64 side of the prefix has (its manifest's packages and generated
    /// files, and the manifest), with its sha256 (a link: its destination).
    static func x86_64Side(of prefix: String) throws -> [String: String] {
        let manifest = try #require(Manifest.load(prefix: prefix, target: "x86_64-linux-musl"))
        var digests: [String: String] = [".muslroot/manifest.json": sha256(Manifest.path(in: prefix))]
        for file in manifest.packages.flatMap(\.files) + (manifest.generated ?? []) {
            let path = "\(prefix)/\(file)"
            digests[file] = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { "-> \($0)" } ?? sha256(path)
        }
        return digests
    }

    @Test("bootstrap --target into a prefix of another target, add, env, list, remove per target")
    func twoTargets() async throws {
        let root = TemporaryDirectory("two-targets")
        defer { root.remove() }
        let prefix = "\(root.path)/cross"
        let sources = ["--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay,
                       "--recipes", "\(TestPaths.repository)/Tests/mirror-overlay-targets", "--cache-dir", "\(root.path)/cache"]
        let x86 = try await CLI.process(["bootstrap", "--toolchain", "host", "--prefix", prefix, "--jobs", "2"] + sources)
        try #require(x86.status == 0, "\(x86.stderr)")
        let addX86 = try await CLI.process(["add", "zlib", "--prefix", prefix, "--jobs", "2"] + sources)
        try #require(addX86.status == 0, "\(addX86.stderr)")
        let before = try Self.x86_64Side(of: prefix)

        // The second target goes in beside the first, in one transaction of its own.
        let arm = try await CLI.process(["bootstrap", "--toolchain", "host", "--target", "aarch64-linux-musl", "--prefix", prefix,
                                         "--jobs", "2"] + sources)
        try #require(arm.status == 0, "\(arm.stderr)\n\(arm.stdout.suffix(2000))")
        #expect(arm.stdout.contains("C program: compiled, linked statically, ran under qemu-aarch64-static"), "\(arm.stdout)")
        #expect(PrefixTargets.load(prefix: prefix).targets == ["x86_64-linux-musl", "aarch64-linux-musl"])
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/.muslroot/targets/aarch64-linux-musl.json"))
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/share/muslroot/meson-cross-aarch64-linux-musl.ini"))
        let again = try await CLI.process(["bootstrap", "--toolchain", "host", "--target", "aarch64-linux-musl", "--prefix", prefix] + sources)
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stdout)\(again.stderr)")

        let addArm = try await CLI.process(["add", "zlib", "--target", "aarch64-linux-musl", "--prefix", prefix, "--jobs", "2"] + sources)
        try #require(addArm.status == 0, "\(addArm.stderr)")
        #expect(addArm.stdout.contains("Link with: \(prefix)/bin/aarch64-linux-musl-pkg-config"), "\(addArm.stdout)")
        #expect(try Self.x86_64Side(of: prefix) == before, "the x86_64 side changed when aarch64 came")

        // Programs for both, each with its own target's pkg-config.
        try await RealBuildAddTests.build(Self.zlib, linking: "-static", prefix: prefix)
        try await RealBuildAddTests.build(Self.zlib, linking: "-static-pie", prefix: prefix, triple: "aarch64-linux-musl",
                                          emulator: "qemu-aarch64-static", architecture: "aarch64 64-bit little-endian")

        // Without --target: x86_64, saying so; with it: the other.
        let listed = try await CLI.process(["list", "--installed", "--prefix", prefix])
        #expect(listed.stdout.contains("holds x86_64-linux-musl, aarch64-linux-musl; this is for x86_64-linux-musl"), "\(listed.stdout)")
        let recipes = try await CLI.process(["list", "--prefix", prefix])
        #expect(recipes.stdout.contains("this is for x86_64-linux-musl"), "\(recipes.stdout)")
        // With --json the note goes to standard error: the JSON stays one document.
        let listedJSON = try await CLI.process(["list", "--installed", "--prefix", prefix, "--json"])
        #expect(listedJSON.stderr.contains("this is for x86_64-linux-musl"), "\(listedJSON.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(listedJSON.stdout.utf8))) != nil, "\(listedJSON.stdout)")
        let env = try await CLI.process(["env", "--prefix", prefix, "--target", "aarch64-linux-musl"])
        #expect(env.stdout.contains("export CC='\(prefix)/bin/aarch64-linux-musl-gcc'"), "\(env.stdout)")
        #expect(env.stdout.contains("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER='\(prefix)/lib/muslroot/rust-aarch64-linux-musl/cc'"),
                "\(env.stdout)")
        let envX86 = try await CLI.process(["env", "--prefix", prefix])
        #expect(envX86.stdout.contains("export CC='\(prefix)/bin/x86_64-linux-musl-gcc'"), "\(envX86.stdout)")
        #expect(envX86.stderr.contains("this is for x86_64-linux-musl"), "\(envX86.stderr)")

        // A target the prefix does not hold: exit 2, and the command that adds it.
        let missing = try await CLI.process(["add", "zlib", "--target", "riscv64-linux-musl", "--prefix", prefix] + sources)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("has no riscv64-linux-musl toolchain"), "\(missing.stderr)")
        #expect(missing.stderr.contains("muslroot bootstrap --prefix \(prefix) --target riscv64-linux-musl"), "\(missing.stderr)")

        let removed = try await CLI.process(["remove", "zlib", "--target", "aarch64-linux-musl", "--prefix", prefix])
        try #require(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(prefix)/aarch64-linux-musl/lib/libz.a"))
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/x86_64-linux-musl/lib/libz.a"))
        #expect(try Self.x86_64Side(of: prefix) == before, "the x86_64 side changed when aarch64's zlib went")
        let doctor = try await CLI.process(["doctor", "--prefix", prefix, "--target", "aarch64-linux-musl"])
        #expect(doctor.stdout.contains("ran under qemu-aarch64-static"), "\(doctor.stdout)\(doctor.stderr)")
    }
}
