import Foundation

/// `muslroot remove`: exactly the files the manifest lists for the named libraries go, in one
/// transaction; refused while another installed library needs one of them.
public struct Remove: Sendable {
    public var packages: [String]
    public var prefix: String
    public var workspace: Workspace
    /// The command line, for the lock's note (`CommandContext.commandLine`).
    public var commandLine: [String] = ["muslroot", "remove"]
    /// Which of the prefix's targets to remove from (nil: its only one, or x86_64 of several).
    public var target: Triple?

    public init(packages: [String], prefix: String, workspace: Workspace) {
        self.packages = packages
        self.prefix = prefix
        self.workspace = workspace
    }

    /// Returns the files removed, by package.
    public func run() async throws -> [String: [String]] {
        let manifest = try InstalledPrefix.requireToolchain(prefix, target: target).manifest
        let names = Set(packages)
        for name in packages.sorted() {
            guard let package = manifest.package(name) else {
                throw PrefixError.notRemovable(package: name, prefix: prefix, reason: "it is not installed there")
            }
            guard package.isLibrary else {
                throw PrefixError.notRemovable(package: name, prefix: prefix,
                                               reason: "it is part of the toolchain (bootstrap another --prefix to change the toolchain)")
            }
        }
        let dependents = InstalledPrefix.dependents(of: names, in: manifest)
        if !dependents.isEmpty {
            let needed = names.sorted().first { name in dependents.contains { manifest.package($0)?.depends?.contains(name) == true } }
            throw PrefixError.neededBy(package: needed ?? names.sorted()[0], dependents: dependents, prefix: prefix)
        }

        try await Installer.checkUsable(prefix: prefix)
        let locks = try PrefixLocks(prefix: prefix, workspace: workspace, commandLine: commandLine)
        defer { withExtendedLifetime(locks) {} }

        let removed = manifest.packages.filter { names.contains($0.name) }
        let transaction = PrefixTransaction(prefix: prefix, stage: workspace.stage, target: try manifest.triple())
        try await transaction.begin(leaving: Set(removed.flatMap(\.files)))
        var kept = manifest
        kept.packages.removeAll { names.contains($0.name) }
        _ = try await transaction.commit(kept)
        await TreeWork.remove(workspace.installedTrees)
        return Dictionary(uniqueKeysWithValues: removed.map { ($0.name, $0.files) })
    }
}
