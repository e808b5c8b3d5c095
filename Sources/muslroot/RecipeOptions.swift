import ArgumentParser
import Foundation
import MuslrootCore

/// `--recipes DIR`, shared by every command that reads recipes.
struct RecipeOptions: ParsableArguments {
    @Option(name: .customLong("recipes"), help: ArgumentHelp(
        "A directory of recipe overlays, laid over the shipped recipes (repeatable; also MUSLROOT_RECIPES, colon-separated).",
        valueName: "dir"))
    var directories: [String] = []

    /// The recipes, with the overlay of a toolchain flavour (the host one's musl phases) laid
    /// over the shipped ones, under the user's overlays.
    func book(flavor: ToolchainFlavor = .gcc, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RecipeBook {
        var path = try RecipeSearchPath.standard(overlays: directories, environment: environment)
        if let shipped = path.directories.first, let overlay = flavor.overlay(shippedRecipes: shipped) {
            path.directories.insert(overlay, at: 1)
        }
        return try path.load()
    }
}
