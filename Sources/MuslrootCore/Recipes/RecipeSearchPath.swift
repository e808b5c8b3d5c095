import Foundation

/// Where recipes come from: the shipped `recipes/` directory, then overlay directories from
/// `MUSLROOT_RECIPES` (colon-separated), then those given with `--recipes`, each on top of the last.
public struct RecipeSearchPath: Sendable {
    public static let environmentVariable = "MUSLROOT_RECIPES"
    public static let dataEnvironmentVariable = "MUSLROOT_DATA_DIR"

    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The shipped recipes plus overlays from the environment and the command line; relative
    /// paths (and a relative executable) are taken from `workingDirectory`, the command's.
    public static func standard(overlays: [String], environment: [String: String], executable: String,
                                workingDirectory: String) throws(RecipeError) -> RecipeSearchPath {
        let executable = executable.contains("/") ? FileTree.absolute(executable, relativeTo: workingDirectory) : executable
        var directories = [try shippedRecipes(environment: environment, executable: executable)]
        if let fromEnvironment = environment[environmentVariable] {
            directories += fromEnvironment.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        directories += overlays
        return RecipeSearchPath(directories: directories.map { FileTree.absolute($0, relativeTo: workingDirectory) })
    }

    public func load(target: TargetProfile = .default) throws(RecipeError) -> RecipeBook {
        try RecipeBook.load(directories: directories, target: target)
    }

    /// `recipes/` shipped with muslroot: `$MUSLROOT_DATA_DIR/recipes`, else the nearest
    /// `recipes/` beside or above the executable (a build tree), else `../share/muslroot/recipes`.
    static func shippedRecipes(environment: [String: String],
                               executable: String) throws(RecipeError) -> String {
        if let data = environment[dataEnvironmentVariable] {
            return (data as NSString).appendingPathComponent("recipes")
        }
        let executable = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        let share = directory.deletingLastPathComponent().appendingPathComponent("share/muslroot/recipes").path
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("recipes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("gcc.toml").path) {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: share) { return share }
        throw .noShippedRecipes(executable: executable.path, searched: [share])
    }

}
