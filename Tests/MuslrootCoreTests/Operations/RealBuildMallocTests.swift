import Foundation
import Testing

/// `bootstrap --malloc mimalloc`: programs linked with `-static -O2 -pthread` and nothing
/// else allocate with mimalloc, and every allocation function behaves.
@Suite("bootstrap --malloc mimalloc (host toolchain)", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildMallocTests {
    static let fixtures = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/malloc"

    /// Compiles Fixtures/malloc/NAME.c with the prefix's gcc and the flags given, checks it is
    /// static, runs it; returns its exit status and output.
    static func run(_ name: String, prefix: String, flags: String = "-static -O2 -pthread") async throws -> (status: Int32, output: String) {
        let dir = TemporaryDirectory("malloc-\(name)")
        defer { dir.remove() }
        let compiled = try await shell("\"$P/bin/x86_64-linux-musl-gcc\" \(flags) -o prog '\(fixtures)/\(name).c'",
                                       in: dir.path, environment: ["P": prefix])
        try #require(compiled.status == 0, "\(name): \(compiled.output)")
        let check = try await CLI.process(["check", "\(dir.path)/prog"])
        #expect(check.status == 0, "\(name): \(check.stdout)")
        return try await shell("./prog", in: dir.path)
    }

    @Test("the prefix says which allocator it has")
    func reported() async throws {
        let result = try await HostPrefix.mimalloc.toolchain()
        try #require(result.status == 0, "\(result.stderr)")
        let doctor = try await CLI.process(["doctor", "--prefix", await HostPrefix.mimalloc.prefix])
        #expect(doctor.stdout.contains("malloc in libc.a: mimalloc"), "\(doctor.stdout)")
        let manifest = try String(contentsOfFile: "\(await HostPrefix.mimalloc.prefix)/.muslroot/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"malloc\" : \"mimalloc\""))
    }

    @Test("threads freeing each other's memory, thread churn, fork under threads, every function, 1 GiB",
          arguments: ["threads", "thread-churn", "fork", "api", "big"])
    func correct(_ name: String) async throws {
        try #require(try await HostPrefix.mimalloc.toolchain().status == 0)
        let run = try await Self.run(name, prefix: await HostPrefix.mimalloc.prefix)
        #expect(run.status == 0 && run.output.contains("PASS"), "\(name): \(run.output)")
    }

    @Test("every function works in a -static-pie program too")
    func staticPIE() async throws {
        try #require(try await HostPrefix.mimalloc.toolchain().status == 0)
        let run = try await Self.run("api", prefix: await HostPrefix.mimalloc.prefix, flags: "-static-pie -fPIE -O2 -pthread")
        #expect(run.status == 0 && run.output.contains("PASS"), "\(run.output)")
    }

    @Test("mimalloc is what the program allocates with; the default toolchain keeps musl's allocator")
    func detected() async throws {
        try #require(try await HostPrefix.mimalloc.toolchain().status == 0)
        let with = try await Self.run("detect", prefix: await HostPrefix.mimalloc.prefix)
        #expect(with.status == 0 && with.output.contains("PASS"), "\(with.output)")
        try #require(try await HostPrefix.shared.toolchain().status == 0)
        let without = try await Self.run("detect", prefix: await HostPrefix.shared.prefix)
        #expect(without.status != 0 && without.output.contains("FAIL"), "the default libc.a must not have mimalloc: \(without.output)")
    }
}
