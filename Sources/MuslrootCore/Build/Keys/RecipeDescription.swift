import Foundation

/// What of a recipe is hashed into its keys (`PackageKeys`), as lines of text: its sources,
/// patches, dependencies, variables, environment, phases and promised files. A phase is
/// described on its own too, so that changing one phase of a recipe re-runs that phase and
/// what follows it, not the whole recipe.
enum RecipeDescription {
    /// The whole recipe. Throws when a patch the recipe lists is missing: it is never hashed as empty.
    static func of(_ recipe: Recipe, target: Triple) throws(PatchError) -> [String] {
        try common(recipe, target: target) + recipe.phases.flatMap(describe) + recipe.installs.map { "installs \($0)" }
    }

    /// One phase: the recipe's sources, patches, variables and environment, and the phase itself.
    static func of(_ phase: Phase, in recipe: Recipe, target: Triple) throws(PatchError) -> [String] {
        var parts = try common(recipe, target: target) + describe(phase)
        if recipe.phases.last?.name == phase.name { parts += recipe.installs.map { "installs \($0)" } }
        return parts
    }

    private static func common(_ recipe: Recipe, target: Triple) throws(PatchError) -> [String] {
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
}
