/// Where a target's files for other build systems are in its prefix, relative to it. The
/// prefix's first target has the plain names (`share/muslroot/toolchain.cmake`, as in a
/// prefix of one target); each target bootstrapped into it after has its triple in them
/// (`share/muslroot/toolchain-aarch64-linux-musl.cmake`, `lib/muslroot/rust-aarch64-linux-musl/cc`),
/// at the same depth, so that the relocatable forms find the prefix the same way.
public struct ExportPaths: Sendable, Equatable {
    public var triple: Triple
    public var isFirstTarget: Bool

    public init(triple: Triple = .default, isFirstTarget: Bool = true) {
        self.triple = triple
        self.isFirstTarget = isFirstTarget
    }

    private var suffix: String { isFirstTarget ? "" : "-\(triple)" }

    public var cmakeToolchainFile: String { "share/muslroot/toolchain\(suffix).cmake" }
    public var mesonCrossFile: String { "share/muslroot/meson-cross\(suffix).ini" }
    public var mesonCrossFileAbsolute: String { "share/muslroot/meson-cross-absolute\(suffix).ini" }
    public var cargoConfig: String { "share/muslroot/cargo-config\(suffix).toml" }
    /// Rust's linker wrapper and the unwinder shim beside it.
    public var rustDirectory: String { "lib/muslroot/rust\(suffix)" }
    public var rustLinker: String { "\(rustDirectory)/cc" }
    public var pkgConfigWrapper: String { "bin/\(PkgConfigWrapper.name(triple: triple))" }

    /// Every file `PrefixExports.write` puts in the prefix, sorted.
    public var all: [String] {
        [pkgConfigWrapper, rustLinker, "\(rustDirectory)/libunwind.a", cmakeToolchainFile, mesonCrossFile,
         mesonCrossFileAbsolute, cargoConfig].sorted()
    }
}
