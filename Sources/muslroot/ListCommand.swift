import ArgumentParser
import MuslrootCore

extension Muslroot {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recipes muslroot knows.",
            discussion: """
            Examples:
              muslroot list
              muslroot list --json | jq -r '.[].name'
              muslroot list --recipes ./my-recipes
              muslroot list --prefix ~/cross      # also says what is installed there
            """)

        @OptionGroup var recipes: RecipeOptions

        @Option(help: ArgumentHelp("A prefix to report installed packages from (its .muslroot/manifest.json).", valueName: "dir"))
        var prefix: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            try await Failure.report {
                let book = try recipes.book()
                let manifest = prefix.map { Manifest.load(prefix: RecipeSearchPath.absolute($0)) }
                let summaries = book.names.compactMap { book[$0] }.map { recipe in
                    var summary = RecipeSummary(recipe)
                    if let manifest {
                        summary.installed = manifest?.package(recipe.name)?.fingerprint == (try? Fingerprint.of(recipe, target: .x86_64Musl))
                    }
                    return summary
                }
                if json {
                    print(try JSONOutput.encode(summaries))
                } else {
                    print(RecipeListing.text(summaries))
                }
            }
        }
    }
}
