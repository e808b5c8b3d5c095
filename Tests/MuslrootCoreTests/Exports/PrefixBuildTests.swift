import Foundation
@testable import MuslrootCore
import Testing

/// The exports against a real prefix (MUSLROOT_TEST_PREFIX, made by `muslroot bootstrap` and
/// `muslroot add`): a CMake and a Meson project configured from another directory with the
/// prefix's files, and a program linked with the pkg-config wrapper's `--static --libs`.
/// Each program must come out fully static and run.
@Suite("Exports: builds against a real prefix", .tags(.realBuild), .serialized,
       .enabled(if: TestPrefix.path != nil, "MUSLROOT_TEST_PREFIX is not set"))
struct PrefixBuildTests {

    static let main = """
        #include <stdio.h>
        int main(void) { puts("hello from musl"); return 0; }
        """

    /// The prefix, with its export files written afresh.
    static func description() throws -> PrefixDescription {
        let description = try PrefixDescription.read(prefix: try #require(TestPrefix.path))
        try PrefixExports.write(into: description.root, for: description)
        return description
    }

    /// Runs through swift-subprocess: children of Foundation's Process inherit the test
    /// runner's blocked signals, and cmake then never hears that its compiler exited.
    static func run(_ argv: [String], in directory: String? = nil) async throws -> HostCommand.Outcome {
        try await HostCommand(argv, directory: directory).run()
    }

    static func expectStaticAndRunning(_ program: String) async throws {
        guard case let .success(report) = StaticCheck.check(path: program) else {
            Issue.record("\(program) is not a readable ELF file")
            return
        }
        #expect(report.isFullyStatic, "\(program)")
        #expect(try await run([program]).output.hasPrefix("hello from musl"))
    }

    @Test(.enabled(if: hostProgram("cmake") != nil, "cmake is not installed"))
    func cmakeProjectWithTheToolchainFile() async throws {
        let prefix = try Self.description()
        let directory = TemporaryDirectory("cmake-project")
        defer { directory.remove() }
        directory.write("src/main.c", Self.main)
        directory.write("src/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.13)
            project(hello C)
            add_executable(hello main.c)
            """)
        let cmake = try #require(hostProgram("cmake"))
        let configure = try await Self.run([cmake, "-S", "src", "-B", "build", "-DCMAKE_TOOLCHAIN_FILE=\(prefix.cmakeToolchainFile)"],
                                           in: directory.path)
        #expect(configure.succeeded, "\(configure.output)")
        let build = try await Self.run([cmake, "--build", "build"], in: directory.path)
        #expect(build.succeeded, "\(build.output)")
        try await Self.expectStaticAndRunning("\(directory.path)/build/hello")
    }

    @Test(.enabled(if: hostProgram("meson") != nil && hostProgram("ninja") != nil, "meson or ninja is not installed"))
    func mesonProjectWithTheCrossFile() async throws {
        let prefix = try Self.description()
        let directory = TemporaryDirectory("meson-project")
        defer { directory.remove() }
        directory.write("src/main.c", Self.main)
        directory.write("src/meson.build", "project('hello', 'c')\nexecutable('hello', 'main.c')\n")
        // The printed form works with every Meson from 0.56 (the prefix's copy needs 1.3.0).
        let crossFile = directory.write("cross.ini", MesonCrossFile.text(prefix, relocatable: false))
        let meson = try #require(hostProgram("meson"))
        let setup = try await Self.run([meson, "setup", "--cross-file", crossFile, "build", "src"], in: directory.path)
        #expect(setup.succeeded, "\(setup.output)")
        let compile = try await Self.run([meson, "compile", "-C", "build"], in: directory.path)
        #expect(compile.succeeded, "\(compile.output)")
        try await Self.expectStaticAndRunning("\(directory.path)/build/hello")
    }

    @Test(.enabled(if: TestPrefix.has("zlib"), "zlib is not installed in the prefix"))
    func zlibLinksWithThePkgConfigWrapper() async throws {
        let prefix = try Self.description()
        let directory = TemporaryDirectory("pkg-config-link")
        defer { directory.remove() }
        let source = directory.write("main.c", """
            #include <stdio.h>
            #include <zlib.h>
            int main(void) { printf("hello from musl, zlib %s\\n", zlibVersion()); return 0; }
            """)
        let flags = try await Self.run([prefix.pkgConfig, "--cflags", "--libs", "--static", "zlib"])
        #expect(flags.succeeded, "\(flags.output)")
        let words = flags.output.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(words.contains("-L\(prefix.sysroot)/usr/lib") && words.contains("-lz"), "\(flags.output)")
        let program = "\(directory.path)/main"
        let link = try await Self.run([prefix.tool("gcc"), "-static", source, "-o", program] + words)
        #expect(link.succeeded, "\(link.output)")
        try await Self.expectStaticAndRunning(program)
    }
}

/// The real prefix the tests above build against.
enum TestPrefix {
    static let path = ProcessInfo.processInfo.environment["MUSLROOT_TEST_PREFIX"]

    static func has(_ package: String) -> Bool {
        path.flatMap { Manifest.load(prefix: $0) }?.package(package) != nil
    }
}
