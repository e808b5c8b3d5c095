import Foundation
import Testing
@testable import MuslrootCore

/// A recipe merged from a shipped file and an overlay: an error points at the file (and line)
/// that holds the offending key, whichever of the two that is.
@Suite("Overlay errors name the file that holds the key")
struct OverlayLocationTests {
    static let phases = """
        [[phase]]
        name = "configure"
        run = [["true"]]

        [[phase]]
        name = "build"
        run = [["make"]]
        """

    /// The error of loading `base` with `overlay` laid on it, and the two files' paths.
    func loadError(base: String, overlay: String) -> (error: RecipeError?, base: String, overlay: String) {
        let dir = TemporaryDirectory("overlay-location")
        defer { dir.remove() }
        let basePath = dir.write("base/x.toml", base), overlayPath = dir.write("overlay/x.toml", overlay)
        do {
            _ = try RecipeBook.load(directories: ["\(dir.path)/base", "\(dir.path)/overlay"])
            return (nil, basePath, overlayPath)
        } catch {
            return (error, basePath, overlayPath)
        }
    }

    func lineNumber(of text: String, in file: String) -> Int? {
        file.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
    }

    @Test("a bad key of the base recipe names the base file and its line, not the overlay's")
    func baseKey() throws {
        let base = recipeText("x", phases: Self.phases, extra: "kind = \"tool\"")
        let result = loadError(base: base, overlay: "name = \"x\"\nversion = \"2.0\"\n")
        let error = try #require(result.error)
        guard case let .invalidValue(file, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "kind")
        #expect(file == result.base)
        #expect(line == lineNumber(of: "kind = ", in: base))
        #expect(error.description.hasPrefix("\(result.base):\(line ?? 0): key 'kind'"), "\(error)")
    }

    @Test("a bad key in the base's second phase, with the overlay changing the first: the base file, that phase's line")
    func baseTableKey() throws {
        let base = recipeText("x", phases: Self.phases.replacingOccurrences(of: "run = [[\"make\"]]", with: "run = [[\"make\"]]\ncwd = 3"))
        let overlay = "name = \"x\"\n\n[[phase]]\nname = \"configure\"\nrun = [[\"./configure\"]]\n"
        let result = loadError(base: base, overlay: overlay)
        let error = try #require(result.error)
        guard case let .wrongType(file, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "phase[1].cwd")
        #expect(file == result.base)
        #expect(line == lineNumber(of: "cwd = 3", in: base))
    }

    @Test("a bad key of the overlay names the overlay, at its own line, even when its phase merges at another index")
    func overlayKey() throws {
        let base = recipeText("x", phases: Self.phases)
        let overlay = "name = \"x\"\n\n[[phase]]\nname = \"build\"\nrun = \"make\"\n"
        let result = loadError(base: base, overlay: overlay)
        let error = try #require(result.error)
        guard case let .wrongType(file, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "phase[1].run", "the overlay's first phase is the merged recipe's second")
        #expect(file == result.overlay)
        #expect(line == 5)
    }

    @Test("an unknown variable in a base phase names the base file")
    func baseVariable() throws {
        let base = recipeText("x", phases: Self.phases.replacingOccurrences(of: "[[\"make\"]]", with: "[[\"make\", \"${nowhere}\"]]"))
        let result = loadError(base: base, overlay: "name = \"x\"\nversion = \"2.0\"\n")
        let error = try #require(result.error)
        guard case let .unknownVariable(file, phase, variable, _) = error else { Issue.record("\(error)"); return }
        #expect(file == result.base && phase == "build" && variable == "nowhere")
    }
}
