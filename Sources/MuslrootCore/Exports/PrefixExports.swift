import Foundation

/// The files a prefix carries for other build systems, all relocatable: the pkg-config
/// wrapper in `bin`, the CMake toolchain file, the Meson cross file and the cargo config in
/// `share/muslroot`, and Rust's linker wrapper and unwinder shim in `lib/muslroot/rust`.
/// Written at install time, into the prefix or into the stage that becomes it, after every
/// change of its packages (the cargo config names the `-sys` crates' libraries).
public enum PrefixExports {
    /// Writes every file under `root` for the prefix `prefix` describes (its `root` is not
    /// used: the files find the prefix from where they are). Returns the paths written,
    /// relative to `root`, for the manifest.
    @discardableResult
    public static func write(into root: String, for prefix: PrefixDescription) throws -> [String] {
        let triple = prefix.triple
        try PkgConfigWrapper.write(into: "\(root)/bin", triple: triple)
        try RustLinker.write(into: root, for: prefix)
        try ExportFile.write(CMakeToolchainFile.text(prefix, relocatable: true), to: "\(root)/\(CMakeToolchainFile.path)")
        try ExportFile.write(MesonCrossFile.text(prefix, relocatable: true), to: "\(root)/\(MesonCrossFile.path)")
        try ExportFile.write(CargoConfig.text(prefix, relocatable: true), to: "\(root)/\(CargoConfig.path)")
        return paths(triple: triple)
    }

    /// Reads the prefix (toolchain, manifest) at `root` and writes its files there.
    @discardableResult
    public static func write(into root: String, triple: Triple = .default) throws -> [String] {
        try write(into: root, for: PrefixDescription.read(prefix: root, triple: triple))
    }

    /// What `write` puts in a prefix, relative to it.
    public static func paths(triple: Triple = .default) -> [String] {
        ["bin/\(PkgConfigWrapper.name(triple: triple))", RustLinker.linkerPath, "\(RustLinker.directory)/libunwind.a",
         CMakeToolchainFile.path, MesonCrossFile.path, CargoConfig.path].sorted()
    }
}

extension PrefixExports {
    /// Writes the files into a stage about to become the prefix that `manifest` describes
    /// (its manifest is saved after this), with the pkg-config wrapper's
    /// `x86_64-unknown-linux-musl-` alias. Returns what it placed, relative to the stage: the
    /// manifest's `generated` list.
    static func write(intoStage stage: String, manifest: Manifest, triple: Triple = .default) throws -> [String] {
        var placed = try write(into: stage, for: try PrefixDescription.read(prefix: stage, triple: triple, manifest: manifest))
        let alias = "bin/\(triple.withVendor)-\(PkgConfigWrapper.name(triple: triple).dropFirst(triple.description.count + 1))"
        let path = "\(stage)/\(alias)"
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: PkgConfigWrapper.name(triple: triple))
        }
        placed.append(alias)
        return placed.sorted()
    }
}
