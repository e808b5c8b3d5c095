import ArgumentParser
import Foundation
import MuslrootCore

/// `--recipes DIR`, shared by every command that reads recipes.
struct RecipeOptions: ParsableArguments {
    @Option(name: .customLong("recipes"), help: ArgumentHelp(
        "A directory of recipe overlays, laid over the shipped recipes (repeatable; also MUSLROOT_RECIPES, colon-separated).",
        valueName: "dir"))
    var directories: [String] = []

    func book() throws -> RecipeBook {
        try RecipeSearchPath.standard(overlays: directories, environment: ProcessInfo.processInfo.environment).load()
    }
}
