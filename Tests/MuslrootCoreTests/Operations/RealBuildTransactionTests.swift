import Foundation
import Testing

/// `add` changes a prefix in one step: killed or failed, it leaves the prefix as it was, and
/// the next run continues from the last completed phase.
@Suite("add: atomic and resumable", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildTransactionTests {
    @Test("killed with kill -9 in its install phase, add leaves the prefix untouched; the next run resumes and installs")
    func killedThenResumed() async throws {
        try #require(try await HostPrefix.shared.toolchain().status == 0)
        let dir = TemporaryDirectory("add-killed")
        defer { dir.remove() }
        let prefix = "\(dir.path)/cross"
        #expect(try await shell("cp -a '\(await HostPrefix.shared.toolchainOnly)' '\(prefix)'", in: dir.path).status == 0)
        // A make on PATH that, asked to install, says so and waits to be killed (PATH is not
        // part of what a phase's fingerprint covers, so the next run sees the same recipe).
        let hold = dir.write("hold/make", """
            #!/bin/sh
            case " $* " in *" install "*) echo holding > "$MUSLROOT_TEST_MARK"; exec sleep 600;; esac
            exec /usr/bin/make "$@"
            """)
        chmod(hold, 0o755)
        let before = try await shell("find . | sort; cat .muslroot/manifest.json", in: prefix).output
        let mark = "\(dir.path)/holding"
        let signal = try FIFOSignal(path: mark)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.executable)
        // --no-cache: the shared cache may hold zlib already (other suites add it); this test is about its build.
        process.arguments = ["add", "zlib", "--prefix", prefix, "--no-cache"] + HostPrefix.shared.sourceArguments
        let path = "\(dir.path)/hold:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["MUSLROOT_DATA_DIR": TestPaths.repository, "MUSLROOT_TEST_MARK": mark, "PATH": path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try #require(await signal.wait(seconds: 600), "the holding phase never ran")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try await shell("find . | sort; cat .muslroot/manifest.json", in: prefix).output == before, "the prefix is as it was")

        // With the real make: configure and build are done already; the install runs again.
        let resumed = try await CLI.process(["add", "zlib", "--prefix", prefix, "--no-cache"] + HostPrefix.shared.sourceArguments)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming: 2 of 3 phases already done"), "\(resumed.stdout)")
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/x86_64-linux-musl/lib/libz.a"))
        let listing = try await CLI.process(["list", "--installed", "--prefix", prefix])
        #expect(listing.stdout.contains("zlib"))
    }

    @Test("a prefix without a toolchain stops at once with exit 1 and the bootstrap command")
    func noToolchain() async throws {
        let dir = TemporaryDirectory("add-no-toolchain")
        defer { dir.remove() }
        let result = try await CLI.process(["add", "zlib", "--prefix", "\(dir.path)/empty"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("muslroot bootstrap --prefix \(dir.path)/empty"), "\(result.stderr)")
    }

    @Test("a toolchain recipe is not a library: add refuses it with exit 1, naming bootstrap")
    func toolchainRecipe() async throws {
        try #require(try await HostPrefix.shared.toolchain().status == 0)
        let result = try await CLI.process(["add", "gcc", "--prefix", await HostPrefix.shared.toolchainOnly])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot add gcc"), "\(result.stderr)")
        #expect(result.stderr.contains("muslroot bootstrap"), "\(result.stderr)")
    }
}

/// A named pipe the test reads: a phase that writes a line to it says "I am running now".
struct FIFOSignal {
    let descriptor: Int32

    init(path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// True once a line arrived, false when `seconds` passed without one.
    func wait(seconds: Int) async -> Bool {
        let descriptor = descriptor
        return await withCheckedContinuation { continuation in
            Thread {
                var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let arrived = poll(&ready, 1, Int32(seconds * 1000)) == 1 && ready.revents & Int16(POLLIN) != 0
                close(descriptor)
                continuation.resume(returning: arrived)
            }.start()
        }
    }
}
