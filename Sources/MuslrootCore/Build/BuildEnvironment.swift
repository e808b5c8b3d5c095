/// The environment every command muslroot runs for a build starts from: the phases' commands
/// and the smoke test's compilers alike.
public enum BuildEnvironment {
    /// Variables a parent make or the user's own cross settings would leak into the builds.
    static let leaking = ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS",
                          "CPPFLAGS", "LIBRARY_PATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "CPATH", "GCC_EXEC_PREFIX",
                          "PKG_CONFIG", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR", "PKG_CONFIG_SYSROOT_DIR"]

    /// The time every build is told it is (`SOURCE_DATE_EPOCH`, reproducible-builds.org), and
    /// every entry of a binary cache artifact carries: 1980-01-01 00:00 UTC, the earliest a zip
    /// or DOS time can hold, so that no tool refuses it. A fixed time, not the build's, so that
    /// two builds of the same inputs give the same bytes (docs/cache.md, "Reproducibility").
    public static let sourceDateEpoch = 315_532_800

    /// `environment` (the host's) less what would leak into the builds, in the C locale, at
    /// `sourceDateEpoch`.
    public static func cleaned(_ environment: [String: String]) -> [String: String] {
        var result = environment
        for key in leaking { result[key] = nil }
        for (key, value) in fixed { result[key] = value }
        return result
    }

    /// What `cleaned` sets whatever the host's environment says.
    static let fixed = ["LC_ALL": "C", "SOURCE_DATE_EPOCH": String(sourceDateEpoch)]

    /// What of this environment decides a package's bytes, for its key (`PackageKeys`).
    static var description: [String] { fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
}
