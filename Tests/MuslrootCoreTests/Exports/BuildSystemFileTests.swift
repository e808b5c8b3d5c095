import Foundation
@testable import MuslrootCore
import Testing
import TOMLKit

/// The cargo config, CMake toolchain file and Meson cross file: each says what its build
/// system needs, and the copies in the prefix name no absolute path, so they move with it.
@Suite("Exports: cargo, CMake and Meson files")
struct BuildSystemFileTests {
    static let prefix = PrefixDescription(root: "/opt/my \"cross\"", packages: ["openssl", "zlib"])

    @Test func printedCargoConfigParsesAndNamesTheLinker() throws {
        let table = try TOMLTable(string: CargoConfig.text(Self.prefix, relocatable: false))
        let target = try #require(table["target"]?["x86_64-unknown-linux-musl"]?.table)
        #expect(target["linker"]?.string == "/opt/my \"cross\"/lib/muslroot/rust/cc")
        #expect(target["rustflags"]?.array?.compactMap(\.string) == ["-C", "link-self-contained=no"])
        let env = try #require(table["env"]?.table)
        #expect(env["CC_x86_64_unknown_linux_musl"]?.string == "/opt/my \"cross\"/bin/x86_64-linux-musl-gcc")
        #expect(env["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR"]?.string == "/opt/my \"cross\"/x86_64-linux-musl/usr")
        #expect(env["LIBZ_SYS_STATIC"]?.string == "0")
        #expect(env["CC"] == nil, "plain CC would reach build scripts compiled for the build machine")
    }

    /// Cargo resolves a config file's `linker` and `relative = true` values against the
    /// directory above the file's own (PREFIX/share for PREFIX/share/muslroot/cargo-config.toml).
    @Test func relocatableCargoConfigResolvesIntoThePrefix() throws {
        let text = CargoConfig.text(Self.prefix, relocatable: true)
        #expect(!text.contains("/opt/my"))
        let table = try TOMLTable(string: text)
        let base = URL(fileURLWithPath: "/moved/prefix/\(CargoConfig.path)").deletingLastPathComponent().deletingLastPathComponent()
        func resolved(_ value: String?) -> String? { value.map { base.appendingPathComponent($0).standardized.path } }
        let linker = table["target"]?["x86_64-unknown-linux-musl"]?["linker"]?.string
        #expect(resolved(linker) == "/moved/prefix/lib/muslroot/rust/cc")
        let cc = try #require(table["env"]?["CC_x86_64_unknown_linux_musl"]?.table)
        #expect(cc["relative"]?.bool == true)
        #expect(resolved(cc["value"]?.string) == "/moved/prefix/bin/x86_64-linux-musl-gcc")
        let openssl = try #require(table["env"]?["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR"]?.table)
        #expect(resolved(openssl["value"]?.string) == "/moved/prefix/x86_64-linux-musl/usr")
        #expect(table["env"]?["BINDGEN_EXTRA_CLANG_ARGS_x86_64_unknown_linux_musl"] == nil)
        #expect(table["env"]?["PKG_CONFIG_ALL_STATIC"]?.string == "1")
    }

    @Test func cmakeToolchainFileHasWhatCrossBuildsNeed() {
        let text = CMakeToolchainFile.text(Self.prefix, relocatable: true)
        for line in [
            "set(CMAKE_SYSTEM_NAME Linux)", "set(CMAKE_SYSTEM_PROCESSOR x86_64)",
            "set(CMAKE_SYSROOT \"${MUSLROOT_SYSROOT}\")",
            "set(CMAKE_C_COMPILER \"${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-gcc\")",
            "set(CMAKE_CXX_COMPILER \"${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-g++\")",
            "set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)", "set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)",
            "set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)", "set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)",
            "set(CMAKE_FIND_LIBRARY_SUFFIXES \".a\")", "set(CMAKE_POSITION_INDEPENDENT_CODE ON)",
            "set(CMAKE_EXE_LINKER_FLAGS_INIT \"-static\")",
            "set(PKG_CONFIG_EXECUTABLE \"${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-pkg-config\")",
            "get_filename_component(MUSLROOT_PREFIX \"${CMAKE_CURRENT_LIST_DIR}/../..\" ABSOLUTE)",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("/opt/my"))
        let printed = CMakeToolchainFile.text(Self.prefix, relocatable: false)
        #expect(printed.contains("set(MUSLROOT_PREFIX \"/opt/my \\\"cross\\\"\")"))
        let cOnly = CMakeToolchainFile.text(PrefixDescription(root: "/p", hasCXX: false), relocatable: true)
        #expect(!cOnly.contains("CMAKE_CXX_COMPILER "))
    }

