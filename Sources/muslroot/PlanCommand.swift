import ArgumentParser
import MuslrootCore

extension Muslroot {
    struct Plan: MuslrootCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, dot }

        static let configuration = CommandConfiguration(
            abstract: "Show the phases that building packages takes, in order.",
            discussion: """
            Phases printed on one line depend only on earlier lines and can run at the same time.

            Examples:
              muslroot plan gcc
              muslroot plan libedit --format json
              muslroot plan openssl --format dot | dot -Tsvg > plan.svg
              muslroot plan openssl --target aarch64-linux-musl   # with that target's values
            """)

        @OptionGroup var recipes: RecipeOptions

        @Option(help: "Output format: text, json or dot.")
        var format: Format = .text

        @Option(help: ArgumentHelp("The target to plan for (muslroot list --targets); default x86_64-linux-musl.", valueName: "triple"))
        var target: String?

        @Argument(help: "Packages to plan for.")
        var packages: [String]

        func validate() throws {
            if packages.isEmpty { throw ValidationError("name at least one package, for example: muslroot plan gcc") }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let book = try recipes.book(context, target: try target.map { try TargetProfile(parsing: $0) } ?? .default)
                let plan = try Resolver(book: book).plan(for: packages)
                try book.checkSupported(packages)
                switch format {
                case .text: context.output.line(PlanFormatter.text(plan, requests: packages))
                case .json: context.output.line(try PlanFormatter.json(plan))
                case .dot: context.output.line(PlanFormatter.dot(plan))
                }
            }
        }
    }
}
