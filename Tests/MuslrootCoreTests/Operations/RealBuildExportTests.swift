import Foundation
@testable import MuslrootCore
import Testing

/// What `muslroot env` hands to other build systems, proved by builds of small projects from
/// another directory against a `--toolchain host` prefix holding zlib and OpenSSL: CMake
/// (find_package and pkg_check_modules), Meson (dependency()) and autoconf (PKG_CHECK_MODULES,
/// finding the prefix's pkg-config by itself from --host). Each program must be fully static and run.
@Suite("env: CMake, Meson and autoconf projects build against the prefix", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildExportTests {
    /// Uses zlib and libcrypto, so that a build that did not find either cannot link.
    static let main = """
        #include <openssl/evp.h>
        #include <stdio.h>
        #include <string.h>
        #include <zlib.h>
        int main(void) {
            unsigned char digest[32], packed[128];
            unsigned int length = 0;
            uLongf size = sizeof packed;
            if (!EVP_Digest("abc", 3, digest, &length, EVP_sha256(), NULL) || digest[0] != 0xba) return 1;
            if (compress(packed, &size, (const Bytef *)"abcabcabc", 9) != Z_OK) return 1;
            printf("hello from musl with zlib %s and %s\\n", zlibVersion(), OpenSSL_version(OPENSSL_VERSION));
            return 0;
        }
        """

    static func prefix() async throws -> String {
        let added = try await HostPrefix.shared.withLibraries()
        try #require(added.status == 0, "add failed: \(added.stderr)")
        return await HostPrefix.shared.prefix
    }

    /// swift-subprocess, not Foundation's Process: cmake under Process inherits the test
    /// runner's blocked signals and never hears that its compiler exited.
    static func sh(_ script: String, in directory: String) async throws -> HostCommand.Outcome {
        try await HostCommand(["/bin/sh", "-c", script], directory: directory).run()
    }

    static func expectStaticAndRunning(_ program: String) async throws {
        let check = try await CLI.process(["check", program])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let run = try await HostCommand([program]).run()
        #expect(run.output.hasPrefix("hello from musl with zlib 1.3.1 and OpenSSL 3.5.7"), "\(run.output)")
    }

    @Test("CMake: the prefix's toolchain file; find_package(ZLIB), find_package(OpenSSL), pkg_check_modules",
          .enabled(if: hostProgram("cmake") != nil, "cmake is not installed (Debian: cmake)"))
    func cmake() async throws {
        let prefix = try await Self.prefix()
        let dir = TemporaryDirectory("cmake-project")
        defer { dir.remove() }
        dir.write("src/main.c", Self.main)
        dir.write("src/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.13)
            project(hello C)
            set(OPENSSL_USE_STATIC_LIBS TRUE)
            find_package(ZLIB REQUIRED)
            find_package(OpenSSL REQUIRED)
            find_package(PkgConfig REQUIRED)
            pkg_check_modules(ZLIBPC REQUIRED IMPORTED_TARGET zlib)
            add_executable(hello main.c)
            target_link_libraries(hello OpenSSL::Crypto ZLIB::ZLIB PkgConfig::ZLIBPC)
            """)
        let build = try await Self.sh("cmake -S src -B build -DCMAKE_TOOLCHAIN_FILE='\(prefix)/share/muslroot/toolchain.cmake' && cmake --build build",
                                      in: dir.path)
        try #require(build.succeeded, "\(build.output)")
        #expect(build.output.contains("\(prefix)/x86_64-linux-musl"), "found in the sysroot: \(build.output)")
        try await Self.expectStaticAndRunning("\(dir.path)/build/hello")
    }

    @Test("Meson: the cross file muslroot env --meson prints; dependency('zlib') and dependency('openssl')",
          .enabled(if: hostProgram("meson") != nil && hostProgram("ninja") != nil, "meson or ninja is not installed"))
    func meson() async throws {
        let prefix = try await Self.prefix()
        let dir = TemporaryDirectory("meson-project")
        defer { dir.remove() }
        dir.write("src/main.c", Self.main)
        dir.write("src/meson.build", """
            project('hello', 'c')
            executable('hello', 'main.c', dependencies: [dependency('zlib'), dependency('openssl')])
            """)
        let cross = try await CLI.process(["env", "--prefix", prefix, "--meson"])
        try #require(cross.status == 0, "\(cross.stderr)")
        dir.write("cross.ini", cross.stdout)
        let build = try await Self.sh("meson setup --cross-file cross.ini build src && ninja -C build", in: dir.path)
        try #require(build.succeeded, "\(build.output)")
        try await Self.expectStaticAndRunning("\(dir.path)/build/hello")
    }

    @Test("autoconf: after eval \"$(muslroot env)\", --host=x86_64-linux-musl finds the prefix's pkg-config by itself",
          .enabled(if: hostProgram("autoreconf") != nil, "autoconf is not installed (Debian: autoconf)"))
    func autoconf() async throws {
        let prefix = try await Self.prefix()
        let dir = TemporaryDirectory("autoconf-project")
        defer { dir.remove() }
        dir.write("src/main.c", Self.main)
        dir.write("src/configure.ac", """
            AC_INIT([hello], [1.0])
            AC_PROG_CC
            PKG_PROG_PKG_CONFIG
            PKG_CHECK_MODULES([DEPS], [zlib libcrypto])
            AC_CONFIG_FILES([Makefile])
            AC_OUTPUT
            """)
        dir.write("src/Makefile.in", """
            hello: @srcdir@/main.c
            \t@CC@ -static @CFLAGS@ @DEPS_CFLAGS@ -o $@ @srcdir@/main.c @DEPS_LIBS@
            """)
        let env = try await CLI.process(["env", "--prefix", prefix])
        try #require(env.status == 0, "\(env.stderr)")
        dir.write("env.sh", env.stdout)
        // PKG_CONFIG unset: PKG_PROG_PKG_CONFIG must find x86_64-linux-musl-pkg-config on PATH from --host.
        let build = try await Self.sh("""
            cd src && autoreconf -i >/dev/null 2>&1 && cd .. && mkdir build && cd build && \
            . ../env.sh && unset PKG_CONFIG && ../src/configure --host=x86_64-linux-musl && make
            """, in: dir.path)
        try #require(build.succeeded, "\(build.output)")
        #expect(build.output.contains("checking for x86_64-linux-musl-pkg-config... \(prefix)/bin/x86_64-linux-musl-pkg-config"),
                "\(build.output)")
        try await Self.expectStaticAndRunning("\(dir.path)/build/hello")
    }
}
