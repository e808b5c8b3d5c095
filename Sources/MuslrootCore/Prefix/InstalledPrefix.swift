import Foundation

/// A prefix as `add`, `remove`, `env` and `list --installed` find it: a manifest and a toolchain.
public enum InstalledPrefix {
    /// The manifest of the prefix's target `requested` (nil: its only one, or x86_64 of
    /// several, `PrefixTargets.choose`), when it holds that toolchain; otherwise the error
    /// says which bootstrap command makes one. `note` says which target was taken when the
    /// prefix holds several.
    public static func requireToolchain(_ prefix: String, target requested: Triple? = nil) throws -> (manifest: Manifest, note: String?) {
        let chosen = try PrefixTargets.load(prefix: prefix).choose(requested)
        let triple = try chosen.manifest.triple()
        let gcc = "\(prefix)/bin/\(triple)-gcc"
        guard FileManager.default.isExecutableFile(atPath: gcc) else {
            throw PrefixError.noToolchain(prefix: prefix, missing: gcc, target: triple.description)
        }
        return chosen
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
