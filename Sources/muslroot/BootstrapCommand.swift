import ArgumentParser

extension Muslroot {
    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not yet available.")
        @OptionGroup var recipes: RecipeOptions
        @Option var prefix: String
        func run() async throws { try await Failure.report { _ = try recipes.book() }; throw ExitCode(1) }
    }
}
