import Foundation

/// `PREFIX/bin/x86_64-linux-musl-pkg-config`: the build machine's pkg-config, confined to
/// the sysroot. autoconf's PKG_PROG_PKG_CONFIG finds it as `$host-pkg-config` with
/// `--host=x86_64-linux-musl` (and Stage's aliases give it the `x86_64-unknown-linux-musl-`
/// name too); CMake, Meson and the pkg-config crate are pointed at it.
///
/// It finds the prefix from where it is at run time (through symbolic links, from any
/// directory, with spaces in the path), so the prefix can be moved. The `.pc` files say
/// `prefix=/usr`; `PKG_CONFIG_SYSROOT_DIR` puts the sysroot in front of every path.
/// pkgconf (Debian's pkg-config 1.8) splits flags at spaces before it adds the sysroot,
/// prints nothing at all (and exits 0) when the sysroot holds a quote, and escapes no `$`;
/// so under a path with anything but letters, digits and `/ . _ + , @ % = ~ -`, the wrapper
/// runs it with a stand-in sysroot and puts the real one in its place, every other
/// character escaped with a backslash in flags (`--cflags`, `--libs`), as shells, make's
/// `$(shell ...)`, Meson, CMake and the pkg-config crate read them.
public enum PkgConfigWrapper {
    public static func name(triple: Triple = .default) -> String { "\(triple)-pkg-config" }

    public static func text(triple: Triple = .default) -> String {
        """
        #!/bin/sh
        # \(name(triple: triple)): written by muslroot. The build machine's pkg-config, confined
        # to the sysroot of the prefix this script is in, wherever the prefix has been moved.
        \(SelfLocation.script)
        prefix=$(cd -P -- "$here/.." && pwd) || exit 1
        sysroot=$prefix/\(triple)
        PKG_CONFIG_LIBDIR=$sysroot/usr/lib/pkgconfig:$sysroot/usr/share/pkgconfig
        export PKG_CONFIG_LIBDIR
        unset PKG_CONFIG_PATH
        if ! command -v pkg-config >/dev/null 2>&1; then
            echo "$0: the build machine has no pkg-config; install it (Debian: apt-get install pkgconf)" >&2
            exit 127
        fi
        case $sysroot in
        *[!A-Za-z0-9/._+,@%=~-]*) ;;
        *)
            PKG_CONFIG_SYSROOT_DIR=$sysroot
            export PKG_CONFIG_SYSROOT_DIR
            exec pkg-config "$@" ;;
        esac
        # A path pkg-config cannot take (a space, a quote, a $): a stand-in sysroot, replaced
        # in the output by the real one, escaped for flags.
        standin=/muslroot-sysroot-stand-in
        PKG_CONFIG_SYSROOT_DIR=$standin
        export PKG_CONFIG_SYSROOT_DIR
        real=$sysroot
        for argument in "$@"; do
            case $argument in
            --cflags*|--libs*) real=$(printf '%s\\n' "$sysroot" | sed 's/[^A-Za-z0-9/._+,@%=~-]/\\\\&/g'); break ;;
            esac
        done
        output=$(pkg-config "$@")
        status=$?
        while :; do
            case $output in
            *"$standin"*) output=${output%%"$standin"*}$real${output#*"$standin"} ;;
            *) break ;;
            esac
        done
        if [ -n "$output" ]; then printf '%s\\n' "$output"; fi
        exit $status

        """
    }

    /// Writes the wrapper into `directory` (the prefix's or the stage's `bin`), mode 0755,
    /// replacing what is there; returns its path.
    @discardableResult
    public static func write(into directory: String, triple: Triple = .default) throws -> String {
        try ExportFile.write(text(triple: triple), to: "\(directory)/\(name(triple: triple))", executable: true)
    }
}

/// The lines of sh that set `here` to the directory a script really is in: `$0` followed
/// through symbolic links (relative ones from the link's own directory), then `cd -P`.
enum SelfLocation {
    static let script = """
        self=$0
        while [ -h "$self" ]; do
            link=$(readlink -- "$self") || break
            case $link in
            /*) self=$link ;;
            *) self=$(dirname -- "$self")/$link ;;
            esac
        done
        here=$(cd -P -- "$(dirname -- "$self")" && pwd) || exit 1
        """
}
