import Foundation

/// Hashes of what decides what a recipe builds. The recipe's (in the manifest) covers all of
/// it; a phase's covers what the phase runs and what it waits for, so that changing one
/// phase of a recipe re-runs that phase and what follows it, not the whole recipe.
public enum Fingerprint {
    /// Throws when a patch the recipe lists is missing: it is never hashed as empty.
    public static func of(_ recipe: Recipe, target: Triple) throws(PatchError) -> String {
        hash(try base(recipe, target: target) + recipe.phases.flatMap(describe) + recipe.installs.map { "installs \($0)" })
    }

    /// A phase's fingerprint: the recipe's sources, patches, variables and environment, the
    /// phase itself, and the fingerprints of every phase it waits for.
    static func of(_ node: PhaseNode, in recipe: Recipe, target: Triple, predecessors: [String]) throws(PatchError) -> String {
        guard let phase = recipe.phases.first(where: { $0.name == node.phase }) else { return hash([node.description]) }
        var parts = ["muslroot-phase-v2", node.description] + (try base(recipe, target: target)) + describe(phase)
        if recipe.phases.last?.name == phase.name { parts += recipe.installs.map { "installs \($0)" } }
        return hash(parts + predecessors.sorted())
    }

    private static func base(_ recipe: Recipe, target: Triple) throws(PatchError) -> [String] {
        var parts = ["muslroot-recipe-v1", recipe.name, recipe.version, target.description]
        parts += recipe.sources.map { "source \($0.sha256) \($0.destination)" }
        // What is left out changes what configure finds (gcc skips absent directories).
        parts += recipe.sources.filter { !$0.exclude.isEmpty }.map { "exclude \($0.name) \($0.exclude.sorted())" }
        for patch in recipe.patches {
            parts.append("patch \(URL(fileURLWithPath: patch).lastPathComponent) \(try Patcher.sha256(of: patch))")
        }
        parts += recipe.dependencies.map { "depends \($0)" }
        parts += recipe.variables.sorted { $0.key < $1.key }.map { "var \($0.key)=\($0.value)" }
        parts += recipe.environment.sorted { $0.key < $1.key }.map { "env \($0.key)=\($0.value)" }
        return parts
    }

    private static func describe(_ phase: Phase) -> [String] {
        ["phase \(phase.name) after \(phase.after.map(\.description)) cwd \(phase.directory ?? "")"]
            + phase.commands.map { "run \($0)" }
            + phase.environment.sorted { $0.key < $1.key }.map { "env \($0.key)=\($0.value)" }
    }

    static func hash(_ parts: [String]) -> String {
        FileDigest.sha256(of: Data(parts.joined(separator: "\n").utf8))
    }
}
