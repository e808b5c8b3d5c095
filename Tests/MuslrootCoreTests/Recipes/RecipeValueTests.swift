import Foundation
import Testing
@testable import MuslrootCore

/// Values that become paths, and keys that used to crash the line finder.
@Suite("Recipe values that name files")
struct RecipeValueTests {
    func loadError(_ text: String) -> RecipeError? {
        let dir = TemporaryDirectory("values")
        defer { dir.remove() }
        dir.write("x.toml", text)
        do {
            _ = try RecipeBook.load(directories: [dir.path])
            return nil
        } catch {
            return error
        }
    }

    static let sha = "sha256 = \"\(String(repeating: "a", count: 64))\""

    @Test("a key with ']' before '[' is an unknown or mistyped key, not a crash",
          arguments: [("name = \"x\"\n\"][\" = 1\n", "]["),
                      (recipeText("x", extra: "[vars]\n\"][\" = 1"), "vars.]["),
                      (recipeText("x", extra: "[env]\n\"][\" = 1"), "env.]["),
                      (recipeText("x", extra: "[vars]\n\"a]b[0\" = 1"), "vars.a]b[0")])
    func reversedBrackets(text: String, key: String) throws {
        let error = try #require(loadError(text))
        let (reportedKey, line): (String, Int?) = switch error {
        case let .invalidValue(_, key, line, _), let .wrongType(_, key, line, _): (key, line)
        default: ("", nil)
        }
        #expect(reportedKey == key, "\(error)")
        #expect(line != nil, "\(error)")
        #expect(error.description.contains("/x.toml:"))
    }

    @Test("a phase name must be a plain name: it names the phase's log file",
          arguments: ["../../../escaped", "a/b", "", ".hidden", "-x", "Build", "a:b", "build\n", "bu ild"])
    func phaseName(name: String) throws {
        let phases = "[[phase]]\nname = \"\(name.replacingOccurrences(of: "\n", with: "\\n"))\"\nrun = [[\"true\"]]"
        let error = try #require(loadError(recipeText("x", phases: phases)))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "phase[0].name")
        #expect(line == 14)
        #expect(message.contains("lowercase letters"))
    }

    @Test("a recipe name with a newline at the end is refused")
    func recipeNameNewline() throws {
        let text = recipeText("x").replacingOccurrences(of: "name = \"x\"", with: "name = \"x\\n\"")
        let error = try #require(loadError(text))
        guard case let .invalidValue(_, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "name")
        #expect(line == 1)
    }

    @Test("a version must not leave patches/NAME/", arguments: ["../1", "1/2", "..", "", ".1", "1.0\n", "1 0"])
    func version(version: String) throws {
        let text = recipeText("x").replacingOccurrences(of: "version = \"1.0\"",
                                                        with: "version = \"\(version.replacingOccurrences(of: "\n", with: "\\n"))\"")
        let error = try #require(loadError(text))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "version")
        #expect(line == 2)
        #expect(message.contains("patches/x/VERSION"))
    }

    @Test("a version naming a directory outside patches/ does not pick up its patches")
    func versionPatches() throws {
        let dir = TemporaryDirectory("version-patches")
        defer { dir.remove() }
        dir.write("outside/evil.patch", "--- a\n+++ b\n")
        dir.write("patches/x/1.0/good.patch", "--- a\n+++ b\n")
        let text = recipeText("x").replacingOccurrences(of: "version = \"1.0\"", with: "version = \"../../outside\"")
        let file = dir.write("recipes/x.toml", text)
        let error = try #require(throws: RecipeError.self) { try RecipeBook.load(directories: ["\(dir.path)/recipes"]) }
        #expect(error.description.hasPrefix("\(file):2: key 'version': '../../outside' must be"))
    }

    @Test("a source's file must be a plain file name", arguments: ["../x.tar.gz", "a/b.tar.gz", "..", ".", "x\\u0007y", "x\\ny"])
    func sourceFile(name: String) throws {
        let text = recipeText("x").replacingOccurrences(of: Self.sha, with: Self.sha + "\nfile = \"\(name)\"")
        let error = try #require(loadError(text))
        guard case let .invalidValue(_, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "source[0].file")
        #expect(line == 12)
    }

    @Test("a URL that does not end in a file name asks for file =",
          arguments: ["https://example.invalid/", "https://example.invalid", "https://example.invalid/.."])
    func urlWithoutFileName(url: String) throws {
        let text = recipeText("x").replacingOccurrences(of: "https://example.invalid/x-1.0.tar.gz", with: url)
        let error = try #require(loadError(text))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "source[0].url")
        #expect(line == 10)
        #expect(message.contains("add file ="))
    }

    @Test("dest must stay inside the source tree", arguments: ["/abs", "../up", "a/../b", ".", "a\\nb"])
    func destination(path: String) throws {
        let text = recipeText("x").replacingOccurrences(of: Self.sha, with: Self.sha + "\ndest = \"\(path)\"")
        let error = try #require(loadError(text))
        guard case let .invalidValue(_, key, line, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "source[0].dest")
        #expect(line == 12)
    }

    @Test("installs must stay inside ${destdir}", arguments: ["/etc/passwd", "../x/lib.a", "usr/../../x"])
    func installs(path: String) throws {
        let error = try #require(loadError(recipeText("x", extra: "installs = [\"usr/lib/libx.a\", \"\(path)\"]")))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "installs")
        #expect(line == 7)
        #expect(message.contains("'\(path)'"))
    }

    @Test("a phase with run = [] is refused, as an empty argv is")
    func emptyRun() throws {
        let error = try #require(loadError(recipeText("x", phases: "[[phase]]\nname = \"build\"\nrun = []")))
        guard case let .wrongType(_, key, line, expected) = error else { Issue.record("\(error)"); return }
        #expect(key == "phase[0].run")
        #expect(line == 15)
        #expect(expected.contains("non-empty"))
    }

    @Test("of several mistakes, the same one is reported in every process (first by name)")
    func firstMistakeByName() async throws {
        let dir = TemporaryDirectory("first-mistake")
        defer { dir.remove() }
        dir.write("x.toml", recipeText("x", extra: "[vars]\nd = 1\nc = 2\nb = 3\na = 4"))
        for _ in 0..<4 {
            let result = try await CLI.process(["list", "--recipes", dir.path], environment: ["SWIFT_DETERMINISTIC_HASHING": "false"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("key 'vars.a'"), "\(result.stderr)")
        }
    }
}
