import Foundation
@testable import MuslrootCore
import Testing

/// One `--toolchain host` prefix per test process, bootstrapped from ../shared/mirror the
/// way a user would (through the built `muslroot`), and the libraries added to it once. It
/// lives in a fixed directory under /tmp that the next test process empties first, so that
/// runs do not pile up gigabytes of prefixes.
actor HostPrefix {
    static let shared = HostPrefix(name: "musl", bootstrapArguments: [])
    /// The same toolchain with mimalloc in its libc.a.
    static let mimalloc = HostPrefix(name: "mimalloc", bootstrapArguments: ["--malloc", "mimalloc"])

    let root: TemporaryDirectory
    let bootstrapArguments: [String]

    init(name: String, bootstrapArguments: [String]) {
        let path = NSTemporaryDirectory() + "muslroot-test-hostprefix-\(name)"
        FileTree.remove(path)
        root = TemporaryDirectory(at: path)
        self.bootstrapArguments = bootstrapArguments
    }
    var prefix: String { "\(root.path)/cross" }
    /// A copy of the prefix as bootstrapped, before any library: for tests that add to a prefix of their own.
    var toolchainOnly: String { "\(root.path)/toolchain-only" }
    var cache: String { "\(root.path)/cache" }
    private var bootstrapped: Task<CLIResult, any Error>?
    private var added: Task<CLIResult, any Error>?

    /// What `withLibraries()` adds, in one `add`: the README's four, and the client libraries
    /// (RealBuildClientLibrariesTests) when the host can build the mirror's libffi.
    static let libraries = ["openssl", "ffmpeg", "libedit", "zlib"] + (clientLibrariesBuildable ? clientLibraries : [])
    static let clientLibraries = ["curl", "libpq", "xz", "pcre2", "libffi"]
    /// The mirror's libffi is a tag archive without configure: the test overlay runs autoreconf,
    /// and its configure.ac uses `LT_SYS_SYMBOL_USCORE`, from libltdl's `ltdl.m4` (Debian's
    /// libltdl-dev, which libtool only recommends).
    static let clientLibrariesBuildable = ["autoreconf", "libtoolize", "aclocal"].allSatisfy { hostProgram($0) != nil }
        && FileManager.default.fileExists(atPath: "/usr/share/aclocal/ltdl.m4")

    /// The mirror, with the test overlay that maps its repacks onto the shipped recipes.
    nonisolated var sourceArguments: [String] {
        ["--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay, "--cache-dir", "\(root.path)/cache"]
    }

    /// The prefix with a host toolchain; the bootstrap's result.
    func toolchain() async throws -> CLIResult {
        if bootstrapped == nil {
            let arguments = ["bootstrap", "--prefix", prefix, "--toolchain", "host"] + bootstrapArguments + sourceArguments
            let (prefix, copy, root) = (prefix, toolchainOnly, root.path)
            bootstrapped = Task {
                let result = try await CLI.process(arguments)
                if result.status == 0 { _ = try await shell("cp -a '\(prefix)' '\(copy)'", in: root) }
                return result
            }
        }
        return try await bootstrapped!.value
    }

    /// A copy of the prefix as bootstrapped (no library), at `directory/cross`, for a test
    /// that adds to a prefix of its own.
    func copyOfToolchain(in directory: TemporaryDirectory) async throws -> String {
        let bootstrap = try await toolchain()
        try #require(bootstrap.status == 0, "bootstrap --toolchain host failed: \(bootstrap.stderr)")
        let copy = "\(directory.path)/cross"
        try #require(try await shell("cp -a '\(toolchainOnly)' '\(copy)'", in: directory.path).status == 0)
        return copy
    }

    /// The prefix with `libraries` added (one add, so one openssl and one zlib for every
    /// suite that reads it); the add's result.
    func withLibraries() async throws -> CLIResult {
        let bootstrap = try await toolchain()
        try #require(bootstrap.status == 0, "bootstrap --toolchain host failed: \(bootstrap.stderr)")
        if added == nil {
            let arguments = ["add"] + Self.libraries + ["--prefix", prefix, "--jobs", "2"] + sourceArguments
            added = Task { try await CLI.process(arguments) }
        }
        return try await added!.value
    }
}

/// `/bin/sh -c script` in `directory`, on a thread of its own; exit status and output (both streams).
func shell(_ script: String, in directory: String, environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result {
                let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                let result = try runProgram("/bin/sh", ["-c", script], environment: env, directory: directory)
                return (result.status, result.stdout + result.stderr)
            })
        }.start()
    }
}
