/// What `list` and `plan --format json` say about a recipe.
public struct RecipeSummary: Encodable, Sendable {
    public var name: String
    public var version: String
    public var summary: String
    public var kind: String
    public var optional: Bool
    public var homepage: String
    public var license: String
    public var dependencies: [String]
    public var file: String
    /// With `list --prefix`: the prefix holds it (its manifest says so).
    public var installed: Bool?
    /// With `list --prefix`, for an installed recipe: what the prefix holds was built from
    /// another recipe, toolchain or dependency than now, so the next add or bootstrap rebuilds it.
    public var outdated: Bool?

    public init(_ recipe: Recipe) {
        name = recipe.name
        version = recipe.version
        summary = recipe.summary
        kind = recipe.kind.rawValue
        optional = recipe.optional
        homepage = recipe.homepage
        license = recipe.license
        dependencies = Array(Set(recipe.dependencies + recipe.phases.flatMap { $0.after.map(\.recipe) }))
            .filter { $0 != recipe.name }.sorted()
        file = recipe.file
    }
}
