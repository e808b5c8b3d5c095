import Foundation
@testable import MuslrootCore
import Testing

/// A prefix under a path with a space, a quote and a `$` (`a b'c$d/prefix`), which zlib's
/// configure (like most) cannot take as a build directory: `add` builds in the cache instead
/// and installs into the prefix, whose pkg-config wrapper and absolute Meson cross file then
/// serve a program built against it (with make, and with the build machine's Meson, which
/// on Debian 12 is 1.0.1 and reads only the absolute file).
@Suite("add: a prefix under a path with a space, a quote and a $", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildAwkwardPathTests {
    static let main = """
        #include <stdio.h>
        #include <zlib.h>
        int main(void) {
            unsigned char packed[128];
            uLongf size = sizeof packed;
            if (compress(packed, &size, (const Bytef *)"abcabcabc", 9) != Z_OK) return 1;
            printf("hello from musl with zlib %s\\n", zlibVersion());
            return 0;
        }
        """

    @Test("add zlib, then a program linked through the prefix's pkg-config, and a Meson project with the file the README names")
    func addZlibAndLinkThroughPkgConfig() async throws {
        let dir = TemporaryDirectory("awkward-path")
        defer { dir.remove() }
        let parent = "\(dir.path)/a b'c$d"
        let prefix = "\(parent)/prefix"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let bootstrap = try await HostPrefix.shared.toolchain()
        try #require(bootstrap.status == 0, "bootstrap --toolchain host failed: \(bootstrap.stderr)")
        let original = await HostPrefix.shared.toolchainOnly
        try #require(try await shell("cp -a \(ShellQuoting.sh(original)) \(ShellQuoting.sh(prefix))", in: dir.path).status == 0)

        let cache = "\(dir.path)/cache"
        let add = try await CLI.process(["add", "zlib", "--prefix", prefix, "--jobs", "2", "--no-cache"] + HostPrefix.shared.sourceArguments,
                                             environment: ["XDG_CACHE_HOME": cache])
        try #require(add.status == 0, "\(add.stdout)\(add.stderr)")
        // Built in the cache; beside the prefix only the stage went, and it is gone.
        let work = try FileManager.default.contentsOfDirectory(atPath: "\(cache)/muslroot/work")
        #expect(work.count == 1 && work.first?.hasPrefix("prefix-") == true, "\(work)")
        #expect(FileManager.default.fileExists(atPath: "\(cache)/muslroot/work/\(work.first ?? "")/logs/zlib/configure.log"))
        let beside = (try? FileManager.default.contentsOfDirectory(atPath: "\(parent)/.prefix.muslroot")) ?? []
        #expect(!beside.contains("src") && !beside.contains("build") && !beside.contains("stage"), "\(beside)")
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/x86_64-linux-musl/lib/libz.a"))

        dir.write("src/main.c", Self.main)
        let env = try await CLI.process(["env", "--prefix", prefix])
        try #require(env.status == 0, "\(env.stderr)")
        dir.write("env.sh", env.stdout)
        // make hands the wrapper's escaped flags to sh, which reads back the real paths.
        dir.write("src/Makefile", """
            FLAGS := $(shell x86_64-linux-musl-pkg-config --cflags --libs --static zlib)
            hello: main.c
            \tx86_64-linux-musl-gcc -static -o $@ main.c $(FLAGS)
            """)
        let make = try await shell(". ../env.sh && make", in: "\(dir.path)/src")
        try #require(make.status == 0, "\(make.output)")
        try await Self.expectStaticAndRunning("\(dir.path)/src/hello")

        if hostProgram("meson") != nil, hostProgram("ninja") != nil {
            dir.write("meson/main.c", Self.main)
            dir.write("meson/meson.build", """
                project('hello', 'c')
                executable('hello', 'main.c', dependencies: [dependency('zlib')])
                """)
            let cross = "\(prefix)/\(MesonCrossFile.absolutePath)"
            // swift-subprocess, as RealBuildExportTests runs build systems.
            let meson = try await HostCommand(["/bin/sh", "-c", "meson setup --cross-file \(ShellQuoting.sh(cross)) build meson && ninja -C build"],
                                              directory: dir.path).run()
            try #require(meson.succeeded, "\(meson.output)")
            try await Self.expectStaticAndRunning("\(dir.path)/build/hello")
        }
    }

    static func expectStaticAndRunning(_ program: String) async throws {
        let check = try await CLI.process(["check", program])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let run = try await HostCommand([program]).run()
        #expect(run.output.hasPrefix("hello from musl with zlib 1.3.1"), "\(run.output)")
    }
}
