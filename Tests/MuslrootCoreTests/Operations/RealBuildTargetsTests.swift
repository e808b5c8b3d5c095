import Foundation
@testable import MuslrootCore
import Testing

/// Another target in the host flavour, as a user gets it: `bootstrap --toolchain host --target
/// T` (musl built by Debian's cross gcc), `add` of libraries into it, and static programs linked
/// with the target's pkg-config that `check` names the architecture of and qemu runs.
@Suite("bootstrap --toolchain host --target: aarch64, armv7, riscv64 and i686 prefixes, proved under qemu (i686 natively)", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: CrossTools.installed,
                "Debian's cross gcc or qemu-user-static is missing (scripts/install-debian-packages.sh scripts/test-packages.txt)"))
struct RealBuildTargetsTests {
    typealias Program = RealBuildAddTests.Program

    struct Target: Sendable, CustomTestStringConvertible {
        var triple: String
        /// The emulator its programs run under here; nil where the build machine runs them itself.
        var emulator: String?
        /// How `muslroot check` names the architecture.
        var architecture: String
        var rustTarget: String
        var libraries: [String]
        var programs: [Program]
        var testDescription: String { triple }
    }

    static let zlib = RealBuildAddTests.programs.first { $0.source == "zlib" }!
    /// What issue 20 asks of every target: OpenSSL (SHA-256, AES-GCM), zlib, a line read with
    /// libedit from a pipe, and curses (ncurses comes with libedit). FFmpeg is proved on
    /// aarch64 and armv7 by scripts/e2e-targets.sh, and on x86_64 by RealBuildAddTests.
    static let libraries = ["openssl", "zlib", "libedit"]
    static let programs = RealBuildAddTests.programs.filter { $0.source != "media" }
    static let targets = [
        Target(triple: "aarch64-linux-musl", emulator: "qemu-aarch64-static",
               architecture: "aarch64 64-bit little-endian", rustTarget: "aarch64-unknown-linux-musl",
               libraries: libraries, programs: programs),
        Target(triple: "arm-linux-musleabihf", emulator: "qemu-arm-static",
               architecture: "arm 32-bit little-endian", rustTarget: "armv7-unknown-linux-musleabihf",
               libraries: libraries, programs: programs),
        Target(triple: "riscv64-linux-musl", emulator: "qemu-riscv64-static",
               architecture: "riscv64 64-bit little-endian", rustTarget: "riscv64gc-unknown-linux-musl",
               libraries: libraries, programs: programs),
        // Runs natively on x86_64 (no emulator): `emulator` is nil.
        Target(triple: "i686-linux-musl", emulator: nil,
               architecture: "i386 32-bit little-endian", rustTarget: "i686-unknown-linux-musl",
               libraries: libraries, programs: programs),
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
        let ran = target.emulator.map { "ran under \($0)" } ?? "ran"
        #expect(bootstrap.stdout.contains("C program: compiled, linked statically, \(ran)\n"), "\(bootstrap.stdout)")
        // The names tools look for: the triple's, config.sub's and Rust's (armv7-unknown-linux-musleabihf-gcc).
        let triple = try #require(Triple(parsing: target.triple))
        for spelling in [target.triple, triple.withVendor, target.rustTarget] {
            for tool in ["gcc", "ar", "pkg-config"] {
                #expect(FileManager.default.isExecutableFile(atPath: "\(prefix)/bin/\(spelling)-\(tool)"), "bin/\(spelling)-\(tool)")
            }
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(spelling)/lib/libc.a"), "the sysroot as \(spelling)/")
        }

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

        // muslroot env follows the prefix's target: its tools, Rust's target-scoped names, and
        // CMake and Meson projects built with the files it prints.
        let env = try await CLI.process(["env", "--prefix", prefix])
        #expect(env.stdout.contains("export CC='\(prefix)/bin/\(target.triple)-gcc'"), "\(env.stdout)")
        #expect(env.stdout.contains("CARGO_TARGET_\(target.rustTarget.uppercased().replacingOccurrences(of: "-", with: "_"))_LINKER="),
                "\(env.stdout)")
        guard hostProgram("cmake") != nil, hostProgram("meson") != nil, hostProgram("ninja") != nil else { return }
        let project = TemporaryDirectory("target-project")
        defer { project.remove() }
        // A CMake and a Meson project (Fixtures/cross-project) around the zlib program; each
        // also runs a target program while configuring.
        let fixture = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/cross-project"
        for file in ["CMakeLists.txt", "meson.build", "probe.c"] {
            project.write("src/\(file)", try String(contentsOfFile: "\(fixture)/\(file)", encoding: .utf8))
        }
        project.write("src/main.c", try String(contentsOfFile: "\(RealBuildAddTests.fixtures)/zlib.c", encoding: .utf8))
        for (option, file) in [("--cmake", "toolchain.cmake"), ("--meson", "cross.ini")] {
            let printed = try await CLI.process(["env", "--prefix", prefix, option])
            try #require(printed.status == 0, "\(printed.stderr)")
            project.write(file, printed.stdout)
        }
        let built = try await shell("""
            cmake -S src -B cmake-build -DCMAKE_TOOLCHAIN_FILE="$PWD/toolchain.cmake" && cmake --build cmake-build && \
            meson setup --cross-file cross.ini meson-build src && ninja -C meson-build
            """, in: project.path)
        try #require(built.status == 0, "\(built.output)")
        for program in ["cmake-build/hello", "meson-build/hello"] {
            let check = try await CLI.process(["check", "\(project.path)/\(program)"])
            #expect(check.stdout.contains("static executable, \(target.architecture), musl"), "\(program): \(check.stdout)")
            let run = try await shell("\(target.emulator.map { "\($0) " } ?? "")\(program)", in: project.path)
            #expect(run.output.contains(Self.zlib.expect), "\(program): \(run.output)")
        }
    }
}

enum CrossTools {
    /// Whether Debian's cross gcc and qemu are there for every target RealBuildTargetsTests builds.
    static let installed = ["aarch64-linux-gnu-gcc", "arm-linux-gnueabihf-gcc", "riscv64-linux-gnu-gcc", "i686-linux-gnu-gcc",
                            "qemu-aarch64-static", "qemu-arm-static", "qemu-riscv64-static"]
        .allSatisfy { hostProgram($0) != nil }
}
