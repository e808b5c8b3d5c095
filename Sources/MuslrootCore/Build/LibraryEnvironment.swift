import Foundation

/// What every library build sees, whatever its build system: the prefix's own tools first on
/// PATH and named in the variables configure scripts, make and CMake read, and pkg-config
/// confined to the sysroot being built into. Recipes add only what is their own.
enum LibraryEnvironment {
    /// `toolchain`: the directory holding the `TRIPLE-*` tools; `sysroot`: where the
    /// libraries' headers and archives are.
    static func make(from base: [String: String], toolchain: String, sysroot: String, triple: Triple) -> [String: String] {
        var environment = base
        let t = triple.description
        environment["PATH"] = "\(toolchain):" + (base["PATH"] ?? "/usr/bin:/bin")
        for (variable, value) in tools(triple: triple) where variable != "CXX" { environment[variable] = value }
        if FileManager.default.isExecutableFile(atPath: "\(toolchain)/\(t)-g++") { environment["CXX"] = "\(t)-g++" }
        environment["PKG_CONFIG_LIBDIR"] = "\(sysroot)/usr/lib/pkgconfig:\(sysroot)/usr/share/pkgconfig"
        environment["PKG_CONFIG_SYSROOT_DIR"] = sysroot
        environment["PKG_CONFIG_PATH"] = nil
        return environment
    }

    /// The tools every library build is given, by variable (`CXX` only where the toolchain has C++).
    static func tools(triple: Triple) -> [String: String] {
        let t = triple.description
        var result = ["CC": "\(t)-gcc", "CXX": "\(t)-g++", "PKG_CONFIG": "\(t)-pkg-config"]
        for (variable, tool) in [("AR", "ar"), ("RANLIB", "ranlib"), ("NM", "nm"), ("STRIP", "strip"),
                                 ("OBJCOPY", "objcopy"), ("OBJDUMP", "objdump"), ("READELF", "readelf"), ("LD", "ld")] {
            result[variable] = "\(t)-\(tool)"
        }
        return result
    }

    /// What of this environment decides a library's bytes, for its key (`PackageKeys`): the
    /// tools, pkg-config's confinement, and the toolchain first on PATH (the paths themselves
    /// are left out: they are the work directory's, not the package's).
    static func description(triple: Triple) -> [String] {
        tools(triple: triple).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["PATH=TOOLCHAIN:...", "PKG_CONFIG_LIBDIR=SYSROOT/usr/lib/pkgconfig:SYSROOT/usr/share/pkgconfig",
               "PKG_CONFIG_SYSROOT_DIR=SYSROOT", "PKG_CONFIG_PATH unset"]
    }
}
