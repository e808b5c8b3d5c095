/// `muslroot list --installed`: what a prefix holds, from its manifest.
public struct InstalledPackage: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    /// "toolchain" or "library".
    public var kind: String
    /// The installed packages it was built against.
    public var depends: [String]
    public var files: Int

    public static func all(in manifest: Manifest) -> [InstalledPackage] {
        manifest.packages.map {
            InstalledPackage(name: $0.name, version: $0.version, kind: $0.kind ?? "toolchain", depends: $0.depends ?? [],
                             files: $0.files.count)
        }.sorted { ($0.kind == "library" ? 1 : 0, $0.name) < ($1.kind == "library" ? 1 : 0, $1.name) }
    }

    /// A table for people: toolchain first, then the libraries.
    public static func text(_ packages: [InstalledPackage], prefix: String, flavor: ToolchainFlavor) -> String {
        let nameWidth = packages.map(\.name.count).max() ?? 4
        let versionWidth = packages.map(\.version.count).max() ?? 7
        let lines = packages.map { package in
            var line = "\(package.name.rightPadded(to: nameWidth))  \(package.version.rightPadded(to: versionWidth))  \(package.kind)"
            if !package.depends.isEmpty { line += " [built against: \(package.depends.joined(separator: ", "))]" }
            return line
        }
        return (["\(prefix) (toolchain: \(flavor.rawValue))"] + lines).joined(separator: "\n")
    }
}
