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
        environment["CC"] = "\(t)-gcc"
        if FileManager.default.isExecutableFile(atPath: "\(toolchain)/\(t)-g++") { environment["CXX"] = "\(t)-g++" }
        for (variable, tool) in [("AR", "ar"), ("RANLIB", "ranlib"), ("NM", "nm"), ("STRIP", "strip"),
                                 ("OBJCOPY", "objcopy"), ("OBJDUMP", "objdump"), ("READELF", "readelf"), ("LD", "ld")] {
            environment[variable] = "\(t)-\(tool)"
        }
        environment["PKG_CONFIG"] = "\(t)-pkg-config"
        environment["PKG_CONFIG_LIBDIR"] = "\(sysroot)/usr/lib/pkgconfig:\(sysroot)/usr/share/pkgconfig"
        environment["PKG_CONFIG_SYSROOT_DIR"] = sysroot
        environment["PKG_CONFIG_PATH"] = nil
        return environment
    }
}
