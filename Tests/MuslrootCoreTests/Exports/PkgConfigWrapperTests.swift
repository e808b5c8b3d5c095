import Foundation
@testable import MuslrootCore
import Testing

/// The prefix's pkg-config wrapper run for real (with the build machine's pkg-config) on a
/// fake sysroot: it finds only the sysroot's `.pc` files, puts the sysroot in front of their
/// `prefix=/usr` paths, and keeps doing so when the prefix moves or is reached through an alias.
@Suite("Exports: the pkg-config wrapper")
struct PkgConfigWrapperTests {
    /// A prefix with the wrapper and two packages, `foo` needing `bar` privately.
    static func prefix(name: String) throws -> FakePrefix {
        let prefix = try FakePrefix(name: name)
        try PkgConfigWrapper.write(into: "\(prefix.root)/bin")
        try prefix.write("x86_64-linux-musl/lib/pkgconfig/foo.pc", """
            prefix=/usr
            libdir=${prefix}/lib
            includedir=${prefix}/include
            Name: foo
            Description: test
            Version: 1.0
            Requires.private: bar
            Libs: -L${libdir} -lfoo
            Libs.private: -lm
            Cflags: -I${includedir}/foo

            """)
        try prefix.write("x86_64-linux-musl/usr/share/pkgconfig/bar.pc", """
            prefix=/usr
            Name: bar
            Description: test
            Version: 2.0
            Libs: -L${prefix}/lib -lbar

            """)
        return prefix
    }

    /// Runs `wrapper ARGUMENTS` from /, with a PKG_CONFIG_PATH that would find the build
    /// machine's own `.pc` files if the wrapper let it through.
    static func query(_ wrapper: String, _ arguments: [String]) throws -> CLIResult {
        try run(wrapper, arguments, environment: [
            "PATH": "/usr/bin:/bin", "PKG_CONFIG_PATH": "/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/share/pkgconfig",
            "PKG_CONFIG_SYSROOT_DIR": "/wrong",
        ], directory: "/")
    }

    static let hasPkgConfig = hostProgram("pkg-config") != nil

    @Test(.enabled(if: hasPkgConfig, "pkg-config is not installed"))
    func staticFlagsComeFromTheSysroot() throws {
        let prefix = try Self.prefix(name: "prefix")
        defer { prefix.remove() }
        let sysroot = "\(prefix.root)/x86_64-linux-musl"
        let wrapper = "\(prefix.root)/bin/x86_64-linux-musl-pkg-config"
        let mode = try FileManager.default.attributesOfItem(atPath: wrapper)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        let result = try Self.query(wrapper, ["--cflags", "--libs", "--static", "foo"])
        #expect(result.status == 0, "\(result.stderr)")
        let words = result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(words.contains("-I\(sysroot)/usr/include/foo"), "\(result.stdout)")
        #expect(words.contains("-L\(sysroot)/usr/lib"), "\(result.stdout)")
        #expect(words.contains("-lfoo") && words.contains("-lbar") && words.contains("-lm"), "\(result.stdout)")
        #expect(try Self.query(wrapper, ["--modversion", "bar"]).stdout == "2.0\n")
        // The build machine's packages stay out, whatever PKG_CONFIG_PATH says.
        let hostOnly = try Self.query(wrapper, ["--list-all"]).stdout
        #expect(hostOnly.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }.sorted() == ["bar", "foo"])
    }

    @Test(.enabled(if: hasPkgConfig, "pkg-config is not installed"))
    func worksFromAMovedCopyAndThroughAliases() throws {
        let prefix = try Self.prefix(name: "first")
        defer { prefix.remove() }
        let moved = "\(prefix.directory.path)/second"
        try FileManager.default.moveItem(atPath: prefix.root, toPath: moved)
        let alias = "\(moved)/bin/x86_64-unknown-linux-musl-pkg-config"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: "x86_64-linux-musl-pkg-config")
        let elsewhere = "\(prefix.directory.path)/other/bin"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(elsewhere)/musl-pkg-config", withDestinationPath: alias)
        for wrapper in ["\(moved)/bin/x86_64-linux-musl-pkg-config", alias, "\(elsewhere)/musl-pkg-config"] {
            let result = try Self.query(wrapper, ["--libs", "foo"])
            #expect(result.stdout.hasPrefix("-L\(moved)/x86_64-linux-musl/usr/lib -lfoo"), "\(wrapper): \(result.stdout) \(result.stderr)")
        }
    }

    /// pkgconf cannot put a sysroot with spaces in front of paths; the wrapper takes each
    /// package's prefix from where its `.pc` file is and gets the spaces escaped.
    @Test(.enabled(if: hasPkgConfig, "pkg-config is not installed"))
    func pathsWithSpacesComeOutEscaped() throws {
        let prefix = try Self.prefix(name: "my prefix")
        defer { prefix.remove() }
        let escaped = "\(prefix.root)/x86_64-linux-musl".replacingOccurrences(of: " ", with: "\\ ")
        let result = try Self.query("\(prefix.root)/bin/x86_64-linux-musl-pkg-config", ["--cflags", "--libs", "--static", "foo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("-I\(escaped)/usr/include/foo"), "\(result.stdout)")
        #expect(result.stdout.contains("-L\(escaped)/usr/lib -lfoo"), "\(result.stdout)")
    }

    /// pkgconf prints nothing for a sysroot with a quote, and escapes no `$`: under such a
    /// path the flags come out escaped so that a shell reads back the real paths, and a
    /// variable comes out as the path itself.
    @Test(.enabled(if: hasPkgConfig, "pkg-config is not installed"))
    func pathsWithQuotesAndDollarsComeOutEscaped() throws {
        let prefix = try Self.prefix(name: "a b'c$d \"e\" `f` \\g")
        defer { prefix.remove() }
        let sysroot = "\(prefix.root)/x86_64-linux-musl"
        let wrapper = "\(prefix.root)/bin/x86_64-linux-musl-pkg-config"
        let result = try Self.query(wrapper, ["--cflags", "--libs", "--static", "foo"])
        #expect(result.status == 0, "\(result.stderr)")
        let words = try runProgram("/bin/sh", ["-c", "eval \"set -- $1\"; printf '%s\\n' \"$@\"", "sh", result.stdout])
        let read = Set(words.stdout.split(separator: "\n").map(String.init))
        #expect(read == ["-I\(sysroot)/usr/include/foo", "-L\(sysroot)/usr/lib", "-lfoo", "-lbar", "-lm"], "\(result.stdout)")
        #expect(try Self.query(wrapper, ["--variable=libdir", "foo"]).stdout == "\(sysroot)/usr/lib\n")
        #expect(try Self.query(wrapper, ["--exists", "foo"]).status == 0)
        #expect(try Self.query(wrapper, ["--exists", "nonesuch"]).status != 0)
    }
}
