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
            """)

        @OptionGroup var recipes: RecipeOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            try await Failure.report {
                let book = try recipes.book()
                let summaries = book.names.compactMap { book[$0] }.map(RecipeSummary.init)
                if json {
                    print(try JSONOutput.encode(summaries))
                } else {
                    print(RecipeListing.text(summaries))
                }
            }
        }
    }
}
