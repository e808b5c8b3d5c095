/// How a kind of package is cross-built and installed into the sysroot. This is the
/// infrastructure's knowledge (Buildroot's package infrastructures), so that a library recipe
/// is data: `build-system = "autotools"`, its own `configure-options`, what it `installs`.
///
/// Every template builds static, position-independent libraries, installs with
/// `DESTDIR=${destdir}` under `/usr` (folded into the sysroot when `add` merges it), and runs
/// make under muslroot's jobserver. What all library builds share (the prefix's tools first on
/// PATH, `CC`, `AR`, ..., pkg-config confined to the sysroot) is `LibraryEnvironment`'s.
/// A recipe's own `[[phase]]` of the same name replaces the template's; others follow it.
public enum BuildSystem: String, Sendable, CaseIterable {
    /// `configure --host=TRIPLE --prefix=/usr --disable-shared --enable-static --with-pic`, make, make install.
    case autotools
    /// CMake generating Makefiles (so that make shares the jobserver), cross-compiling into the sysroot.
    case cmake
    /// A plain Makefile, built in the source tree: make with the cross tools and the flags on its
    /// command line (as Buildroot's generic packages pass them, so that they win over the
    /// Makefile's own), then make install. The Makefile must honour DESTDIR; for one that does
    /// not (bzip2's), the recipe writes its own install phase.
    case make
    /// Meson and ninja, with the prefix's cross file. ninja has no make jobserver: it runs
    /// `--jobs` jobs of its own.
    case meson

    /// The recipe keys that feed the templates: lists of strings, empty when absent.
    static let optionKeys = ["configure-options", "make-options", "build-targets", "install-targets", "cflags"]

    /// The variable the templates read the source tree from: `${source}`, or its `source-subdir`.
    static let sourceDirectory = "source-dir"
    /// The recipe key naming the folder of the source tree the build system's files are in.
    static let sourceSubdirectoryKey = "source-subdir"

    /// The make template's command-line variables: the cross tools and the flags, for both of
    /// its makes (an install target may build what the build phase's targets left out).
    static let makeVariables = ["CC=${target}-gcc", "AR=${target}-ar", "RANLIB=${target}-ranlib", "CFLAGS=\(cflags)"]

    static let defaults: [String: [String]] = ["install-targets": ["install"]]

    /// Compiler flags every template passes: optimized, position-independent (for -static-pie).
    static let cflags = "-O2 -fPIC ${cflags}"

    var phases: [Phase] {
        switch self {
        case .autotools:
            [phase("configure", [[
                "${source-dir}/configure", "--host=${target}", "--prefix=/usr", "--disable-shared", "--enable-static",
                "--with-pic", "${configure-options}",
            ]], environment: ["CFLAGS": Self.cflags, "CXXFLAGS": Self.cflags]),
             phase("build", [["make", "${make-options}", "${build-targets}"]]),
             phase("install", [["make", "DESTDIR=${destdir}", "${make-options}", "${install-targets}"]])]
        case .cmake:
            [phase("configure", [[
                "cmake", "-G", "Unix Makefiles", "-S", "${source-dir}", "-B", "${build}",
                "-DCMAKE_SYSTEM_NAME=Linux", "-DCMAKE_SYSTEM_PROCESSOR=${cmake-system-processor}",
                "-DCMAKE_SYSROOT=${sysroot}", "-DCMAKE_C_COMPILER=${target}-gcc",
                "-DCMAKE_FIND_ROOT_PATH=${sysroot}", "-DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER",
                "-DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY", "-DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY",
                "-DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY", "-DCMAKE_FIND_LIBRARY_SUFFIXES=.a",
                "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_INSTALL_PREFIX=/usr", "-DCMAKE_INSTALL_LIBDIR=lib",
                "-DBUILD_SHARED_LIBS=OFF", "-DCMAKE_POSITION_INDEPENDENT_CODE=ON",
                "-DCMAKE_C_FLAGS=\(Self.cflags)", "${configure-options}",
            ]]),
             phase("build", [["make", "${make-options}", "${build-targets}"]]),
             phase("install", [["make", "DESTDIR=${destdir}", "${make-options}", "${install-targets}"]])]
        case .meson:
            [phase("configure", [[
                "/bin/sh", "-c", Self.mesonSetup, "${toolchain}", "${target}", "${source-dir}", "${configure-options}",
            ]], environment: ["CFLAGS": Self.cflags]),
             phase("build", [["ninja", "-j", "${jobs}", "${make-options}", "${build-targets}"]]),
             phase("install", [["meson", "install", "--no-rebuild", "--destdir", "${destdir}"]])]
        case .make:
            [phase("build", [["make"] + Self.makeVariables + ["${make-options}", "${build-targets}"]], directory: "${source-dir}"),
             phase("install", [["make"] + Self.makeVariables + ["DESTDIR=${destdir}", "PREFIX=/usr", "prefix=/usr", "${make-options}",
                                                               "${install-targets}"]],
                   directory: "${source-dir}")]
        }
    }

    /// `meson setup` with the cross file of the toolchain (`$0`) for the target `$1` made
    /// absolute (Debian's Meson 1.0 has no `@DIRNAME@`), for the source tree `$2`, in the
    /// build directory. The cross file is the one with the triple in its name when the target
    /// is not the prefix's first (`ExportPaths`), the plain one otherwise. The path goes
    /// in as `ShellQuoting.meson` writes it (Meson reads no escape in a machine file: between
    /// `'''` when it holds a `'`), escaped for sed's replacement (`\`, `&`, `|`), so that a
    /// prefix under `a b'c$d` works too.
    static let mesonSetup = #"""
        toolchain=$0 target=$1 source=$2; shift 2
        cross=$toolchain/share/muslroot/meson-cross-$target.ini
        [ -f "$cross" ] || cross=$toolchain/share/muslroot/meson-cross.ini
        case $toolchain in *"'"*) q="'''" ;; *) q="'" ;; esac
        quoted=$(printf '%s\n' "$toolchain" | sed 's/[\\&|]/\\&/g')
        sed "s|'@DIRNAME@' / '..' / '..'|$q$quoted$q|" "$cross" > cross.ini || exit 1
        exec meson setup --cross-file cross.ini --prefix=/usr --libdir=lib --buildtype=release \
            --default-library=static -Db_staticpic=true "$@" . "$source"
        """#

    /// The template's phases with the recipe's own laid over them.
    func phases(overriddenBy own: [Phase]) -> [Phase] {
        var result = phases.map { template in own.first { $0.name == template.name } ?? template }
        result += own.filter { phase in !result.contains { $0.name == phase.name } }
        return result
    }

    private func phase(_ name: String, _ commands: [[String]], directory: String? = nil, environment: [String: String] = [:]) -> Phase {
        Phase(name: name, after: [], commands: commands, directory: directory, environment: environment)
    }
}
