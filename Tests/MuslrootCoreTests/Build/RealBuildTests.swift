import Foundation
import Testing
@testable import MuslrootCore

extension Tag {
    /// Builds real packages from ../shared/mirror (about a minute): `swift test --skip RealBuild` leaves it out.
    @Tag static var realBuild: Self
}

extension Trait where Self == TimeLimitTrait {
    /// The time limit of a suite that could hang (it waits on processes, pipes or locks): a guard
    /// against a hang, not a speed check. Generous, because on 2 cores with real builds beside
    /// them these suites took 150 s without hanging.
    static var hangGuard: Self { .timeLimit(.minutes(10)) }
}

@Suite("Real build", .tags(.realBuild), .serialized)
struct RealBuildTests {
    @Test("musl alone: fetched from the mirror, verified, extracted, patched and built by the executor",
          .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
    func muslAlone() async throws {
        let dir = TemporaryDirectory("realmusl")
        defer { dir.remove() }
        let book = try RecipeBook.load(directories: [TestPaths.recipes, "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/musl-host"])
        let recipe = try #require(book["musl"])
        #expect(recipe.patches.count >= 2, "the shipped patches apply to this build too")
        let plan = try Resolver(book: book).plan(for: ["musl"])
        #expect(plan.recipes.map(\.name) == ["musl"])
        let workspace = Workspace(root: "\(dir.path)/work")
        let fetcher = Fetcher(cache: SourceCache(directory: "\(dir.path)/cache"), mirrors: [.directory(TestPaths.mirror)])
        let configuration = BuildConfiguration(
            workspace: workspace, target: .x86_64Musl, jobs: ProcessInfo.processInfo.activeProcessorCount,
            prefix: "\(dir.path)/prefix", sysroot: workspace.sysroot,
            environment: BuildEnvironment.cleaned(ProcessInfo.processInfo.environment))
        let store = SourceStore(fetcher: fetcher)
        try await store.fetchAll(for: plan.recipes)
        try await Executor(plan: plan, configuration: configuration, sources: store, observer: nil).run()

        let destination = workspace.destination("musl")
        for file in ["lib/libc.a", "lib/crt1.o", "lib/rcrt1.o", "include/stdio.h"] {
            #expect(FileManager.default.fileExists(atPath: "\(destination)/\(file)"), "\(file) installed")
        }
        // The CVE-2025-26519 fix is in the tree that was built.
        let iconv = try String(contentsOfFile: "\(workspace.source("musl"))/src/locale/iconv.c", encoding: .isoLatin1)
        #expect(iconv.contains("if (c > 0xc6-0x81 || c==0xc6-0x81 && d>0x52)"), "EUC-KR fix applied")
        #expect(!iconv.contains("if (c >= 93 || c>=0xc6-0x81 && d>0x52)"), "the vulnerable check is gone")
        for phase in ["configure", "headers", "build", "install"] {
            #expect(FileManager.default.fileExists(atPath: workspace.log(PhaseNode(recipe: "musl", phase: phase))))
        }
        // A second run does nothing.
        let state = try String(contentsOfFile: workspace.stateFile, encoding: .utf8)
        try await Executor(plan: plan, configuration: configuration, sources: store, observer: nil).run()
        #expect(try String(contentsOfFile: workspace.stateFile, encoding: .utf8) == state)
    }
}
