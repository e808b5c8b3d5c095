import Foundation

/// Every recipe muslroot knows: the shipped ones with the user's overlay directories laid on
/// top, in order. A recipe in a later directory overrides the one of the same name before it,
/// key by key, so an overlay may change only a source and keep the shipped phases.
public struct RecipeBook: Sendable {
    public private(set) var recipes: [String: Recipe]
    /// The target the recipes were read for: its values are in them (`Recipe.resolved(for:)`).
    public private(set) var target: TargetProfile = .default

    public var names: [String] { recipes.keys.sorted() }

    public subscript(name: String) -> Recipe? { recipes[name] }

    public init(recipes: [Recipe]) {
        self.recipes = Dictionary(recipes.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }

    /// Loads `directories` in order (the shipped recipes first), for `target`: its profile's
    /// variables are replaced by their values (docs/targets.md). Patches for a recipe come from
    /// `patches/NAME/VERSION/*.patch` beside (or inside) the last directory that has them.
    public static func load(directories: [String], target: TargetProfile = .default) throws(RecipeError) -> RecipeBook {
        var documents: [String: RecipeDocument] = [:]
        var files: [String: [String]] = [:]
        for directory in directories {
            var seenHere: [String: String] = [:]
            for file in try RecipeFile.paths(in: directory) {
                let document = try RecipeDocument(file: file, text: try RecipeFile.text(of: file))
                guard let name = document.name else {
                    if document.root["name"] == nil { throw .missingField(file: file, key: "name") }
                    throw .wrongType(file: file, key: "name", line: document.line(of: "name"), expected: "a string")
                }
                if let other = seenHere[name] { throw .duplicateName(name: name, files: [other, file]) }
                seenHere[name] = file
                if var base = documents[name] {
                    base.merge(document)
                    documents[name] = base
                } else {
                    documents[name] = document
                }
                files[name, default: []].append(file)
            }
        }
        var recipes: [Recipe] = []
        for (name, document) in documents.sorted(by: { $0.key < $1.key }) {
            // Decoded (and so its name and version checked) before they name a patch directory.
            var recipe = try RecipeDecoder(document: document).decode(files: files[name] ?? []).resolved(for: target)
            recipe.patches = Self.patches(name: recipe.name, version: recipe.version, directories: directories)
            recipes.append(recipe)
        }
        var book = RecipeBook(recipes: recipes)
        book.target = target
        try book.validate()
        // Cycles anywhere in the book are reported by every command that loads it.
        _ = try Resolver(book: book).plan(for: book.names)
        return book
    }

    /// Cross-recipe checks: every dependency, phase reference and `${source:X}` names a
    /// recipe (and phase) that exists.
    func validate() throws(RecipeError) {
        for recipe in recipes.values.sorted(by: { $0.name < $1.name }) {
            for dependency in recipe.dependencies where recipes[dependency] == nil {
                throw .unknownDependency(file: recipe.file, recipe: recipe.name, dependency: dependency,
                                         suggestions: Suggestions.nearest(to: dependency, in: names))
            }
            for phase in recipe.phases {
                for reference in phase.after {
                    guard let other = recipes[reference.recipe] else {
                        throw .unknownDependency(file: recipe.file, recipe: recipe.name, dependency: reference.recipe,
                                                 suggestions: Suggestions.nearest(to: reference.recipe, in: names))
                    }
                    if let phaseName = reference.phase, !other.phases.contains(where: { $0.name == phaseName }) {
                        throw .unknownPhase(file: recipe.file, reference: reference.description,
                                            known: other.phases.map { "\(other.name):\($0.name)" })
                    }
                }
            }
            for name in VariableCheck.recipeReferences(recipe).sorted() where recipes[name] == nil {
                throw .unknownDependency(file: recipe.file, recipe: recipe.name, dependency: name,
                                         suggestions: Suggestions.nearest(to: name, in: names))
            }
        }
    }

    public func recipe(named name: String) throws(RecipeError) -> Recipe {
        guard let recipe = recipes[name] else {
            throw .unknownPackage(name: name, suggestions: Suggestions.nearest(to: name, in: names))
        }
        return recipe
    }

    private static func patches(name: String, version: String, directories: [String]) -> [String] {
        for directory in directories.reversed() {
            for root in [(directory as NSString).appendingPathComponent("patches"),
                         ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("patches")] {
                let folder = "\(root)/\(name)/\(version)"
                if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                    let found = entries.filter { $0.hasSuffix(".patch") || $0.hasSuffix(".diff") }.sorted()
                    if !found.isEmpty { return found.map { "\(folder)/\($0)" } }
                }
            }
        }
        return []
    }
}
