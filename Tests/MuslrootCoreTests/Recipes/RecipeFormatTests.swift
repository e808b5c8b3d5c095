import Foundation
import Testing
@testable import MuslrootCore

@Suite("Recipe format errors")
struct RecipeFormatTests {
    func loadError(_ files: [String: String]) -> RecipeError? {
        let dir = TemporaryDirectory("format")
        defer { dir.remove() }
        for (name, text) in files { dir.write(name, text) }
        do {
            _ = try RecipeBook.load(directories: [dir.path])
            return nil
        } catch {
            return error
        }
    }

    @Test("a TOML syntax error gives file, line and column")
    func syntax() throws {
        let error = try #require(loadError(["bad.toml": "name = \"bad\"\nversion = \n"]))
        guard case let .syntax(file, line, _, _) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("/bad.toml"))
        #expect(line == 2)
        #expect(error.description.contains("bad.toml:2:"))
    }

    @Test("a missing field names the file and key")
    func missingField() throws {
        let text = recipeText("x").replacingOccurrences(of: "license = \"MIT\"\n", with: "")
        let error = try #require(loadError(["x.toml": text]))
        guard case let .missingField(file, key) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("/x.toml"))
        #expect(key == "license")
    }

    @Test("a mistyped field names the key, its line and the type wanted")
    func wrongType() throws {
        let text = recipeText("x").replacingOccurrences(of: "version = \"1.0\"", with: "version = 1")
        let error = try #require(loadError(["x.toml": text]))
        guard case let .wrongType(_, key, line, expected) = error else { Issue.record("\(error)"); return }
        #expect(key == "version")
        #expect(line == 2)
        #expect(expected.contains("string"))
    }

    @Test("a source without sha256 is refused")
    func missingSha() throws {
        let text = recipeText("x").replacingOccurrences(of: "sha256 = \"\(String(repeating: "a", count: 64))\"", with: "")
        let error = try #require(loadError(["x.toml": text]))
        guard case let .missingField(_, key) = error else { Issue.record("\(error)"); return }
        #expect(key.contains("sha256"))
    }

    @Test("a malformed sha256 is refused")
    func badSha() throws {
        let text = recipeText("x").replacingOccurrences(of: String(repeating: "a", count: 64), with: "abc")
        let error = try #require(loadError(["x.toml": text]))
        guard case .invalidValue(_, let key, _, _) = error else { Issue.record("\(error)"); return }
        #expect(key == "source[0].sha256")
    }

    @Test("an exclude path that leaves the archive is refused", arguments: ["/etc", "../up", "a/../b", ""])
    func badExclude(path: String) throws {
        let sha = "sha256 = \"\(String(repeating: "a", count: 64))\""
        let text = recipeText("x").replacingOccurrences(of: sha, with: sha + "\nexclude = [\"tests\", \"\(path)\"]")
        let error = try #require(loadError(["x.toml": text]))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "source[0].exclude")
        #expect(line != nil)
        #expect(message.contains("'\(path)'"))
    }

    @Test("an unknown variable in a command is reported with the phase")
    func unknownVariable() throws {
        let phases = "[[phase]]\nname = \"build\"\nrun = [[\"make\", \"PREFIX=${prefx}\"]]"
        let error = try #require(loadError(["x.toml": recipeText("x", phases: phases)]))
        guard case let .unknownVariable(_, phase, variable, known) = error else { Issue.record("\(error)"); return }
        #expect(phase == "build")
        #expect(variable == "prefx")
        #expect(known.contains("prefix"))
    }

    @Test("a key written after a [[phase]] table by mistake is caught, not dropped")
    func misplacedKey() throws {
        let text = recipeText("x") + "\ninstalls = [\"lib/libx.a\"]\n"
        let error = try #require(loadError(["x.toml": text]))
        guard case let .invalidValue(_, key, line, message) = error else { Issue.record("\(error)"); return }
        #expect(key == "phase[0].installs")
        #expect(line != nil)
        #expect(message.contains("top-level keys must come before"))
    }

    @Test("a misspelt key is refused with a suggestion")
    func misspeltKey() throws {
        let text = recipeText("x").replacingOccurrences(of: "depends =", with: "depend =")
        let error = try #require(loadError(["x.toml": text]))
        #expect(error.description.contains("'depend'"))
        #expect(error.description.contains("did you mean 'depends'"))
    }

    @Test("two files with one name in a directory are a duplicate")
    func duplicate() throws {
        let error = try #require(loadError(["a.toml": recipeText("same"), "b.toml": recipeText("same")]))
        guard case let .duplicateName(name, files) = error else { Issue.record("\(error)"); return }
        #expect(name == "same")
        #expect(files.count == 2)
    }

    @Test("an `after` naming a missing phase lists the real ones")
    func unknownPhase() throws {
        let phases = "[[phase]]\nname = \"build\"\nafter = [\"y:nope\"]\nrun = [[\"true\"]]"
        let error = try #require(loadError(["x.toml": recipeText("x", phases: phases), "y.toml": recipeText("y")]))
        guard case let .unknownPhase(_, reference, known) = error else { Issue.record("\(error)"); return }
        #expect(reference == "y:nope")
        #expect(known == ["y:build"])
    }

    @Test("variables that refer to each other in a loop are refused when the recipe loads")
    func variableLoop() throws {
        let error = try #require(loadError(["x.toml": recipeText("x", extra: "[vars]\na = \"${b}\"\nb = [\"${a}\"]")]))
        #expect(error.description.contains("loop"))
    }

    @Test("the complete example in docs/recipes.md loads")
    func documentedExample() throws {
        let docs = try String(contentsOfFile: "\(TestPaths.repository)/docs/recipes.md", encoding: .utf8)
        let start = try #require(docs.range(of: "```toml\n"))
        let end = try #require(docs.range(of: "```", range: start.upperBound..<docs.endIndex))
        let dir = TemporaryDirectory("docs")
        defer { dir.remove() }
        dir.write("libedit.toml", String(docs[start.upperBound..<end.lowerBound]))
        let book = try RecipeBook.load(directories: [TestPaths.recipes, dir.path])
        let recipe = try #require(book["libedit"])
        #expect(recipe.installs == ["usr/lib/libedit.a", "usr/include/histedit.h"])
        #expect(recipe.phases.map(\.name) == ["configure", "build", "install"])
    }

    @Test("list variables splice into argv; string variables interpolate")
    func variables() {
        let scope = VariableScope(values: ["make": .list(["make", "V=1"]), "target": .string("x86_64-linux-musl"),
                                           "tools": .list(["AR=${target}-ar"])])
        #expect(scope.expand(["${make}", "--host=${target}", "${tools}"]) == ["make", "V=1", "--host=x86_64-linux-musl", "AR=x86_64-linux-musl-ar"])
        #expect(scope.expand("CC=${target}-gcc") == "CC=x86_64-linux-musl-gcc")
    }
}

