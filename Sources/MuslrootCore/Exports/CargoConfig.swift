/// A `.cargo/config.toml` fragment for the prefix's Rust target (`TargetProfile.rustTarget`): the
/// linker and rustflags of `PrefixEnvironment`, and in `[env]` the variables build scripts read.
///
/// The relocatable form (PREFIX/share/muslroot/cargo-config.toml, for
/// `cargo --config PREFIX/share/muslroot/cargo-config.toml` or an `include`) writes every
/// path relative: cargo resolves a config file's `linker` and `relative = true` values
/// against the directory above the one holding the file, which is PREFIX/share. Variables
/// that carry a path inside a flag (bindgen's `--sysroot=`) are left to the printed form.
public enum CargoConfig {
    /// Relative to the prefix (of its first target: `ExportPaths`).
    public static let path = "share/muslroot/cargo-config.toml"
    /// From the directory cargo resolves relative paths against (PREFIX/share) to the prefix.
    static let toPrefix = ".."

    public static func text(_ prefix: PrefixDescription, relocatable: Bool) -> String {
        let environment = PrefixEnvironment(prefix)
        let target = prefix.target.rustTarget
        let flags = RustLinker.rustflags.map(ShellQuoting.toml).joined(separator: ", ")
        let linker = relocatable ? "\(toPrefix)/\(prefix.files.rustLinker)" : prefix.rustLinker
        var lines = [
            "# Cargo configuration for \(target) with a muslroot prefix (docs/env.md).",
            relocatable
                ? "# Use: cargo --config PREFIX/\(prefix.files.cargoConfig) build --target \(target)"
                : "# Use: save as .cargo/config.toml, or pass with cargo --config FILE",
            "",
            "[target.\(target)]",
            "linker = \(ShellQuoting.toml(linker))",
            "rustflags = [\(flags)]",
            "",
            "[env]",
        ]
        for variable in environment.variables where variable.forCargo {
            if relocatable, let relative = variable.inPrefix {
                let value = relative == "." ? toPrefix : "\(toPrefix)/\(relative)"
                lines.append("\(variable.name) = { value = \(ShellQuoting.toml(value)), relative = true }")
            } else if !(relocatable && variable.embedsPath) {
                lines.append("\(variable.name) = \(ShellQuoting.toml(variable.value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
