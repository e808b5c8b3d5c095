import Foundation
@testable import MuslrootCore
import Testing

/// `muslroot env` as a user runs it: what it reads from the prefix, what it prints for the
/// packages installed, and the error (exit 1, naming the bootstrap command) without a toolchain.
@Suite("Exports: muslroot env")
struct EnvCommandTests {
    @Test func describesWhatThePrefixHolds() throws {
        let prefix = try FakePrefix(packages: ["zlib", "mimalloc", "openssl"], cxx: false)
        defer { prefix.remove() }
        let description = try prefix.description()
        #expect(description.root == prefix.root)
        #expect(description.packages == ["mimalloc", "openssl", "zlib"])
        #expect(description.malloc == "mimalloc")
        #expect(!description.hasCXX)
        #expect(description.sysroot == "\(prefix.root)/x86_64-linux-musl")
    }

    @Test func crateVariablesOnlyForInstalledPackages() throws {
        let bare = PrefixEnvironment(PrefixDescription(root: "/p"))
        #expect(bare["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR"] == nil)
        #expect(bare["LIBZ_SYS_STATIC"] == nil)
        #expect(bare["ZSTD_SYS_USE_PKG_CONFIG"] == nil)
        let zstd = PrefixEnvironment(PrefixDescription(root: "/p", packages: ["zstd"]))
        #expect(zstd["ZSTD_SYS_USE_PKG_CONFIG"] == "1")
        let both = PrefixEnvironment(PrefixDescription(root: "/p", packages: ["openssl", "zlib"]))
        #expect(both["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR"] == "/p/x86_64-linux-musl/usr")
        #expect(both["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_STATIC"] == "1")
        #expect(both["LIBZ_SYS_STATIC"] == "0")
    }

    @Test func crateVariablesOfTheLibrariesBeyondCompression() throws {
        let bare = PrefixEnvironment(PrefixDescription(root: "/p", packages: ["openssl"]))
        #expect(bare["PQ_LIB_DIR_X86_64_UNKNOWN_LINUX_MUSL"] == nil)
        #expect(bare["PQ_LIB_STATIC_X86_64_UNKNOWN_LINUX_MUSL"] == nil)
        #expect(bare["PCRE2_SYS_STATIC"] == nil)
        let all = PrefixEnvironment(PrefixDescription(root: "/p", packages: ["openssl", "libpq", "pcre2", "curl", "xz", "libffi"]))
        #expect(all["PQ_LIB_DIR_X86_64_UNKNOWN_LINUX_MUSL"] == "/p/x86_64-linux-musl/usr/lib")
        #expect(all["PQ_LIB_STATIC_X86_64_UNKNOWN_LINUX_MUSL"] == "1")
        // Not the plain PQ_LIB_DIR/PQ_LIB_STATIC: builds for the build machine keep their own libpq.
        #expect(all["PQ_LIB_DIR"] == nil)
        #expect(all["PQ_LIB_STATIC"] == nil)
        #expect(all["PCRE2_SYS_STATIC"] == "0")
        // Set, lzma-sys would build its bundled liblzma instead of linking the sysroot's.
        #expect(all["LZMA_API_STATIC"] == nil)
    }

    @Test func rustVariablesAreTargetScoped() {
        let environment = PrefixEnvironment(PrefixDescription(root: "/p"))
        #expect(environment["CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER"] == "/p/lib/muslroot/rust/cc")
        #expect(environment["CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS"] == "-C link-self-contained=no")
        #expect(environment["PKG_CONFIG_x86_64_unknown_linux_musl"] == "/p/bin/x86_64-linux-musl-pkg-config")
        #expect(environment["CMAKE_TOOLCHAIN_FILE_x86_64_unknown_linux_musl"] == "/p/share/muslroot/toolchain.cmake")
        #expect(environment["PKG_CONFIG_ALL_STATIC"] == "1")
        #expect(environment["HOST_PKG_CONFIG"] == "pkg-config")
        // Set plainly, it would make the pkg-config crate link the sysroot's libraries dynamically.
        #expect(environment["PKG_CONFIG_SYSROOT_DIR"] == nil)
    }

    @Test func noToolchainIsAFailureNamingTheBootstrapCommand() async throws {
        let directory = TemporaryDirectory("env-empty")
        defer { directory.remove() }
        #expect(throws: PrefixError.self) { try PrefixDescription.read(prefix: directory.path) }
        let result = try await CLI.process(["env", "--prefix", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("muslroot bootstrap --prefix \(directory.path)\n") || result.stderr.hasSuffix("--prefix \(directory.path)"),
                "x86_64 needs no --target: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        // Asked for another target: the bootstrap that makes it, with --target.
        for command in [["env"], ["doctor"], ["add", "zlib"]] {
            let other = try await CLI.process(command + ["--prefix", directory.path, "--target", "aarch64-linux-musl"])
            #expect(other.status == 1, "\(command): \(other.stderr)")
            #expect(other.stderr.contains("muslroot bootstrap --prefix \(directory.path) --target aarch64-linux-musl"), "\(command): \(other.stderr)")
        }
    }

    @Test func printsEachFormAndRefusesTwoFiles() async throws {
        let prefix = try FakePrefix(packages: ["openssl"])
        defer { prefix.remove() }
        let sh = try await CLI.process(["env", "--prefix", prefix.root])
        #expect(sh.status == 0)
        #expect(sh.stdout.contains("export CC='\(prefix.root)/bin/x86_64-linux-musl-gcc'"))
        let json = try await CLI.process(["env", "--prefix", prefix.root, "--shell", "json"])
        let values = try JSONDecoder().decode([String: String].self, from: Data(json.stdout.utf8))
        #expect(values["X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR"] == "\(prefix.root)/x86_64-linux-musl/usr")
        #expect(try await CLI.process(["env", "--prefix", prefix.root, "--cargo"]).stdout.contains("[target.x86_64-unknown-linux-musl]"))
        #expect(try await CLI.process(["env", "--prefix", prefix.root, "--cmake"]).stdout.contains("CMAKE_SYSROOT"))
        #expect(try await CLI.process(["env", "--prefix", prefix.root, "--meson"]).stdout.contains("[host_machine]"))
        #expect(try await CLI.process(["env", "--prefix", prefix.root, "--cargo", "--meson"]).status == 2)
        #expect(try await CLI.process(["env", "--prefix", prefix.root, "--shell", "csh"]).status == 2)
    }

    @Test func unwinderIsWhereGccPutIt() throws {
        let directory = TemporaryDirectory("env-unwinder")
        defer { directory.remove() }
        let libraries = "\(directory.path)/lib/gcc/x86_64-linux-musl"
        #expect(PrefixDescription.unwinder(gccLibraries: libraries) == .gccEH)
        directory.write("lib/gcc/x86_64-linux-musl/14.2.0/libgcc.a", "")
        #expect(PrefixDescription.unwinder(gccLibraries: libraries) == .gcc)
        directory.write("lib/gcc/x86_64-linux-musl/14.2.0/libgcc_eh.a", "")
        #expect(PrefixDescription.unwinder(gccLibraries: libraries) == .gccEH)
    }
}
