import Foundation
import Testing

/// cargo builds a static Rust program for x86_64-unknown-linux-musl with what `muslroot env`
/// prints: the prefix's gcc as linker, rustc linking this toolchain's libc.a
/// (`-C link-self-contained=no`), and a C library of the sysroot (zlib) linked statically.
/// It needs Rust's musl target (its standard library), and a full gcc prefix
/// (`MUSLROOT_GCC_PREFIX`, with zlib added): the host flavour's unwinder needs glibc.
@Suite("env: a static Rust program", .tags(.realBuild),
       .enabled(if: RustTarget.installed, "Rust's x86_64-unknown-linux-musl target is not installed (rustup target add x86_64-unknown-linux-musl)"),
       .enabled(if: ProcessInfo.processInfo.environment["MUSLROOT_GCC_PREFIX"] != nil,
                "MUSLROOT_GCC_PREFIX is not set (a prefix from `muslroot bootstrap` with `muslroot add zlib`)"))
struct RealBuildRustTests {
    @Test("cargo build --target x86_64-unknown-linux-musl links the sysroot's zlib statically; the binary is static and runs")
    func cargoBuild() async throws {
        let prefix = try #require(ProcessInfo.processInfo.environment["MUSLROOT_GCC_PREFIX"])
        let dir = TemporaryDirectory("rust-project")
        defer { dir.remove() }
        dir.write("hello/Cargo.toml", """
            [package]
            name = "hello"
            version = "0.1.0"
            edition = "2021"
            """)
        dir.write("hello/build.rs", """
            fn main() {
                let sysroot = std::env::var("MUSLROOT_SYSROOT").expect("eval \\"$(muslroot env)\\" first");
                println!("cargo:rustc-link-search=native={sysroot}/lib");
                println!("cargo:rustc-link-lib=static=z");
            }
            """)
        dir.write("hello/src/main.rs", """
            use std::ffi::CStr;
            extern "C" { fn zlibVersion() -> *const std::os::raw::c_char; }
            fn main() {
                let version = unsafe { CStr::from_ptr(zlibVersion()) }.to_str().unwrap();
                let worker = std::thread::spawn(move || format!("hello from musl with zlib {version}"));
                println!("{}", worker.join().unwrap());
            }
            """)
        let env = try await CLI.process(["env", "--prefix", prefix])
        try #require(env.status == 0, "\(env.stderr)")
        dir.write("env.sh", env.stdout)
        let build = try await shell(". ./env.sh && cd hello && cargo build --offline --release --target x86_64-unknown-linux-musl", in: dir.path)
        try #require(build.status == 0, "\(build.output)")
        let program = "\(dir.path)/hello/target/x86_64-unknown-linux-musl/release/hello"
        let check = try await CLI.process(["check", program])
        #expect(check.status == 0, "\(check.stdout)")
        let run = try await shell("'\(program)'", in: dir.path)
        #expect(run.output.hasPrefix("hello from musl with zlib 1.3.1"), "\(run.output)")
    }
}

enum RustTarget {
    /// Whether rustc has the x86_64-unknown-linux-musl standard library.
    static var installed: Bool {
        guard let result = try? runProgram("/usr/bin/env", ["rustc", "--print", "target-libdir", "--target", "x86_64-unknown-linux-musl"]),
              result.status == 0 else { return false }
        let directory = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.contains { $0.hasPrefix("libstd-") }
    }
}
