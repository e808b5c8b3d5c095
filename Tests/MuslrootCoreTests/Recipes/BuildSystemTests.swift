import Foundation
import Testing
@testable import MuslrootCore

@Suite("Recipes that name a build system")
struct BuildSystemTests {
    func load(_ extra: String, phases: String = "") throws -> Recipe {
        let dir = TemporaryDirectory("buildsystem")
        defer { dir.remove() }
        dir.write("lib.toml", recipeText("lib", phases: phases, extra: extra))
        return try #require(try RecipeBook.load(directories: [dir.path])["lib"])
    }

    @Test("autotools: configure, build, install from the template, with the recipe's options spliced in")
    func autotools() throws {
        let recipe = try load("build-system = \"autotools\"\nconfigure-options = [\"--without-x\"]")
        #expect(recipe.phases.map(\.name) == ["configure", "build", "install"])
        let scope = VariableScope(values: recipe.variables.merging(["source": .string("/s"), "target": .string("x86_64-linux-musl"),
                                                                     "destdir": .string("/d")]) { $1 })
        #expect(scope.expand(recipe.phases[0].commands[0]) == [
            "/s/configure", "--host=x86_64-linux-musl", "--prefix=/usr", "--disable-shared", "--enable-static", "--with-pic", "--without-x",
        ])
        #expect(recipe.phases[0].environment["CFLAGS"].map(scope.expand)?.contains("-fPIC") == true)
        #expect(scope.expand(recipe.phases[2].commands[0]) == ["make", "DESTDIR=/d", "install"])
    }

    @Test("a recipe's own phase replaces the template's of that name; other phases follow")
    func override() throws {
        let recipe = try load("build-system = \"cmake\"", phases: """
            [[phase]]
            name = "configure"
            run = [["./own-configure"]]

            [[phase]]
            name = "links"
            run = [["ln", "-s", "a", "b"]]
            """)
        #expect(recipe.phases.map(\.name) == ["configure", "build", "install", "links"])
        #expect(recipe.phases[0].commands == [["./own-configure"]])
    }

    @Test("an unknown build system, or template options without one, is a recipe error (exit 2) naming the key")
    func mistakes() throws {
        #expect { try load("build-system = \"scons\"") } throws: { error in
            "\(error)".contains("build-system") && "\(error)".contains("autotools, cmake, make")
                && ExitStatus.forError(error) == .usage
        }
        #expect { try load("configure-options = [\"--x\"]") } throws: { "\($0)".contains("configure-options") }
    }

    @Test("the shipped library recipes are data on a template; muslroot plan shows the expanded phases")
    func shipped() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        for name in ["zlib", "ncurses", "libedit", "openssl", "ffmpeg"] {
            let recipe = try #require(book[name])
            #expect(recipe.phases.map(\.name).starts(with: ["configure", "build", "install"]), "\(name)")
            #expect(recipe.phases[1].commands == [["make", "${make-options}"]], "\(name): the template's build")
        }
    }
}
