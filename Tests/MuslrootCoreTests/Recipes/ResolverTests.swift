import Foundation
import Testing
@testable import MuslrootCore

@Suite("Resolution into a phase graph")
struct ResolverTests {
    @Test("libedit's plan puts every ncurses phase before libedit's")
    func libeditAfterNcurses() throws {
        let plan = try Resolver(book: try RecipeBook.load(directories: [TestPaths.recipes])).plan(for: ["libedit"])
        let lastNcurses = try #require(plan.order.lastIndex { $0.recipe == "ncurses" })
        let firstLibedit = try #require(plan.order.firstIndex { $0.recipe == "libedit" })
        #expect(lastNcurses < firstLibedit)
    }

    @Test("gcc's plan is the single-pass order")
    func singlePass() throws {
        let plan = try Resolver(book: try RecipeBook.load(directories: [TestPaths.recipes])).plan(for: ["gcc"])
        let position = Dictionary(uniqueKeysWithValues: plan.order.enumerated().map { ($1.description, $0) })
        func before(_ a: String, _ b: String) throws {
            let pa = try #require(position[a], "\(a) missing"), pb = try #require(position[b], "\(b) missing")
            #expect(pa < pb, "\(a) must come before \(b)")
        }
        try before("binutils:build", "gcc:compiler")
        try before("gcc:compiler", "musl:configure")
        try before("musl:headers", "gcc:libgcc")
        try before("gcc:libgcc", "musl:build")
        try before("musl:install", "gcc:libraries")
        try before("gcc:libraries", "gcc:install")
        // One configure of gcc, no second pass.
        #expect(plan.order.filter { $0.recipe == "gcc" && $0.phase.contains("configure") }.count == 1)
    }

    @Test("phases that do not depend on each other share a step")
    func parallelSteps() throws {
        let plan = try Resolver(book: try RecipeBook.load(directories: [TestPaths.recipes])).plan(for: ["gcc", "linux-headers"])
        let first = try #require(plan.steps.first).map(\.description)
        #expect(first.contains("binutils:configure"))
        #expect(first.contains("gcc:configure"))
        #expect(first.contains("linux-headers:install"))
    }

    @Test("the order does not depend on the order of the requests")
    func requestOrder() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        let first = try Resolver(book: book).plan(for: ["ffmpeg", "libedit", "openssl"])
        let second = try Resolver(book: book).plan(for: ["openssl", "libedit", "ffmpeg"])
        #expect(second.order == first.order)
        #expect(second.steps == first.steps)
    }

    /// Swift seeds its hashes anew in every process, so sets and dictionaries iterate in
    /// another order each run: only separate runs of the built muslroot can show a plan that
    /// depends on them.
    @Test("a plan is the same in every process",
          arguments: [["plan", "gcc"], ["plan", "openssl", "--format", "dot"],
                      ["plan", "gcc", "linux-headers", "ffmpeg", "libedit", "--format", "json"]])
    func deterministicAcrossProcesses(arguments: [String]) async throws {
        let randomHashing = ["SWIFT_DETERMINISTIC_HASHING": "false"]
        let first = try await CLI.process(arguments, environment: randomHashing)
        #expect(first.status == 0, "\(first.stderr)")
        for _ in 0..<3 {
            let again = try await CLI.process(arguments, environment: randomHashing)
            #expect(again.stdout == first.stdout)
        }
    }

    @Test("a dependency cycle is printed as a path, naming the files")
    func cycle() throws {
        let dir = TemporaryDirectory("cycle")
        defer { dir.remove() }
        dir.write("a.toml", recipeText("a", depends: ["b"]))
        dir.write("b.toml", recipeText("b", depends: ["a"]))
        #expect(throws: RecipeError.cycle(path: ["a", "b", "a"], files: ["\(dir.path)/a.toml", "\(dir.path)/b.toml"])) {
            try RecipeBook.load(directories: [dir.path])
        }
    }

    @Test("a cycle through phases is found too")
    func phaseCycle() throws {
        let dir = TemporaryDirectory("phasecycle")
        defer { dir.remove() }
        dir.write("a.toml", recipeText("a", phases: "[[phase]]\nname = \"one\"\nafter = [\"b:two\"]\nrun = [[\"true\"]]"))
        dir.write("b.toml", recipeText("b", phases: "[[phase]]\nname = \"two\"\nafter = [\"a:one\"]\nrun = [[\"true\"]]"))
        let error = try #require(Result<RecipeBook, RecipeError> { () throws(RecipeError) in try RecipeBook.load(directories: [dir.path]) }.failure)
        #expect(error == .cycle(path: ["a:one", "b:two", "a:one"], files: ["\(dir.path)/a.toml", "\(dir.path)/b.toml"]))
        #expect(error.description.hasPrefix("dependency cycle: a:one -> b:two -> a:one (in "))
    }

    @Test("an unknown dependency names the nearest known recipe")
    func unknownDependency() throws {
        let dir = TemporaryDirectory("unknown")
        defer { dir.remove() }
        let file = dir.write("app.toml", recipeText("app", depends: ["nucurses"]))
        let error = try #require(Result<RecipeBook, RecipeError> { () throws(RecipeError) in try RecipeBook.load(directories: [TestPaths.recipes, dir.path]) }.failure)
        #expect(error == .unknownDependency(file: file, recipe: "app", dependency: "nucurses", suggestions: ["ncurses"]))
        #expect(error.description.contains("did you mean 'ncurses'"))
    }

    /// `RecipeBook(recipes:)` skips the loader's checks; the resolver reports what it cannot find.
    @Test("a book that was not checked gives errors, not a crash or a lost phase",
          arguments: ["dependency", "after", "phase"])
    func uncheckedBook(kind: String) throws {
        let loaded = try RecipeBook.load(directories: [TestPaths.recipes])
        var zlib = try #require(loaded["zlib"])
        let expected: RecipeError
        switch kind {
        case "dependency":
            zlib.dependencies = ["nope"]
            expected = .unknownDependency(file: zlib.file, recipe: "zlib", dependency: "nope", suggestions: [])
        case "after":
            zlib.phases[0].after = [PhaseReference(recipe: "zlib", phase: "nope")]
            expected = .unknownPhase(file: zlib.file, reference: "zlib:nope", known: zlib.phases.map { "zlib:\($0.name)" })
        default:
            var empty = zlib
            empty.name = "empty"
            empty.phases = []
            zlib.dependencies = ["empty"]
            expected = .missingField(file: empty.file, key: "phase")
            #expect(throws: expected) { try Resolver(book: RecipeBook(recipes: [zlib, empty])).plan(for: ["zlib"]) }
            return
        }
        #expect(throws: expected) { try Resolver(book: RecipeBook(recipes: [zlib])).plan(for: ["zlib"]) }
    }

    @Test("asking for an unknown package suggests names")
    func unknownPackage() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        #expect(throws: RecipeError.unknownPackage(name: "opensl", suggestions: ["openssl"])) {
            try Resolver(book: book).plan(for: ["opensl"])
        }
    }
}


