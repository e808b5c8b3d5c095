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

    @Test("musl's patches are applied in name order, and each is in the recipe's patch folder")
    func muslPatches() throws {
        let patches = try #require(book["musl"]).patches
        #expect(!patches.isEmpty)
        #expect(patches.map { URL(fileURLWithPath: $0).lastPathComponent } == patches.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted())
        #expect(patches.allSatisfy { $0.hasPrefix("\(TestPaths.repository)/patches/musl/1.2.5/") && FileManager.default.fileExists(atPath: $0) })
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

/// The full toolchain's bytes must not depend on the work directory (docs/cache.md,
/// Reproducibility): what the recipes do about the paths it would otherwise record.
@Suite("Shipped recipes: the toolchain does not record its work directory")
struct ToolchainPathMapTests {
    @Test("gcc's recorded configure line and plugin files, run through the recipe's own sed, name no work directory")
    func recordedPaths() async throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        let plan = try Resolver(book: book).plan(for: ["gcc"])
        let directory = TemporaryDirectory("unwork")
        defer { directory.remove() }
        let work = "\(directory.path)/.cross.muslroot"
        var configuration = BuildConfiguration(workspace: Workspace(root: work), target: .x86_64Musl, jobs: 2, prefix: "\(directory.path)/cross",
                                               sysroot: "\(work)/sysroot", environment: [:])
        configuration.toolchain = "\(work)/stage"
        let gcc = try #require(book["gcc"])
        let configurePhase = try #require(gcc.phases.first { $0.name == "configure" })
        let configure = try #require(configuration.commands(for: configurePhase, of: gcc, in: plan).last)
        // Every path-bearing flag maps the work directory away.
        for flags in configure.argv where flags.hasPrefix("CFLAGS") || flags.hasPrefix("CXXFLAGS") {
            #expect(flags.contains("-ffile-prefix-map=\(work)/src/gcc=") && flags.contains("-ffile-prefix-map=\(work)/build/gcc="), "\(flags)")
        }
        // The configure line as gcc records it (configargs.h), through the compiler phase's sed.
        let compilerPhase = try #require(gcc.phases.first { $0.name == "compiler" })
        let compiler = configuration.commands(for: compilerPhase, of: gcc, in: plan)
        let sed = try #require(compiler.first { $0.argv.first == "sed" })
        let recorded = "\(work)/build/gcc/gcc/configargs.h"
        try FileManager.default.createDirectory(atPath: "\(work)/build/gcc/gcc", withIntermediateDirectories: true)
        try "static const char configuration_arguments[] = \"\(configure.argv.joined(separator: " "))\";\n"
            .write(toFile: recorded, atomically: true, encoding: .utf8)
        #expect(sed.argv.last == recorded)
        let ran = try await HostCommand(sed.argv, directory: directory.path).run()
        #expect(ran.succeeded, "\(ran.output)")
        let text = try String(contentsOfFile: recorded, encoding: .utf8)
        #expect(!text.contains(directory.path), "\(text)")
        #expect(text.contains("--with-build-sysroot=/muslroot-work/sysroot"), "\(text)")

        let binutils = try #require(book["binutils"])
        let binutilsPlan = try Resolver(book: book).plan(for: ["binutils"])
        let binutilsConfigure = try #require(configuration.commands(for: binutils.phases[0], of: binutils, in: binutilsPlan).last)
        #expect(binutilsConfigure.argv.contains { $0.hasPrefix("CFLAGS=") && $0.contains("-ffile-prefix-map=\(work)/src/binutils=") })
    }
}
