import Foundation

/// A prefix as `add`, `remove`, `env` and `list --installed` find it: a manifest and a toolchain.
public enum InstalledPrefix {
    /// The prefix's manifest, when it holds a toolchain; otherwise the error says which
    /// bootstrap command makes one.
    public static func requireToolchain(_ prefix: String) throws -> Manifest {
        guard let manifest = Manifest.load(prefix: prefix) else {
            throw PrefixError.noToolchain(prefix: prefix, missing: FileManager.default.fileExists(atPath: prefix) ? Manifest.path(in: prefix) : prefix)
        }
        let gcc = "\(prefix)/bin/\(try manifest.triple())-gcc"
        guard FileManager.default.isExecutableFile(atPath: gcc) else { throw PrefixError.noToolchain(prefix: prefix, missing: gcc) }
        return manifest
    }

    /// The installed packages that depend on any of `names`, directly or through others.
    public static func dependents(of names: Set<String>, in manifest: Manifest) -> [String] {
        var found: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for package in manifest.libraries where !names.contains(package.name) && !found.contains(package.name) {
                if (package.depends ?? []).contains(where: { names.contains($0) || found.contains($0) }) {
                    found.insert(package.name)
                    changed = true
                }
            }
        }
        return found.sorted()
    }
}