@Suite("Overlays")
struct OverlayTests {
    @Test("an overlay that changes only a source keeps the shipped phases")
    func partialOverride() throws {
        let dir = TemporaryDirectory("overlay")
        defer { dir.remove() }
        dir.write("musl.toml", """
        name = "musl"
        [[source]]
        file = "musl-local.tar.gz"
        sha256 = "\(String(repeating: "b", count: 64))"
        """)
        let shipped = try RecipeBook.load(directories: [TestPaths.recipes])
        let overlaid = try RecipeBook.load(directories: [TestPaths.recipes, dir.path])
        let before = try #require(shipped["musl"]), after = try #require(overlaid["musl"])
        #expect(after.phases == before.phases)
        #expect(after.patches == before.patches)
        #expect(after.sources.first?.file == "musl-local.tar.gz")
        #expect(after.sources.first?.sha256 == String(repeating: "b", count: 64))
        #expect(after.sources.first?.url == before.sources.first?.url)
        #expect(after.files.count == 2)
    }

    @Test("an overlay may replace a whole phase by name and add a new recipe")
    func replacePhase() throws {
        let dir = TemporaryDirectory("overlay2")
        defer { dir.remove() }
        dir.write("zlib.toml", """
        name = "zlib"
        [[phase]]
        name = "build"
        run = [["make", "libz.a"]]
        """)
        dir.write("hello.toml", recipeText("hello", depends: ["zlib"]))
        let book = try RecipeBook.load(directories: [TestPaths.recipes, dir.path])
        let zlib = try #require(book["zlib"])
        #expect(zlib.phases.first { $0.name == "build" }?.commands == [["make", "libz.a"]])
        #expect(book["hello"]?.dependencies == ["zlib"])
    }
}