    /// CMake itself reads the file from where it is: every path lands in the moved prefix,
    /// spaces, quotes and dollars included.
    @Test(.enabled(if: hostProgram("cmake") != nil, "cmake is not installed"))
    func cmakeFindsThePrefixFromTheFile() throws {
        let cmake = try #require(hostProgram("cmake"))
        let directory = TemporaryDirectory("cmake-toolchain")
        defer { directory.remove() }
        // CMake turns every backslash in a path into a slash, so none in this name.
        let root = "\(directory.path)/it's a \"$HOME\" `dir`"
        let file = "\(root)/\(CMakeToolchainFile.path)"
        try ExportFile.write(CMakeToolchainFile.text(Self.prefix, relocatable: true), to: file)
        let script = directory.write("show.cmake", """
            include("${TOOLCHAIN}")
            message(STATUS "CC=${CMAKE_C_COMPILER}")
            message(STATUS "SYSROOT=${CMAKE_SYSROOT}")
            """)
        let result = try run(cmake, ["-DTOOLCHAIN=\(file)", "-P", script], directory: "/")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CC=\(root)/bin/x86_64-linux-musl-gcc\n"), "\(result.stdout)")
        #expect(result.stdout.contains("SYSROOT=\(root)/x86_64-linux-musl\n"), "\(result.stdout)")
    }

    @Test func mesonCrossFileHasWhatCrossBuildsNeed() {
        let text = MesonCrossFile.text(Self.prefix, relocatable: true)
        for line in [
            "prefix = '@DIRNAME@' / '..' / '..'", "c = prefix / 'bin' / 'x86_64-linux-musl-gcc'",
            "cpp = prefix / 'bin' / 'x86_64-linux-musl-g++'", "ar = prefix / 'bin' / 'x86_64-linux-musl-ar'",
            "strip = prefix / 'bin' / 'x86_64-linux-musl-strip'",
            "pkg-config = prefix / 'bin' / 'x86_64-linux-musl-pkg-config'",
            "sys_root = sysroot", "pkg_config_libdir = [sysroot / 'usr' / 'lib' / 'pkgconfig'",
            "system = 'linux'", "cpu_family = 'x86_64'", "cpu = 'x86_64'", "endian = 'little'",
            "default_library = 'static'", "c_link_args = ['-static']", "prefer_static = true",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("/opt/my"))
        let printed = MesonCrossFile.text(Self.prefix, relocatable: false)
        #expect(printed.contains("prefix = '/opt/my \"cross\"'"))
        let cOnly = MesonCrossFile.text(PrefixDescription(root: "/p", hasCXX: false), relocatable: true)
        #expect(!cOnly.contains("cpp =") && !cOnly.contains("cpp_link_args"))
    }

    @Test func prefixExportsWritesEveryFile() throws {
        let prefix = try FakePrefix(packages: ["zlib"])
        defer { prefix.remove() }
        let written = try PrefixExports.write(into: prefix.root)
        #expect(written == PrefixExports.paths())
        let fm = FileManager.default
        for path in written {
            #expect(fm.fileExists(atPath: "\(prefix.root)/\(path)"), "\(path)")
        }
        #expect(fm.isExecutableFile(atPath: "\(prefix.root)/bin/x86_64-linux-musl-pkg-config"))
        #expect(fm.isExecutableFile(atPath: "\(prefix.root)/lib/muslroot/rust/cc"))
        let cargo = try String(contentsOfFile: "\(prefix.root)/\(CargoConfig.path)", encoding: .utf8)
        #expect(cargo.contains("LIBZ_SYS_STATIC") && !cargo.contains("OPENSSL"))
    }
}
