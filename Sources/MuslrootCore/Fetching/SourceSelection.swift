/// The sources `muslroot fetch` gets: those of the packages asked for and of everything they
/// need, or of every recipe.
public enum SourceSelection {
    public static func sources(in book: RecipeBook, packages: [String], all: Bool) throws(RecipeError) -> [Source] {
        let recipes = all ? book.names.compactMap { book[$0] } : try Resolver(book: book).plan(for: packages).recipes
        var sources: [Source] = []
        for source in recipes.flatMap(\.sources) where !sources.contains(source) {
            sources.append(source)
        }
        return sources
    }
}
