import Foundation

/// The files a prefix carries for other build systems, relocatable but one: the pkg-config
/// wrapper in `bin`, the CMake toolchain file, the Meson cross files and the cargo config in
/// `share/muslroot`, and Rust's linker wrapper and unwinder shim in `lib/muslroot/rust`.
/// Written at install time, into the prefix or into the stage that becomes it, after every
/// change of its packages (the cargo config names the `-sys` crates' libraries). The one
/// that is not relocatable, `meson-cross-absolute.ini` (for Meson before 1.3, which has no
/// `@DIRNAME@`), names the prefix the files are written for.
public enum PrefixExports {
    /// Writes every file under `root` for the prefix `prefix` describes (its `root` is not
    /// used: the files find the prefix from where they are), and the absolute Meson cross
    /// file naming `installedAt`, the prefix `root` is or becomes, if known. Returns the
    /// paths written, relative to `root`, for the manifest.
    @discardableResult
    public static func write(into root: String, for prefix: PrefixDescription, installedAt: String? = nil) throws -> [String] {
        try PkgConfigWrapper.write(into: "\(root)/bin", triple: prefix.triple)
        try RustLinker.write(into: root, for: prefix)
        let files = prefix.files
        try ExportFile.write(CMakeToolchainFile.text(prefix, relocatable: true), to: "\(root)/\(files.cmakeToolchainFile)")
        try ExportFile.write(MesonCrossFile.text(prefix, relocatable: true), to: "\(root)/\(files.mesonCrossFile)")
        try ExportFile.write(CargoConfig.text(prefix, relocatable: true), to: "\(root)/\(files.cargoConfig)")
        guard let installedAt else { return files.all.filter { $0 != files.mesonCrossFileAbsolute } }
        var installed = prefix
        installed.root = installedAt
        try ExportFile.write(absoluteMesonCrossFile(installed), to: "\(root)/\(files.mesonCrossFileAbsolute)")
        return files.all
    }

    /// The absolute Meson cross file, for the Meson releases before 1.3: the printed form
    /// without `prefer_static`, which Meson before 0.63 (Ubuntu 22.04's 0.61) rejects as an
    /// unknown option; the sysroot holds static libraries only, so nothing else is found.
    static func absoluteMesonCrossFile(_ prefix: PrefixDescription) -> String {
        MesonCrossFile.text(prefix, relocatable: false).replacingOccurrences(of: "\nprefer_static = true\n", with: "\n")
    }

    /// Reads the prefix (toolchain, manifest) at `root` and writes its files there.
    @discardableResult
    public static func write(into root: String, triple: Triple = .default) throws -> [String] {
        let description = try PrefixDescription.read(prefix: root, triple: triple)
        return try write(into: root, for: description, installedAt: description.root)
    }

    /// What `write` puts in a prefix of one target, relative to it.
    public static func paths(triple: Triple = .default) -> [String] { ExportPaths(triple: triple).all }
}

extension PrefixExports {
    /// Writes the files into a stage about to become the prefix that `manifest` describes
    /// (its manifest is saved after this), with the pkg-config wrapper's aliases
    /// (`x86_64-unknown-linux-musl-pkg-config`). `prefix`: where the stage is installed, which the
    /// absolute Meson cross file names. Returns what it placed, relative to the stage: the
    /// manifest's `generated` list.
    static func write(intoStage stage: String, manifest: Manifest, triple: Triple = .default, prefix: String) throws -> [String] {
        let description = try PrefixDescription.read(prefix: stage, triple: triple, manifest: manifest)
        var placed = try write(into: stage, for: description, installedAt: prefix)
        placed += try Aliases.link(generated: PkgConfigWrapper.name(triple: triple), target: triple, in: stage)
        return placed.sorted()
    }
}
