import ArgumentParser
import Foundation
import MuslrootCore

/// `--recipes DIR`, shared by every command that reads recipes.
struct RecipeOptions: ParsableArguments {
    @Option(name: .customLong("recipes"), help: ArgumentHelp(
        "A directory of recipe overlays, laid over the shipped recipes (repeatable; also MUSLROOT_RECIPES, colon-separated).",
        valueName: "dir"))
    var directories: [String] = []

    /// The recipes, with the overlays of a toolchain flavour and allocator laid over the
    /// shipped ones, under the user's overlays.
    /// `target`'s values are substituted into them (docs/targets.md).
    func book(_ context: CommandContext, flavor: ToolchainFlavor = .gcc, allocator: Allocator = .musl,
              target: TargetProfile = .default) throws -> RecipeBook {
        var path = try RecipeSearchPath.standard(overlays: directories, environment: context.environment, executable: context.executable,
                                                 workingDirectory: context.workingDirectory)
        if let shipped = path.directories.first {
            path.directories.insert(contentsOf: flavor.overlays(shippedRecipes: shipped, allocator: allocator), at: 1)
        }
        return try path.load(target: target)
    }
}
