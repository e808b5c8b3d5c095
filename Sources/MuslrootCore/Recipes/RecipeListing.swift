/// `muslroot list` as a table for people: the toolchain's recipes (what `bootstrap` builds)
/// apart from the libraries (what `add` takes), when there are both.
public enum RecipeListing {
    public static func text(_ summaries: [RecipeSummary]) -> String {
        let nameWidth = summaries.map(\.name.count).max() ?? 4
        let versionWidth = summaries.map(\.version.count).max() ?? 7
        func line(_ recipe: RecipeSummary) -> String {
            var line = "\(recipe.name.rightPadded(to: nameWidth))  \(recipe.version.rightPadded(to: versionWidth))  \(recipe.summary)"
            if !recipe.dependencies.isEmpty { line += " [needs: \(recipe.dependencies.joined(separator: ", "))]" }
            if recipe.optional { line += " (optional)" }
            if recipe.installed == true {
                line += recipe.outdated == true
                    ? (recipe.kind == Recipe.Kind.library.rawValue ? " (installed; outdated: add rebuilds it)" : " (installed; outdated: bootstrap rebuilds it)")
                    : " (installed)"
            }
            return line
        }
        let toolchain = summaries.filter { $0.kind == Recipe.Kind.toolchain.rawValue }
        let libraries = summaries.filter { $0.kind != Recipe.Kind.toolchain.rawValue }
        guard !toolchain.isEmpty, !libraries.isEmpty else { return summaries.map(line).joined(separator: "\n") }
        return (["Toolchain (muslroot bootstrap):"] + toolchain.map { "  " + line($0) }
            + ["", "Libraries (muslroot add PKG... --prefix DIR):"] + libraries.map { "  " + line($0) }).joined(separator: "\n")
    }
}
