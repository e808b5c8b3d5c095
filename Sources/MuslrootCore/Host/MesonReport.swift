import Foundation

/// The build machine's Meson, for `doctor`: its version, and so which of the prefix's cross
/// files it reads. `meson-cross.ini` finds the prefix with `@DIRNAME@`, which Meson expands
/// only since 1.3.0 (Debian 12 has 1.0.1, Ubuntu 22.04 0.61); `meson-cross-absolute.ini`
/// names the prefix and works with any Meson that reads `[constants]` (0.56 and later).
public struct MesonReport: Sendable, Encodable {
    /// Where `meson` is on PATH, if anywhere.
    public var path: String?
    /// What `meson --version` printed, if it ran.
    public var version: String?
    /// The names of the cross files of the prefix's target `doctor` reports on (`ExportPaths`).
    public var files = ExportPaths()

    public init(path: String?, version: String?) {
        self.path = path
        self.version = version
    }

    /// Finds `meson` on `path` and asks its version.
    public static func find(path searchPath: String, environment: [String: String]) async -> MesonReport {
        let tool = HostTool(name: "Meson", commands: ["meson"], debianPackage: "meson", neededBy: "", required: false)
        guard let meson = tool.locate(path: searchPath) else { return MesonReport(path: nil, version: nil) }
        let outcome = try? await HostCommand([meson, "--version"], environment: environment).run()
        let version = outcome.flatMap { $0.succeeded ? $0.output.trimmingCharacters(in: .whitespacesAndNewlines) : nil }
        return MesonReport(path: meson, version: version.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Whether this Meson expands `@DIRNAME@` (nil: no Meson, or a version it did not say).
    public var readsDirname: Bool? {
        guard let version else { return nil }
        let numbers = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        guard !numbers.isEmpty else { return nil }
        return numbers.lexicographicallyPrecedes(MesonCrossFile.dirnameVersion) == false
    }

    /// The cross file of `prefix` (absolute) to give this Meson, relative to the prefix.
    public var crossFile: String {
        readsDirname == true ? files.mesonCrossFile : files.mesonCrossFileAbsolute
    }

    private enum CodingKeys: String, CodingKey { case path, version, readsDirname = "reads_dirname", crossFile = "cross_file" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(version, forKey: .version)
        try container.encode(readsDirname, forKey: .readsDirname)
        try container.encode(path == nil ? nil : crossFile, forKey: .crossFile)
    }

    /// `doctor`'s lines: the version, which cross file to use, and, for a prefix whose
    /// absolute cross file names another place (it was moved), how to get one for here.
    public func text(prefix: String?) -> String {
        let shown = prefix ?? "PREFIX"
        guard let path else {
            return "Meson: not found (needed only for Meson projects and recipes with build-system = \"meson\"; "
                + "install: apt-get install meson)"
        }
        var lines: [String] = []
        switch readsDirname {
        case true?:
            lines.append("Meson: \(version ?? "?") (\(path)): reads either cross file; \(shown)/\(files.mesonCrossFile) "
                + "still works after the prefix is moved")
        case false?:
            lines.append("Meson: \(version ?? "?") (\(path)): older than 1.3, so use --cross-file \(shown)/\(files.mesonCrossFileAbsolute) "
                + "(\(files.mesonCrossFile) needs @DIRNAME@, Meson 1.3 or later)")
        case nil:
            lines.append("Meson: \(path), whose version could not be read; \(shown)/\(files.mesonCrossFileAbsolute) works with any Meson")
        }
        if let prefix, let named = Self.namedPrefix(inAbsoluteFileOf: prefix, files: files), named != ShellQuoting.meson(prefix) {
            lines.append("  \(prefix)/\(files.mesonCrossFileAbsolute) names \(named), where muslroot last installed the prefix; "
                + "for here: muslroot env --prefix \(ShellQuoting.sh(prefix))\(files.isFirstTarget ? "" : " --target \(files.triple)") --meson > cross.ini")
        }
        return lines.joined(separator: "\n")
    }

    /// The `prefix = '...'` value of the prefix's absolute cross file, as written.
    static func namedPrefix(inAbsoluteFileOf prefix: String, files: ExportPaths = ExportPaths()) -> String? {
        guard let text = try? String(contentsOfFile: "\(prefix)/\(files.mesonCrossFileAbsolute)", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("prefix = ") }.map { String($0.dropFirst("prefix = ".count)) }
    }
}
