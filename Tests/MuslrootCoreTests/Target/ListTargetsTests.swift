import Foundation
import Testing
@testable import MuslrootCore

/// `muslroot list --targets`, through the command line, on a PATH the test makes: the
/// aarch64 cross gcc, its binutils and its emulator are there, nothing else is.
@Suite("list --targets names every target and what this machine has for it",
       .enabled(if: BuildHost.current().architecture == "x86_64", "the expectations are those of an x86_64 build machine"))
struct ListTargetsTests {
    /// A bin directory holding stand-ins for Debian's aarch64 cross gcc and binutils and for qemu-aarch64-static.
    func path(_ dir: TemporaryDirectory) -> String {
        let bin = dir.sub("bin")
        let tools = ["gcc"] + MuslrootCore.HostCompiler.toolNames.filter(MuslrootCore.HostCompiler.requiredTools.contains)
        for name in tools.map({ "aarch64-linux-gnu-\($0)" }) + ["qemu-aarch64-static", "riscv64-linux-gnu-gcc"] {
            dir.write("bin/\(name)", "#!/bin/sh\nexit 0\n")
            chmod("\(bin)/\(name)", 0o755)
        }
        return bin
    }

    @Test("--json: every known target in order, Rust's name, the host gcc's package and emulation")
    func json() async throws {
        let dir = TemporaryDirectory("list-targets")
        defer { dir.remove() }
        let bin = path(dir)
        let result = await CLI.run(["list", "--targets", "--json"], environment: ["PATH": bin])
        try #require(result.status == 0, "\(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(items.compactMap { $0["triple"] as? String }
            == ["x86_64-linux-musl", "aarch64-linux-musl", "arm-linux-musleabihf", "riscv64-linux-musl", "i686-linux-musl"])
        #expect(items.compactMap { $0["rustTarget"] as? String }
            == ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl", "armv7-unknown-linux-musleabihf",
                "riscv64gc-unknown-linux-musl", "i686-unknown-linux-musl"])
        #expect(items.map { $0["default"] as? Bool } == [true, false, false, false, false])
        func toolchain(_ index: Int) -> [String: Any] { items[index]["hostToolchain"] as? [String: Any] ?? [:] }
        func programs(_ index: Int) -> [String: Any] { items[index]["programs"] as? [String: Any] ?? [:] }
        #expect((0..<5).map { toolchain($0)["package"] as? String }
            == ["gcc", "gcc-aarch64-linux-gnu", "gcc-arm-linux-gnueabihf", "gcc-riscv64-linux-gnu", "gcc-i686-linux-gnu"])
        #expect((0..<5).map { toolchain($0)["installed"] as? Bool } == [false, true, false, false, false])
        #expect(toolchain(1)["compiler"] as? String == "aarch64-linux-gnu-gcc")
        #expect(toolchain(1)["missing"] == nil)
        // riscv64's gcc is there, its binutils are not: named with their own package.
        #expect(toolchain(3)["missing"] as? String == "riscv64-linux-gnu-ar")
        #expect(toolchain(3)["missingPackage"] as? String == "binutils-riscv64-linux-gnu")
        #expect(toolchain(4)["missing"] as? String == "i686-linux-gnu-gcc")
        #expect(toolchain(4)["missingPackage"] as? String == "gcc-i686-linux-gnu")
        #expect((0..<5).map { programs($0)["runs"] as? String } == ["native", "emulator", "unavailable", "unavailable", "native"])
        #expect(programs(1)["emulatorPath"] as? String == "\(bin)/qemu-aarch64-static")
        #expect(programs(2)["emulator"] as? String == "qemu-arm-static")
    }

    @Test("plain: a line per target, and the Debian packages that would complete this machine")
    func text() async throws {
        let dir = TemporaryDirectory("list-targets-text")
        defer { dir.remove() }
        let result = await CLI.run(["list", "--targets"], environment: ["PATH": path(dir)])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("--toolchain host on x86_64") == true, "\(result.stdout)")
        func line(_ triple: String) -> String { lines.first { $0.hasPrefix(triple) } ?? "" }
        #expect(line("x86_64-linux-musl*").contains("x86_64-unknown-linux-musl"), "\(result.stdout)")
        #expect(line("aarch64-linux-musl").contains("aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu): installed"), "\(result.stdout)")
        #expect(line("aarch64-linux-musl").hasSuffix("run under qemu-aarch64-static"), "\(result.stdout)")
        #expect(line("arm-linux-musleabihf").contains("arm-linux-gnueabihf-gcc (gcc-arm-linux-gnueabihf): not installed"), "\(result.stdout)")
        // The gcc is there, its binutils are not: the line names what is missing, not the gcc.
        #expect(line("riscv64-linux-musl").contains("riscv64-linux-gnu-ar (binutils-riscv64-linux-gnu): not installed"), "\(result.stdout)")
        #expect(line("arm-linux-musleabihf").hasSuffix("cannot run: qemu-arm-static is not installed"), "\(result.stdout)")
        #expect(line("i686-linux-musl").hasSuffix("run natively"), "\(result.stdout)")
        #expect(lines.last == "To build and run them all here (Debian): apt-get install gcc gcc-arm-linux-gnueabihf "
            + "binutils-riscv64-linux-gnu gcc-i686-linux-gnu qemu-user-static", "\(result.stdout)")
    }

    @Test("doctor --target: the cross gcc and the emulator of that target, with the package for what is missing",
          arguments: [("aarch64-linux-musl", ["ok       aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu) for bootstrap --toolchain host --target aarch64-linux-musl",
                                              "its programs run under "]),
                      ("arm-linux-musleabihf", ["missing  arm-linux-gnueabihf-gcc  needed by bootstrap --toolchain host --target arm-linux-musleabihf; install: apt-get install gcc-arm-linux-gnueabihf",
                                                "missing  qemu-arm-static  runs its programs here (without it the smoke test only compiles them); install: apt-get install qemu-user-static"]),
                      ("riscv64gc-unknown-linux-musl", ["target riscv64-linux-musl (Rust: riscv64gc-unknown-linux-musl):",
                                                        "missing  riscv64-linux-gnu-ar  needed by bootstrap --toolchain host --target riscv64-linux-musl; install: apt-get install binutils-riscv64-linux-gnu"])])
    func doctor(_ target: String, lines: [String]) async throws {
        let dir = TemporaryDirectory("doctor-target")
        defer { dir.remove() }
        let bin = path(dir)
        let result = await CLI.run(["doctor", "--target", target], environment: ["PATH": bin])
        // The host tools (make, perl, ...) are not on this PATH: exit 1 for them, not for the target's.
        #expect(result.stdout.contains("Missing required tools"), "\(result.stdout)")
        for line in lines { #expect(result.stdout.contains(line), "\(result.stdout)") }
        let json = await CLI.run(["doctor", "--target", target, "--json"], environment: ["PATH": bin])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        let listing = try #require(document["target"] as? [String: Any])
        #expect(listing["triple"] as? String == (try TargetProfile(parsing: target)).triple.description)
    }

    @Test("--targets with --prefix is a usage error")
    func withPrefix() async {
        let result = await CLI.run(["list", "--targets", "--prefix", "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--targets"), "\(result.stderr)")
    }
}
