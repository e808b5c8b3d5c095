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
        for name in ["zlib", "ncurses", "libedit", "openssl", "ffmpeg", "zstd"] {
            let recipe = try #require(book[name])
            #expect(recipe.phases.map(\.name).starts(with: ["configure", "build", "install"]), "\(name)")
            #expect(recipe.phases[1].commands == [["make", "${make-options}", "${build-targets}"]], "\(name): the template's build")
        }
        let bzip2 = try #require(book["bzip2"])
        #expect(bzip2.phases.map(\.name) == ["build", "install"])
        #expect(bzip2.phases[0].commands[0].first == "make", "bzip2 builds with the make template")
    }

    @Test("source-subdir points every template at a folder of the source tree; it must stay inside it")
    func sourceSubdirectory() throws {
        for system in BuildSystem.allCases {
            let recipe = try load("build-system = \"\(system.rawValue)\"\nsource-subdir = \"build/cmake\"")
            let scope = VariableScope(values: recipe.variables.merging(["source": .string("/s"), "build": .string("/b")]) { $1 })
            let texts = recipe.phases.flatMap { $0.commands.joined().map(scope.expand) + [scope.expand($0.directory ?? "")] }
            #expect(texts.contains { $0.contains("/s/build/cmake") }, "\(system)")
            #expect(!texts.contains { $0 == "/s" || $0.hasPrefix("/s/configure") }, "\(system): nothing reads the top of the tree")
        }
        for bad in ["../elsewhere", "/abs", "a/../../b", "."] {
            #expect(throws: RecipeError.self, "\(bad)") { try load("build-system = \"cmake\"\nsource-subdir = \"\(bad)\"") }
        }
        #expect { try load("source-subdir = \"lib\"") } throws: { "\($0)".contains("source-subdir") && "\($0)".contains("build-system") }
        // A variable could expand to ".." after the check.
        #expect { try load("build-system = \"cmake\"\nsource-subdir = \"${up}/x\"\n[vars]\nup = \"..\"") } throws: {
            "\($0)".contains("source-subdir")
        }
    }

    @Test("[vars] cannot redefine what muslroot or a template's keys set", arguments: ["source-dir", "configure-options", "source", "destdir"])
    func reservedVariables(name: String) throws {
        #expect { try load("build-system = \"cmake\"\n[vars]\n\"\(name)\" = \"/elsewhere\"") } throws: { error in
            "\(error)".contains("vars.\(name)") && ExitStatus.forError(error) == .usage
        }
    }

    @Test("make template: the cross tools and the position-independent flags on make's command line, the recipe's targets")
    func makeTemplate() throws {
        let recipe = try load("build-system = \"make\"\nbuild-targets = [\"libx.a\"]\ncflags = [\"-DX=1\"]")
        let scope = VariableScope(values: recipe.variables.merging(["source": .string("/s"), "target": .string("x86_64-linux-musl"),
                                                                     "destdir": .string("/d")]) { $1 })
        let build = scope.expand(recipe.phases[0].commands[0])
        #expect(build.contains("CC=x86_64-linux-musl-gcc"))
        #expect(build.contains("CFLAGS=-O2 -fPIC -DX=1"))
        #expect(build.last == "libx.a")
        #expect(scope.expand(recipe.phases[0].directory ?? "") == "/s", "a plain Makefile builds in the source tree")
        let install = scope.expand(recipe.phases[1].commands[0])
        #expect(install.contains("CC=x86_64-linux-musl-gcc") && install.contains("CFLAGS=-O2 -fPIC -DX=1"),
                "an install target that builds something builds it with the cross tools too")
        #expect(install.contains("DESTDIR=/d") && install.last == "install")
    }

    @Test("meson template: the recipe's options reach meson setup, with the source folder and the prefix's cross file")
    func mesonTemplate() async throws {
        let dir = TemporaryDirectory("meson-template")
        defer { dir.remove() }
        let recipe = try load("build-system = \"meson\"\nconfigure-options = [\"-Dfirst=a\", \"-Dsecond=b c\"]")
        // A stand-in meson that prints its arguments, one per line; the toolchain's cross file.
        dir.write("bin/meson", "#!/bin/sh\nprintf '%s\\n' \"$@\"\n")
        chmod("\(dir.path)/bin/meson", 0o755)
        dir.write("toolchain/share/muslroot/meson-cross.ini", "[constants]\nprefix = '@DIRNAME@' / '..' / '..'\n")
        let scope = VariableScope(values: recipe.variables.merging(["source": .string("/s"), "toolchain": .string("\(dir.path)/toolchain")]) { $1 })
        let argv = scope.expand(recipe.phases[0].commands[0])
        let result = try runProgram(argv[0], Array(argv.dropFirst()),
                                    environment: ["PATH": "\(dir.path)/bin:/usr/bin:/bin"], directory: dir.sub("build"))
        #expect(result.status == 0, "\(result.stderr)")
        let arguments = result.stdout.split(separator: "\n").map(String.init)
        #expect(arguments.first == "setup")
        #expect(arguments.suffix(4) == ["-Dfirst=a", "-Dsecond=b c", ".", "/s"], "every option, then the build and source folders")
        #expect(arguments.contains("--default-library=static") && arguments.contains("-Db_staticpic=true"))
        let cross = try String(contentsOfFile: "\(dir.path)/build/cross.ini", encoding: .utf8)
        #expect(cross.contains("prefix = '\(dir.path)/toolchain'"), "the cross file names the toolchain outright")
    }
}
