import Foundation

extension PrefixEnvironment.Builder {
    /// `x86_64-unknown-linux-musl`: Rust's name for the target.
    var rustTarget: String { prefix.target.rustTarget }
    /// `x86_64_unknown_linux_musl`: the suffix the cc, pkg-config and cmake crates read.
    var suffix: String { rustTarget.replacingOccurrences(of: "-", with: "_") }
    /// `X86_64_UNKNOWN_LINUX_MUSL`: cargo's and openssl-sys's spelling.
    var upper: String { suffix.uppercased() }

    /// Cargo, rustc and the crates every `-sys` crate builds with. All target-scoped, so
    /// builds for the build machine (build scripts, proc macros) are not touched; the one
    /// exception is `PKG_CONFIG_ALL_STATIC`, which the pkg-config crate reads only plainly.
    mutating func addRust() {
        // rustc links with this toolchain's gcc (through a wrapper that adds the
        // directory of the libunwind.a shim) and its sysroot's crt objects and libc.a,
        // instead of the copies of musl bundled with Rust's target.
        path("CARGO_TARGET_\(upper)_LINKER", prefix.files.rustLinker)
        text("CARGO_TARGET_\(upper)_RUSTFLAGS", RustLinker.rustflags.joined(separator: " "))
        // The cc crate (and the cmake crate, which asks it for the compiler).
        path("CC_\(suffix)", tool("gcc"), cargo: true)
        if prefix.hasCXX { path("CXX_\(suffix)", tool("g++"), cargo: true) }
        path("AR_\(suffix)", tool("ar"), cargo: true)
        path("RANLIB_\(suffix)", tool("ranlib"), cargo: true)
        // The pkg-config crate: the wrapper confines pkg-config to the sysroot, and its
        // presence tells the crate that cross-compiling with pkg-config is safe.
        // PKG_CONFIG_SYSROOT_DIR is deliberately not exported: the crate compares `-L`
        // directories with it and links everything below it dynamically.
        path("PKG_CONFIG_\(suffix)", tool("pkg-config"), cargo: true)
        text("PKG_CONFIG_ALL_STATIC", "1", cargo: true)
        path("CMAKE_TOOLCHAIN_FILE_\(suffix)", prefix.files.cmakeToolchainFile, cargo: true)
        // bindgen's libclang would otherwise parse the build machine's glibc headers.
        flags("BINDGEN_EXTRA_CLANG_ARGS_\(suffix)", "--sysroot=" + ShellQuoting.word(prefix.sysroot), cargo: true)
    }

    /// What the `-sys` crates of installed packages read to use the sysroot's library.
    mutating func addCrates() {
        if prefix.has("openssl") {
            // openssl-sys: with OPENSSL_DIR it skips pkg-config and links lib/libssl.a and
            // lib/libcrypto.a statically; target-prefixed so host builds keep their own.
            path("\(upper)_OPENSSL_DIR", "\(sysroot)/usr", cargo: true)
            text("\(upper)_OPENSSL_STATIC", "1", cargo: true)
        }
        if prefix.has("zlib") {
            // libz-sys: 0 means "do not build the bundled zlib" (1 would build it), so it
            // asks pkg-config for zlib.pc, which finds the sysroot's libz.a.
            text("LIBZ_SYS_STATIC", "0", cargo: true)
        }
        if prefix.has("zstd") {
            // zstd-sys builds its bundled copy unless this is set; set, it asks pkg-config
            // (static) for libzstd.pc and links the sysroot's libzstd.a.
            text("ZSTD_SYS_USE_PKG_CONFIG", "1", cargo: true)
        }
        if prefix.has("libpq") {
            // pq-sys: with PQ_LIB_DIR_<TARGET> it asks neither pkg-config nor pg_config (the
            // build machine's, which names its own libpq) and links -lpq from there; with
            // PQ_LIB_STATIC_<TARGET>, as static=pq. That bare -lpq links because the recipe
            // puts libpgcommon's and libpgport's objects into libpq.a; OpenSSL comes from
            // openssl-sys (OPENSSL_DIR above).
            path("PQ_LIB_DIR_\(upper)", "\(sysroot)/usr/lib", cargo: true)
            text("PQ_LIB_STATIC_\(upper)", "1", cargo: true)
        }
        if prefix.has("pcre2") {
            // pcre2-sys builds its bundled PCRE2 for every musl target unless this is 0; then
            // it asks pkg-config (static) for libpcre2-8.pc. (It reads the name only plainly;
            // for the build machine, 0 means its libpcre2-8 if it has one, else the bundled.)
            text("PCRE2_SYS_STATIC", "0", cargo: true)
        }
        // curl-sys (without its static-curl feature), lzma-sys (with LZMA_API_STATIC unset and
        // without its static feature, both of which build the bundled copy) and libffi-sys
        // (with its system feature: -lffi, which the linker finds in the sysroot) need nothing
        // more than the pkg-config variables of addRust.
    }
}
