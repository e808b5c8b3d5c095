import Foundation
import Testing
@testable import MuslrootCore

@Suite("Shipped recipes")
struct ShippedRecipeTests {
    let book: RecipeBook

    init() throws {
        book = try RecipeBook.load(directories: [TestPaths.recipes])
    }

    @Test("every package the project promises has a recipe")
    func everyPackage() {
        for name in ["binutils", "gcc", "musl", "linux-headers", "ncurses", "libedit", "openssl", "ffmpeg", "zlib", "mimalloc"] {
            #expect(book[name] != nil, "missing recipe \(name)")
        }
        #expect(book["zlib"]?.optional == true)
        #expect(book["mimalloc"]?.optional == true)
    }

    @Test("the shipped recipes are found above the executable; copied away, the error says how to point at them")
    func shippedRecipesLocation() throws {
        let inTree = try RecipeSearchPath.shippedRecipes(environment: [:], executable: "\(TestPaths.repository)/.build/debug/muslroot")
        #expect(inTree == TestPaths.recipes)
        #expect(try RecipeSearchPath.shippedRecipes(environment: ["MUSLROOT_DATA_DIR": "/opt/m"], executable: "/x") == "/opt/m/recipes")
        #expect(throws: RecipeError.noShippedRecipes(executable: "/nowhere/bin/muslroot", searched: ["/nowhere/share/muslroot/recipes"])) {
            try RecipeSearchPath.shippedRecipes(environment: [:], executable: "/nowhere/bin/muslroot")
        }
        let message = RecipeError.noShippedRecipes(executable: "/nowhere/bin/muslroot", searched: ["/nowhere/share/muslroot/recipes"]).description
        #expect(message.contains("MUSLROOT_DATA_DIR"))
    }

    @Test("upstream sources are pinned with the confirmed sha256")
    func pinnedHashes() {
        let expected = [
            "binutils": "ce2017e059d63e67ddb9240e9d4ec49c2893605035cd60e92ad53177f4377237",
            "gcc": "a7b39bc69cbf9e25826c5a60ab26477001f7c08d85cec04bc0e29cabed6f3cc9",
            "musl": "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4",
            "linux-headers": "492648a87c0b69c5ac7f43be64792b9000e3439550d4e82e4a14710c49094fa3",
            "ncurses": "136d91bc269a9a5785e5f9e980bc76ab57428f604ce3e5a5a90cebc767971cc6",
            "libedit": "23792701694550a53720630cd1cd6167101b5773adddcb4104f7345b73a568ac",
            "openssl": "a8c0d28a529ca480f9f36cf5792e2cd21984552a3c8e4aa11a24aa31aeac98e8",
            "ffmpeg": "de668509caf9e35e3cd162473441fdb29538c6d96ed080292b3cf9e6fc5d558f",
            "mimalloc": "754a98de5e2912fddbeaf24830f982b4540992f1bab4a0a8796ee118e0752bda",
        ]
        for (name, sha) in expected {
            #expect(book[name]?.sources.first?.sha256 == sha, "\(name)")
        }
        let gccSources = Dictionary(uniqueKeysWithValues: (book["gcc"]?.sources ?? []).map { ($0.name, $0) })
        #expect(gccSources["gmp"]?.sha256 == "a3c2b80201b89e68616f4ad30bc66aee4927c3ce50e33929ca819d5c43538898")
        #expect(gccSources["gmp"]?.destination == "gmp")
        #expect(gccSources["mpfr"]?.sha256 == "b67ba0383ef7e8a8563734e2e889ef5ec3c3b898a01d00fa0a6869ad81c6ce01")
        #expect(gccSources["mpc"]?.sha256 == "ab642492f5cf882b74aa0cb730cd410a81edcdbec895183ce930e706c1c759b8")
    }

    @Test("musl carries its security patches, in name order")
    func muslPatches() throws {
        let patches = try #require(book["musl"]).patches
        #expect(patches == [
            "0001-iconv-fix-erroneous-input-validation-in-EUC-KR-decod.patch",
            "0002-iconv-harden-UTF-8-output-code-path-against-input-de.patch",
            "0003-fix-pathological-slowness-incorrect-mappings-in-icon.patch",
            "0004-qsort-fix-leonardo-heap-corruption-from-bug-in-doubl.patch",
            "0005-qsort-hard-preclude-oob-array-writes-independent-of-.patch",
            "0006-qsort-fix-shift-UB-in-shl-and-shr.patch",
        ].map { "\(TestPaths.repository)/patches/musl/1.2.5/\($0)" })
    }

    @Test("every shipped recipe resolves into a plan with all its phases, each after what it waits for")
    func everyRecipePlans() throws {
        for name in book.names {
            let plan = try Resolver(book: book).plan(for: [name])
            let phases = try #require(book[name]).phases.map { PhaseNode(recipe: name, phase: $0.name) }
            #expect(plan.order.filter { $0.recipe == name } == phases, "\(name)")
            #expect(Set(plan.order).count == plan.order.count, "\(name): a phase twice")
            #expect(plan.steps.flatMap { $0 }.sorted() == plan.order.sorted(), "\(name): steps and order differ")
            var step: [PhaseNode: Int] = [:]
            for (index, nodes) in plan.steps.enumerated() { for node in nodes { step[node] = index } }
            for (position, node) in plan.order.enumerated() {
                for before in plan.predecessors[node] ?? [] {
                    let earlier = try #require(plan.order.firstIndex(of: before), "\(before), which \(node) waits for, is not in the plan")
                    #expect(earlier < position, "\(before) must come before \(node)")
                    #expect((step[before] ?? .max) < (step[node] ?? -1), "\(before) must be in an earlier step than \(node)")
                }
            }
        }
    }

    @Test("the test overlay for ../shared/mirror changes only sources")
    func mirrorOverlay() throws {
        let overlaid = try RecipeBook.load(directories: [TestPaths.recipes, TestPaths.mirrorOverlay])
        for name in book.names {
            let shipped = try #require(book[name]), changed = try #require(overlaid[name])
            var phases = changed.phases
            if name == "libffi" {
                // The mirror's libffi is GitHub's tag archive, without a configure: the overlay
                // generates one, then runs the template's configure unchanged.
                #expect(phases.first?.commands.first == ["autoreconf", "-f", "-i", "${source}"])
                if !phases.isEmpty, !phases[0].commands.isEmpty { phases[0].commands.removeFirst() }
            }
            #expect(shipped.phases == phases, "\(name): phases must stay as shipped")
            #expect(shipped.version == changed.version)
            #expect(shipped.sources.map(\.url) == changed.sources.map(\.url))
            #expect(shipped.sources.map(\.exclude) == changed.sources.map(\.exclude), "\(name): exclude must stay as shipped")
        }
        #expect(overlaid["gcc"]?.sources.first?.exclude.contains("gcc/testsuite/gcc.dg") == true)
        #expect(overlaid["gcc"]?.sources.first?.file == "gcc-14.2.0-dfsg-buildable.tar.xz")
        #expect(overlaid["gcc"]?.sources.first { $0.name == "gmp" }?.file == "gmp-6.3.0+dfsg-docstub.tar.xz")
        #expect(overlaid["gcc"]?.sources.first { $0.name == "mpfr" }?.file == "mpfr-4.2.2.tar.xz")
    }
}
