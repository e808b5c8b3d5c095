import Foundation
import Testing

/// The cmake, make and meson templates on real builds (openssl, ffmpeg, ncurses, libedit and
/// zlib cover autotools): a library recipe on each, added to a copy of the `--toolchain host`
/// prefix, and a static program linked against it with flags from the prefix's pkg-config.
@Suite("add: libraries built by the cmake, make and meson templates", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildTemplateTests {
    typealias Program = RealBuildAddTests.Program

    @Test("zstd (cmake, from build/cmake) and bzip2 (make) build, and static programs link them",
          .enabled(if: hostProgram("cmake") != nil, "cmake is not installed (Debian: cmake)"))
    func cmakeAndMake() async throws {
        let directory = TemporaryDirectory("templates")
        defer { directory.remove() }
        let prefix = try await HostPrefix.shared.copyOfToolchain(in: directory)
        let added = try await CLI.process(["add", "zstd", "bzip2", "--prefix", prefix, "--jobs", "2", "--no-cache"] + HostPrefix.shared.sourceArguments)
        try #require(added.status == 0, "\(added.stderr)\n\(added.stdout.suffix(2000))")
        #expect(added.stdout.contains("x86_64-linux-musl-pkg-config --static --libs bzip2 libzstd"),
                "the link hint names the modules the recipes installed: \(added.stdout)")
        let programs = [Program(source: "zstd", modules: "libzstd", expect: "zstd ok: 1048576 bytes, 2 workers"),
                        Program(source: "bzip2", modules: "bzip2", expect: "bzip2 ok: 8192 bytes")]
        for program in programs {
            for linking in ["-static", "-static-pie"] { try await RealBuildAddTests.build(program, linking: linking, prefix: prefix) }
        }
    }

    @Test("a Meson library (Fixtures/meson-library) builds with the meson template and links",
          .enabled(if: hostProgram("meson") != nil && hostProgram("ninja") != nil, "meson or ninja is not installed (Debian: meson, ninja-build)"))
    func meson() async throws {
        let directory = TemporaryDirectory("meson-library")
        defer { directory.remove() }
        let prefix = try await HostPrefix.shared.copyOfToolchain(in: directory)
        let fixture = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/meson-library"
        let packed = try await shell("mkdir mirror recipes && cp -r '\(fixture)' tiny-1.0 && tar czf mirror/tiny-1.0.tar.gz tiny-1.0",
                                     in: directory.path)
        try #require(packed.status == 0, "\(packed.output)")
        directory.write("recipes/tiny.toml", """
            name = "tiny"
            version = "1.0"
            summary = "A small Meson library"
            homepage = "https://example.invalid/"
            license = "MIT"
            build-system = "meson"
            installs = ["usr/lib/libtiny.a", "usr/include/tiny.h", "usr/lib/pkgconfig/tiny.pc"]

            [[source]]
            url = "https://example.invalid/tiny-1.0.tar.gz"
            sha256 = "\(sha256("\(directory.path)/mirror/tiny-1.0.tar.gz"))"
            """)
        let added = try await CLI.process(["add", "tiny", "--prefix", prefix, "--recipes", "\(directory.path)/recipes",
                                                "--mirror", "\(directory.path)/mirror", "--cache-dir", "\(directory.path)/cache"])
        try #require(added.status == 0, "\(added.stderr)\n\(added.stdout.suffix(2000))")
        let configureLog = try String(contentsOfFile: "\(directory.path)/.cross.muslroot/logs/tiny/configure.log", encoding: .utf8)
        #expect(configureLog.contains("C compiler for the host machine: \(directory.path)/.cross.muslroot/stage/bin/x86_64-linux-musl-gcc"),
                "Meson cross-compiles with the prefix's compiler")
        let program = Program(source: "tiny", modules: "tiny", expect: "tiny ok: 5050")
        for linking in ["-static", "-static-pie"] { try await RealBuildAddTests.build(program, linking: linking, prefix: prefix) }
    }
}
