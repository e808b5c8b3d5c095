import Foundation
import Testing
@testable import MuslrootCore

/// `bootstrap --malloc mimalloc` lays recipes/malloc-mimalloc/ over the shipped recipes
/// (docs/malloc.md); without it nothing of mimalloc is built.
@Suite("The --malloc mimalloc overlay")
struct MallocOverlayTests {
    static let overlay = "\(TestPaths.recipes)/malloc-mimalloc"

    @Test("with the overlay, mimalloc is built after musl's headers and before libc.a")
    func order() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes, Self.overlay])
        let plan = try Resolver(book: book).plan(for: ["gcc"])
        let position = Dictionary(uniqueKeysWithValues: plan.order.enumerated().map { ($1.description, $0) })
        func before(_ a: String, _ b: String) throws {
            let pa = try #require(position[a], "\(a) missing"), pb = try #require(position[b], "\(b) missing")
            #expect(pa < pb, "\(a) must come before \(b)")
        }
        try before("musl:headers", "mimalloc:build")
        try before("mimalloc:build", "musl:build")
        try before("musl:install", "gcc:libraries")
        let waits = plan.predecessors[PhaseNode(recipe: "musl", phase: "build")] ?? []
        #expect(waits.contains(PhaseNode(recipe: "mimalloc", phase: "build")), "musl:build must wait for mimalloc:build")
        #expect(book["mimalloc"]?.kind == .toolchain)
    }

    @Test("musl's make gets the mimalloc objects in AOBJS with the overlay, nothing without")
    func aobjs() throws {
        let shipped = try RecipeBook.load(directories: [TestPaths.recipes])
        #expect(shipped["musl"]?.variables["malloc"] == .list([]))
        let plan = try Resolver(book: shipped).plan(for: ["gcc"])
        #expect(plan.recipe("mimalloc") == nil)

        let book = try RecipeBook.load(directories: [TestPaths.recipes, Self.overlay])
        guard case .list(let malloc)? = book["musl"]?.variables["malloc"] else {
            Issue.record("no malloc list in the overlaid musl recipe")
            return
        }
        let aobjs = try #require(malloc.first)
        #expect(aobjs.hasPrefix("AOBJS=$(filter-out obj/src/malloc/mallocng/%,$(LIBC_OBJS)) "))
        #expect(aobjs.contains("${build:mimalloc}/libc-mimalloc.o"))
        let build = try #require(book["musl"]?.phases.first { $0.name == "build" })
        #expect(build.commands.first?.contains("${malloc}") == true)
    }
}
