/// `muslroot list` as a table for people.
public enum RecipeListing {
    public static func text(_ summaries: [RecipeSummary]) -> String {
        let nameWidth = summaries.map(\.name.count).max() ?? 4
        let versionWidth = summaries.map(\.version.count).max() ?? 7
        return summaries.map { recipe in
            var line = "\(recipe.name.rightPadded(to: nameWidth))  \(recipe.version.rightPadded(to: versionWidth))  \(recipe.summary)"
            if !recipe.dependencies.isEmpty { line += " [needs: \(recipe.dependencies.joined(separator: ", "))]" }
            if recipe.optional { line += " (optional)" }
            if let installed = recipe.installed { line += installed ? " (installed)" : "" }
            return line
        }.joined(separator: "\n")
    }
}
