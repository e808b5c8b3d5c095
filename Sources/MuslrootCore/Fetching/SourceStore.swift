/// Sources for the executor: fetched into the cache (verified) and unpacked and patched into
/// the work directory. `fetchAll` downloads everything a plan needs up front, several at once,
/// so that the build's slots go to extraction and compiling, not to waiting on the network.
public struct SourceStore: SourcePreparing {
    public var fetcher: Fetcher

    public init(fetcher: Fetcher) {
        self.fetcher = fetcher
    }

    public func fetchAll(for recipes: [Recipe]) async throws {
        _ = try await fetcher.fetch(recipes.flatMap(\.sources))
    }

    public func prepare(_ recipe: Recipe, at directory: String) async throws {
        let archives = try await fetcher.fetch(recipe.sources)
        try await SourceTree.prepare(recipe, archives: archives, at: directory)
    }
}
