import Foundation
import Testing

/// `bootstrap --toolchain host --malloc mimalloc --target T`: the allocator fixtures, linked
/// static and static-pie, allocate with mimalloc and pass on aarch64 (under qemu) and i686
/// (natively), as on x86_64 (RealBuildMallocTests).
@Suite("bootstrap --malloc mimalloc --target: aarch64 under qemu, i686", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: CrossTools.installed,
                "Debian's cross gcc or qemu-user-static is missing (scripts/install-debian-packages.sh scripts/test-packages.txt)"))
struct RealBuildMallocTargetsTests {
    struct Target: Sendable, CustomTestStringConvertible {
        var triple: String
        var emulator: String?
        var testDescription: String { triple }
    }

    static let targets = [Target(triple: "aarch64-linux-musl", emulator: "qemu-aarch64-static"),
                          Target(triple: "i686-linux-musl", emulator: nil)]

    @Test("detect, api, threads and fork pass (natively, thread churn too); api linked -static-pie too", arguments: targets)
    func allocator(_ target: Target) async throws {
        let root = TemporaryDirectory("malloc-\(target.triple)")
        defer { root.remove() }
        let prefix = "\(root.path)/cross"
        let bootstrap = try await CLI.process([
            "bootstrap", "--toolchain", "host", "--malloc", "mimalloc", "--target", target.triple, "--prefix", prefix, "--jobs", "2",
            "--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay,
            "--recipes", "\(TestPaths.repository)/Tests/mirror-overlay-targets", "--cache-dir", "\(root.path)/cache",
        ])
        try #require(bootstrap.status == 0, "\(bootstrap.stderr)\n\(bootstrap.stdout.suffix(3000))")
        // Not thread-churn under qemu: qemu-user keeps memory of every thread that exits, so
        // its resident size grows by about 2 GiB over the fixture's 2000 rounds with musl's own
        // malloc too (measured with aarch64's default libc.a, docs/targets.md).
        let cases = [("detect", "-static"), ("api", "-static"), ("threads", "-static"), ("fork", "-static"),
                     ("api", "-static-pie -fPIE")] + (target.emulator == nil ? [("thread-churn", "-static")] : [])
        for (name, linking) in cases {
            let dir = TemporaryDirectory("malloc-\(name)")
            defer { dir.remove() }
            let compiled = try await shell(
                "\"$P/bin/\(target.triple)-gcc\" \(linking) -O2 -pthread -o prog '\(RealBuildMallocTests.fixtures)/\(name).c'",
                in: dir.path, environment: ["P": prefix])
            try #require(compiled.status == 0, "\(name) \(linking): \(compiled.output)")
            let check = try await CLI.process(["check", "\(dir.path)/prog"])
            #expect(check.status == 0, "\(name) \(linking): \(check.stdout)")
            let run = try await shell("\(target.emulator.map { "\($0) " } ?? "")./prog", in: dir.path)
            #expect(run.status == 0 && run.output.contains("PASS"), "\(target.triple) \(name) \(linking): \(run.output)")
        }
    }
}
