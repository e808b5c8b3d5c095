/// The environment every command muslroot runs for a build starts from: the phases' commands
/// and the smoke test's compilers alike.
public enum BuildEnvironment {
    /// Variables a parent make or the user's own cross settings would leak into the builds.
    static let leaking = ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS",
                          "CPPFLAGS", "LIBRARY_PATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "CPATH", "GCC_EXEC_PREFIX",
                          "PKG_CONFIG", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR", "PKG_CONFIG_SYSROOT_DIR"]

    /// `environment` (the host's) less what would leak into the builds, in the C locale.
    public static func cleaned(_ environment: [String: String]) -> [String: String] {
        var result = environment
        for key in leaking { result[key] = nil }
        result["LC_ALL"] = "C"
        return result
    }
}
