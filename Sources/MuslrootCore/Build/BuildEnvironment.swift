/// The environment every build step (and the smoke test) starts from.
public enum BuildEnvironment {
    /// The host environment, less what a parent make or the user's cross settings would leak
    /// into the builds.
    public static func cleaned(_ environment: [String: String]) -> [String: String] {
        var result = environment
        for key in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS",
                    "CPPFLAGS", "LIBRARY_PATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "CPATH", "GCC_EXEC_PREFIX",
                    "PKG_CONFIG", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR", "PKG_CONFIG_SYSROOT_DIR"] {
            result[key] = nil
        }
        result["LC_ALL"] = "C"
        return result
    }
}
