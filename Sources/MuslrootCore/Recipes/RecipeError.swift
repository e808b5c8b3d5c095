import Foundation

/// Everything that can be wrong with a recipe or a request for recipes. Exit code 2.
public enum RecipeError: Error, Sendable, Equatable {
    /// The TOML itself does not parse.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A recipe file holds a byte that is not part of valid UTF-8 (position of the first one).
    case notUTF8(file: String, line: Int, column: Int, byte: UInt8)
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
    /// A recipe directory (shipped, `MUSLROOT_RECIPES` or `--recipes`) does not exist.
    case missingDirectory(path: String)
    /// A path given as a recipe directory is something else: a file, a FIFO, a symlink loop...
    case notADirectory(path: String, found: PathKind)
    /// A `*.toml` entry of a recipe directory is not a regular file (nor a symlink to one).
    case notARecipeFile(path: String, found: PathKind)
    /// A recipe directory or file is there, but the system refuses to read it.
    case unreadable(path: String, reason: String)
    /// The shipped recipes are nowhere to be found (muslroot copied away from its data).
    case noShippedRecipes(executable: String, searched: [String])
}

extension RecipeError: ExitStatusProviding {
    /// A bad recipe or request is bad usage: nothing was attempted.
    public var exitStatus: ExitStatus { .usage }
}

extension RecipeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): TOML syntax error: \(message)"
        case let .notUTF8(file, line, column, byte):
            return "\(file):\(line):\(column): byte 0x\(String(byte, radix: 16, uppercase: true)) is not UTF-8 text; "
                + "recipes are UTF-8: save the file as UTF-8 (from Latin-1, for example: iconv -f LATIN1 -t UTF-8)"
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
            return "recipe directory '\(path)' does not exist; \(Self.directoriesWanted): create it or correct the path"
        case let .notADirectory(path, found):
            let next = if case .regularFile = found {
                "pass the directory that holds it instead: --recipes \((path as NSString).deletingLastPathComponent)"
            } else { "pass a directory instead" }
            return "recipe directory '\(path)' is \(found), not a directory; \(Self.directoriesWanted): \(next)"
        case let .notARecipeFile(path, found):
            return "'\(path)' cannot be read as a recipe: it is \(found); only regular *.toml files (or symbolic links to them) "
                + "are read from a recipe directory: \(Self.advice(for: found, in: path))"
        case let .unreadable(path, reason):
            return "cannot read '\(path)': \(reason); check its permissions and those of the directories above it (ls -ld '\(path)')"
        case let .noShippedRecipes(executable, searched):
            return "cannot find muslroot's recipes (looked for recipes/gcc.toml above \(executable) and in \(searched.joined(separator: ", "))); "
                + "set \(RecipeSearchPath.dataEnvironmentVariable) to the folder that holds recipes/ and patches/ (the muslroot checkout or PREFIX/share/muslroot)"
        }
    }

    private static let directoriesWanted =
        "--recipes and \(RecipeSearchPath.environmentVariable) (colon-separated) take directories of *.toml recipe files"

    private static func advice(for found: PathKind, in path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        switch found {
        case .symlinkLoop: return "point the link at a recipe file, or remove it"
        case .danglingSymlink: return "point the link at an existing recipe file, or remove it"
        case .missing: return "it was removed while muslroot read '\(directory)'; run the command again"
        default: return "rename it so that its name does not end in .toml, or move it out of '\(directory)'"
        }
    }

    static func didYouMean(_ names: [String]) -> String {
        names.isEmpty ? "" : " (did you mean \(names.map { "'\($0)'" }.joined(separator: " or "))?)"
    }
}
