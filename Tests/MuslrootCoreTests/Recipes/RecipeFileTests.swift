import Foundation
import Testing
@testable import MuslrootCore

@Suite("Reading recipe directories and files")
struct RecipeFileTests {
    func loadError(_ directory: String) -> RecipeError? {
        do {
            _ = try RecipeBook.load(directories: [directory])
            return nil
        } catch {
            return error
        }
    }

    @Test("a FIFO named x.toml is reported as one, and never opened")
    func fifo() throws {
        let dir = TemporaryDirectory("fifo")
        defer { dir.remove() }
        let fifo = "\(dir.path)/x.toml"
        try #require(mkfifo(fifo, 0o644) == 0)
        let outcome = Outcome()
        Thread.detachNewThread { outcome.finish(self.loadError(dir.path)) }
        if outcome.wait(seconds: 120) == .timedOut {
            // The loader is stuck opening the FIFO for reading: a writer that comes and goes lets it go.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            Issue.record("loading a directory with a FIFO named x.toml blocked")
            _ = outcome.wait(seconds: 120)
        }
        #expect(outcome.error == .notARecipeFile(path: fifo, found: .fifo))
        #expect(outcome.error?.description.contains("cannot be read as a recipe: it is a named pipe (FIFO)") == true)
    }

    @Test("a directory named x.toml is reported as a directory")
    func directoryNamedToml() throws {
        let dir = TemporaryDirectory("dir-toml")
        defer { dir.remove() }
        dir.write("x.toml/inside", "")
        let error = try #require(loadError(dir.path))
        #expect(error == .notARecipeFile(path: "\(dir.path)/x.toml", found: .directory))
        #expect(!error.description.contains("NSCocoaErrorDomain"))
        #expect(error.description.contains("cannot be read as a recipe: it is a directory"))
        #expect(error.description.contains("rename it"))
    }

    @Test("a symlink loop and a dangling symlink are called what they are")
    func symlinks() throws {
        let dir = TemporaryDirectory("links")
        defer { dir.remove() }
        try FileManager.default.createSymbolicLink(atPath: "\(dir.path)/a.toml", withDestinationPath: "a.toml")
        let loop = try #require(loadError(dir.path))
        #expect(loop == .notARecipeFile(path: "\(dir.path)/a.toml", found: .symlinkLoop))
        #expect(loop.description.contains("symbolic link loop"))
        try FileManager.default.removeItem(atPath: "\(dir.path)/a.toml")
        try FileManager.default.createSymbolicLink(atPath: "\(dir.path)/b.toml", withDestinationPath: "nowhere.toml")
        let dangling = try #require(loadError(dir.path))
        #expect(dangling == .notARecipeFile(path: "\(dir.path)/b.toml", found: .danglingSymlink(target: "nowhere.toml")))
    }

    @Test("a symlink to a recipe file is read")
    func symlinkToFile() throws {
        let dir = TemporaryDirectory("link-ok")
        defer { dir.remove() }
        dir.write("elsewhere/real.txt", recipeText("x"))
        try FileManager.default.createDirectory(atPath: "\(dir.path)/recipes", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(dir.path)/recipes/x.toml", withDestinationPath: "../elsewhere/real.txt")
        #expect(try RecipeBook.load(directories: ["\(dir.path)/recipes"])["x"] != nil)
    }

    @Test("a byte that is not UTF-8 is reported at its own line and column")
    func notUTF8() throws {
        let dir = TemporaryDirectory("latin1")
        defer { dir.remove() }
        let file = "\(dir.path)/x.toml"
        try Data("name = \"x\"\nversion = \"1.0\"\nsummary = \"café \u{FF}".utf8 + [0xE9, 0x22, 0x0A]).write(to: URL(fileURLWithPath: file))
        let error = try #require(loadError(dir.path))
        #expect(error == .notUTF8(file: file, line: 3, column: 18, byte: 0xE9))
        #expect(error.description.hasPrefix("\(file):3:18: byte 0xE9 is not UTF-8"))
    }

    @Test("--recipes FILE says it is a file and which directory to pass")
    func fileForDirectory() throws {
        let dir = TemporaryDirectory("file-dir")
        defer { dir.remove() }
        let file = dir.write("x.toml", recipeText("x"))
        let error = try #require(loadError(file))
        #expect(error == .notADirectory(path: file, found: .regularFile))
        #expect(error.description.contains("is a file, not a directory"))
        #expect(error.description.contains("--recipes \(dir.path)"))
        #expect(!error.description.contains("does not exist"))
    }

    @Test("a missing recipe directory says what to pass instead")
    func missingDirectory() throws {
        let error = try #require(loadError("/nonexistent/recipes"))
        #expect(error == .missingDirectory(path: "/nonexistent/recipes"))
        #expect(error.description.contains("--recipes and MUSLROOT_RECIPES"))
        #expect(error.description.contains("directories of *.toml recipe files"))
    }
}

/// What a loader thread reports, waited for with a time limit so that a blocked one shows as a failure.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var stored: RecipeError?

    var error: RecipeError? { lock.withLock { stored } }

    func finish(_ error: RecipeError?) {
        lock.withLock { stored = error }
        done.signal()
    }

    func wait(seconds: Int) -> DispatchTimeoutResult { done.wait(timeout: .now() + .seconds(seconds)) }
}
