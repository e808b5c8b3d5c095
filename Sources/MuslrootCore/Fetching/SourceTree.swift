import Foundation

/// A recipe's unpacked and patched sources, ready to build from.
public enum SourceTree {
    /// Makes `directory` hold `recipe`'s sources: the main archive (destination "") at the
    /// top, each other one in its destination (each with its top-level directory stripped),
    /// then the recipe's patches applied in order. Everything happens in a scratch directory
    /// beside `directory`, renamed into place only when all of it worked, with a stamp
    /// (`SourceStamp`) inside. A tree already there with the same stamp is kept as is; one
    /// with another stamp, or none, is replaced.
    public static func prepare(_ recipe: Recipe, archives: [Source: String], at directory: String) async throws {
        let directory = FileTree.normalized(directory)
        let stamp = try SourceStamp(recipe: recipe)
        if stamp.matches(directory) { return }
        for source in recipe.sources where archives[source] == nil {
            throw ExtractError.missingArchive(recipe: recipe.name, source: source.name)
        }
        await DedicatedThread.run("muslroot sweep") {
            FileTree.sweepScratch(beside: directory, for: "preparing")
            FileTree.sweepScratch(beside: directory, for: "old")
        }
        let scratch = FileTree.scratchPath(beside: directory, for: "preparing")
        do {
            try await unpack(recipe, archives: archives, into: scratch)
            try await Patcher.apply(recipe.patches, to: scratch)
            try stamp.write(into: scratch)
            try await replace(directory, with: scratch)
        } catch {
            await DedicatedThread.run("muslroot cleanup") { FileTree.remove(scratch) }
            throw error
        }
    }

    private static func unpack(_ recipe: Recipe, archives: [Source: String], into scratch: String) async throws(ExtractError) {
        let main = recipe.sources.first { $0.destination.isEmpty }
        if let main {
            try await Extractor.extract(archives[main]!, into: scratch, excluding: main.exclude)
        } else if mkdir(scratch, 0o755) != 0 {
            throw .write(archive: "", path: scratch, message: SystemFailure(scratch).text)
        }
        for source in recipe.sources where source != main {
            try await Extractor.extract(archives[source]!, into: "\(scratch)/\(source.destination)", excluding: source.exclude)
        }
    }

    /// Puts `scratch` at `directory`, the tree there (if any) moved aside, then removed.
    private static func replace(_ directory: String, with scratch: String) async throws(ExtractError) {
        let old = FileTree.scratchPath(beside: directory, for: "old")
        let hadOne = access(directory, F_OK) == 0
        if hadOne, rename(directory, old) != 0 {
            throw .write(archive: "", path: directory, message: "cannot move the old tree aside: \(SystemFailure(directory).text)")
        }
        if rename(scratch, directory) != 0 {
            throw .write(archive: "", path: directory, message: SystemFailure(directory).text)
        }
        if hadOne { await DedicatedThread.run("muslroot cleanup") { FileTree.remove(old) } }
    }
}
