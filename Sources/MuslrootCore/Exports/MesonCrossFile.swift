/// A Meson cross file for the prefix: its compilers and tools, the sysroot, pkg-config
/// through the prefix's wrapper, static libraries and static links.
///
/// The relocatable form (PREFIX/share/muslroot/meson-cross.ini) finds the prefix with
/// `@DIRNAME@`, the directory of the machine file, which Meson expands since 1.3.0; with
/// an older Meson (Debian 12 has 1.0.1) use the printed form, which names the prefix
/// where it is now: `muslroot env --prefix P --meson > cross.ini`.
public enum MesonCrossFile {
    /// Relative to the prefix.
    public static let path = "share/muslroot/meson-cross.ini"
    /// The absolute form, for any Meson: it names the prefix where muslroot last installed it
    /// (every `bootstrap`, `add` and `remove` rewrites it); relative to the prefix.
    public static let absolutePath = "share/muslroot/meson-cross-absolute.ini"
    /// The first Meson that expands `@DIRNAME@`.
    public static let dirnameVersion = [1, 3, 0]

    public static func text(_ prefix: PrefixDescription, relocatable: Bool) -> String {
        let triple = prefix.triple.description
        let root = relocatable ? "'@DIRNAME@' / '..' / '..'" : ShellQuoting.meson(prefix.root)
        let tool = { (name: String) in "prefix / 'bin' / '\(triple)-\(name)'" }
        var binaries = ["c = \(tool("gcc"))"]
        if prefix.hasCXX { binaries.append("cpp = \(tool("g++"))") }
        binaries += ["ar", "nm", "strip", "ranlib"].map { "\($0) = \(tool($0))" }
        // `pkg-config` is the name since Meson 1.3.0; older ones read `pkgconfig`.
        binaries += ["pkg-config = \(tool("pkg-config"))", "pkgconfig = \(tool("pkg-config"))"]
        // Meson runs the target's programs (cc.run(), `meson test`) itself where the build
        // machine can (an x86_64 one runs x86_64 and x86), else through the wrapper, and
        // reports them as not runnable when the wrapper is not installed.
        binaries += ["# \(CMakeToolchainFile.nativeNote(prefix.target)); elsewhere Meson runs them with (Debian's qemu-user-static):",
                     "exe_wrapper = '\(prefix.target.emulator)'"]
        let linkArgs = (prefix.hasCXX ? ["c", "cpp"] : ["c"]).map { "\($0)_link_args = ['-static']" }
        return """
        # Meson cross file for \(triple), written by muslroot (docs/env.md).
        # Use: meson setup --cross-file <this file> <build> <source>
        \(relocatable ? "# Needs Meson 1.3.0 or later (@DIRNAME@); older: muslroot env --prefix PREFIX --meson" : "# Names the prefix where it was when printed.")

        [constants]
        prefix = \(root)
        sysroot = prefix / '\(triple)'

        [binaries]
        \(binaries.joined(separator: "\n"))

        [properties]
        sys_root = sysroot
        pkg_config_libdir = [sysroot / 'usr' / 'lib' / 'pkgconfig', sysroot / 'usr' / 'share' / 'pkgconfig']

        [built-in options]
        default_library = 'static'
        prefer_static = true
        b_staticpic = true
        \(linkArgs.joined(separator: "\n"))

        [host_machine]
        system = 'linux'
        cpu_family = '\(prefix.target.mesonCPUFamily)'
        cpu = '\(prefix.target.mesonCPU)'
        endian = '\(prefix.target.endian.rawValue)'

        """
    }
}
