/// What lets rustc link programs for the prefix's Rust target (`TargetProfile.rustTarget`) against this prefix's musl
/// instead of the copy bundled with Rust's target (docs/env.md, "Rust").
///
/// With `-C link-self-contained=no` rustc leaves the crt objects and `libc.a` to the linker
/// (gcc takes them from the sysroot), but still asks for `-lunwind`, which only Rust's own
/// self-contained directory has. `libunwind.a` here is a linker script that names gcc's
/// unwinder instead; the linker wrapper adds `-L` for it, so that neither the rustflags nor
/// the cargo config carry a path (a path in `RUSTFLAGS` cannot have spaces, and one in a
/// cargo config could not move with the prefix).
public enum RustLinker {
    /// Relative to the prefix (of its first target: `ExportPaths`).
    public static let directory = "lib/muslroot/rust"
    public static let linkerPath = "\(directory)/cc"
    public static let rustflags = ["-C", "link-self-contained=no"]

    /// The linker cargo runs: the prefix's gcc with `-L` for the shim's directory.
    public static func linker(for target: TargetProfile = .default) -> String {
        """
        #!/bin/sh
        # The linker for Rust's \(target.rustTarget) target, written by muslroot: this prefix's
        # \(target.triple)-gcc, with -L for the libunwind.a beside this script.
        \(SelfLocation.script)
        exec "$here/../../../bin/\(target.triple)-gcc" -L "$here" "$@"

        """
    }

    /// `libunwind.a`: a linker script, which ld reads when a library is not an archive.
    public static func unwindShim(_ unwinder: PrefixDescription.Unwinder) -> String {
        """
        /* Written by muslroot: rustc asks for -lunwind; gcc's unwinder is in lib\(unwinder.rawValue).a. */
        INPUT(-l\(unwinder.rawValue))

        """
    }

    /// Writes the linker and the shim under `root` (a prefix or a stage).
    static func write(into root: String, for prefix: PrefixDescription) throws {
        try ExportFile.write(linker(for: prefix.target), to: "\(root)/\(prefix.files.rustLinker)", executable: true)
        try ExportFile.write(unwindShim(prefix.unwinder), to: "\(root)/\(prefix.files.rustDirectory)/libunwind.a")
    }
}
