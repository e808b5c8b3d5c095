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

    @Test("the order is the same every time")
    func deterministic() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        let first = try Resolver(book: book).plan(for: ["ffmpeg", "libedit", "openssl"]).order
        for _ in 0..<5 {
            #expect(try Resolver(book: book).plan(for: ["openssl", "libedit", "ffmpeg"]).order == first)
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
        let path = error.cyclePath ?? []
        #expect(path.first == path.last)
        #expect(Set(path) == ["a:one", "b:two"])
        #expect(error.description.contains(" -> "))
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

    @Test("asking for an unknown package suggests names")
    func unknownPackage() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        #expect(throws: RecipeError.unknownPackage(name: "opensl", suggestions: ["openssl"])) {
            try Resolver(book: book).plan(for: ["opensl"])
        }
    }
}

extension RecipeError {
    var cyclePath: [String]? { if case .cycle(let path, _) = self { path } else { nil } }
}
