/// Everything that can be wrong with a recipe or a request for recipes. Exit code 2.
public enum RecipeError: Error, Sendable, Equatable {
    /// The TOML itself does not parse.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A required key is absent.
    case missingField(file: String, key: String)
    /// A key holds the wrong kind of value.
    case wrongType(file: String, key: String, line: Int?, expected: String)
    /// A value is of the right type but not acceptable (bad sha256, bad name, ...).
    case invalidValue(file: String, key: String, line: Int?, message: String)
    /// Two files in one recipe directory declare the same name.
    case duplicateName(name: String, files: [String])
    /// `depends` or `after` names a recipe that does not exist.
    case unknownDependency(file: String, recipe: String, dependency: String, suggestions: [String])
    /// `after` names a phase the other recipe does not have.
    case unknownPhase(file: String, reference: String, known: [String])
    /// Dependencies form a loop; `path` starts and ends with the same node.
    case cycle(path: [String], files: [String])
    /// A command uses `${name}` that no one defines.
    case unknownVariable(file: String, phase: String, variable: String, known: [String])
    /// A package asked for on the command line has no recipe.
    case unknownPackage(name: String, suggestions: [String])
    /// A recipe directory given with --recipes does not exist.
    case missingDirectory(path: String)
    /// The shipped recipes are nowhere to be found (muslroot copied away from its data).
    case noShippedRecipes(executable: String, searched: [String])
}

extension RecipeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): TOML syntax error: \(message)"
        case let .missingField(file, key):
            return "\(file): missing required key '\(key)'"
        case let .wrongType(file, key, line, expected):
            return "\(file)\(line.map { ":\($0)" } ?? ""): key '\(key)' must be \(expected)"
        case let .invalidValue(file, key, line, message):
            return "\(file)\(line.map { ":\($0)" } ?? ""): key '\(key)': \(message)"
        case let .duplicateName(name, files):
            return "recipe '\(name)' is declared more than once in one directory: \(files.joined(separator: ", ")); rename or remove one of them"
        case let .unknownDependency(file, recipe, dependency, suggestions):
            return "\(file): recipe '\(recipe)' depends on unknown recipe '\(dependency)'"
                + Self.didYouMean(suggestions)
        case let .unknownPhase(file, reference, known):
            return "\(file): no phase '\(reference)'; that recipe's phases are: \(known.joined(separator: ", "))"
        case let .cycle(path, files):
            return "dependency cycle: \(path.joined(separator: " -> ")) (in \(files.joined(separator: ", ")))"
        case let .unknownVariable(file, phase, variable, known):
            return "\(file): phase '\(phase)' uses unknown variable '${\(variable)}'; known: \(known.joined(separator: ", "))"
        case let .unknownPackage(name, suggestions):
            return "no recipe named '\(name)'" + Self.didYouMean(suggestions) + "; run 'muslroot list' to see them all"
        case let .missingDirectory(path):
            return "recipe directory '\(path)' does not exist"
        case let .noShippedRecipes(executable, searched):
            return "cannot find muslroot's recipes (looked for recipes/gcc.toml above \(executable) and in \(searched.joined(separator: ", "))); "
                + "set \(RecipeSearchPath.dataEnvironmentVariable) to the folder that holds recipes/ and patches/ (the muslroot checkout or PREFIX/share/muslroot)"
        }
    }

    static func didYouMean(_ names: [String]) -> String {
        names.isEmpty ? "" : " (did you mean \(names.map { "'\($0)'" }.joined(separator: " or "))?)"
    }
}
