import Foundation
import Testing
@testable import MuslrootCore

struct SourceTreeTests {
    let scratch = TemporaryDirectory()
    let main: Source
    let extra: Source
    let archives: [Source: String]

    init() throws {
        let mainArchive = "\(scratch.path)/pkg-1.0.tar.gz"
        try makeArchive(mainArchive, [["name": "pkg-1.0/hello.c", "data": "int x = 1;\nint y = 2;\n"]])
        let extraArchive = "\(scratch.path)/dep-2.0.tar.xz"
        try makeArchive(extraArchive, [["name": "dep-2.0/dep.h", "data": "#define DEP 2\n"]])
        main = source("pkg-1.0.tar.gz", url: "https://x/pkg", sha256: sha256(mainArchive), name: "pkg")
        extra = source("dep-2.0.tar.xz", url: "https://x/dep", sha256: sha256(extraArchive), name: "dep", destination: "third_party/dep")
        archives = [main: mainArchive, extra: extraArchive]
    }

    func recipe(patches: [String]) -> Recipe {
        Recipe(name: "pkg", version: "1.0", summary: "", homepage: "", license: "", kind: .library, optional: false,
               sources: [main, extra], patches: patches, dependencies: [], variables: [:], environment: [:],
               phases: [], installs: [], files: [])
    }

    func patch(_ name: String, from: String, to: String) -> String {
        scratch.write("patches/\(name)", """
            --- a/hello.c
            +++ b/hello.c
            @@ -1,2 +1,2 @@
            -\(from)
            +\(to)
             int y = 2;

            """)
    }

    @Test func unpacksEverySourceAndPatchesInOrder() async throws {
        let first = patch("0001-one.patch", from: "int x = 1;", to: "int x = 10;")
        let second = patch("0002-two.patch", from: "int x = 10;", to: "int x = 100;")
        let tree = "\(scratch.path)/build/pkg-src"
        try await SourceTree.prepare(recipe(patches: [first, second]), archives: archives, at: tree)
        #expect(try String(contentsOfFile: "\(tree)/hello.c", encoding: .utf8) == "int x = 100;\nint y = 2;\n")
        #expect(try String(contentsOfFile: "\(tree)/third_party/dep/dep.h", encoding: .utf8) == "#define DEP 2\n")
        let stamp = try String(contentsOfFile: "\(tree)/\(SourceStamp.fileName)", encoding: .utf8)
        #expect(stamp.contains(main.sha256) && stamp.contains(extra.sha256) && stamp.contains("0002-two.patch"))
        #expect(TemporaryDirectory.listing("\(scratch.path)/build").filter { !$0.hasPrefix("pkg-src") }.isEmpty, "no scratch left")
    }

    @Test func aMatchingTreeIsKeptAnotherReplaced() async throws {
        let tree = "\(scratch.path)/build/pkg-src"
        try await SourceTree.prepare(recipe(patches: []), archives: archives, at: tree)
        scratch.write("build/pkg-src/built.o", "object")
        try await SourceTree.prepare(recipe(patches: []), archives: archives, at: tree)
        #expect(FileManager.default.fileExists(atPath: "\(tree)/built.o"), "same stamp: the tree is used as is")
        let changed = patch("0001-one.patch", from: "int x = 1;", to: "int x = 3;")
        try await SourceTree.prepare(recipe(patches: [changed]), archives: archives, at: tree)
        #expect(!FileManager.default.fileExists(atPath: "\(tree)/built.o"), "other stamp: the tree is made again")
        #expect(try String(contentsOfFile: "\(tree)/hello.c", encoding: .utf8).hasPrefix("int x = 3;"))
        #expect(TemporaryDirectory.listing("\(scratch.path)/build").filter { !$0.hasPrefix("pkg-src") }.isEmpty)
    }

    @Test func changingWhatIsExcludedMakesTheTreeAgain() async throws {
        let tree = "\(scratch.path)/build/pkg-src"
        var recipe = recipe(patches: [])
        try await SourceTree.prepare(recipe, archives: archives, at: tree)
        recipe.sources[1].exclude = ["dep.h"]
        try await SourceTree.prepare(recipe, archives: [recipe.sources[0]: archives[main]!, recipe.sources[1]: archives[extra]!], at: tree)
        #expect(FileManager.default.fileExists(atPath: "\(tree)/hello.c"))
        #expect(!FileManager.default.fileExists(atPath: "\(tree)/third_party/dep/dep.h"))
        #expect(try String(contentsOfFile: "\(tree)/\(SourceStamp.fileName)", encoding: .utf8).contains("exclude dep dep.h"))
    }

    @Test func aPatchThatDoesNotApplyIsReportedAndTheTreeNotUsed() async throws {
        let good = patch("0001-good.patch", from: "int x = 1;", to: "int x = 10;")
        let bad = patch("0002-bad.patch", from: "int x = 42;", to: "int x = 43;")
        let tree = "\(scratch.path)/build/pkg-src"
        let error = await #expect(throws: PatchError.self) {
            try await SourceTree.prepare(recipe(patches: [good, bad]), archives: archives, at: tree)
        }
        guard case let .failed(patch, status, output)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(patch == bad)
        #expect(status == "exited with status 1")
        #expect(output.contains("FAILED"))
        #expect(error!.description.contains("0002-bad.patch"))
        #expect(TemporaryDirectory.listing("\(scratch.path)/build").isEmpty)
    }

    @Test func aMissingArchiveIsNamed() async throws {
        await #expect(throws: ExtractError.missingArchive(recipe: "pkg", source: "dep")) {
            try await SourceTree.prepare(recipe(patches: []), archives: [main: archives[main]!], at: "\(scratch.path)/t")
        }
    }

    @Test(.enabled(if: Fixtures.mirrorPresent, "the source mirror ../shared/mirror is absent"))
    func aRealTarballExtractsAndPatches() async throws {
        let archive = "\(Fixtures.mirror)/musl-1.2.5.tar.gz"
        let musl = source("musl-1.2.5.tar.gz", url: "https://musl.libc.org/releases/musl-1.2.5.tar.gz",
                          sha256: "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4", name: "musl")
        let fix = scratch.write("patches/0001-version.patch", """
            --- a/VERSION
            +++ b/VERSION
            @@ -1 +1 @@
            -1.2.5
            +1.2.5-muslroot

            """)
        var recipe = recipe(patches: [fix])
        recipe.sources = [musl]
        let tree = "\(scratch.path)/musl-src"
        try await SourceTree.prepare(recipe, archives: [musl: archive], at: tree)
        #expect(try String(contentsOfFile: "\(tree)/VERSION", encoding: .utf8) == "1.2.5-muslroot\n")
        #expect(FileManager.default.isExecutableFile(atPath: "\(tree)/configure"))
        #expect(FileManager.default.fileExists(atPath: "\(tree)/src/string/memcpy.c"))
    }

    /// Every path the shipped toolchain recipes exclude is in their tarballs (a stale one is an
    /// error), and what the builds need is still unpacked.
    @Test(.enabled(if: Fixtures.mirrorPresent, "the source mirror ../shared/mirror is absent"),
          arguments: [("binutils", ["gas/as.c", "ld/ldmain.c"]),
                      ("gcc", ["gcc/testsuite/selftests", "gcc/d/d-target.def", "gcc/cp/parser.cc", "gmp/configure"])])
    func theShippedExcludeListsMatchTheirTarballs(name: String, kept: [String]) async throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes, TestPaths.mirrorOverlay])
        let recipe = try #require(book[name])
        #expect(recipe.sources.contains { !$0.exclude.isEmpty })
        let archives = Dictionary(uniqueKeysWithValues: recipe.sources.map { ($0, "\(Fixtures.mirror)/\($0.file)") })
        let tree = "\(scratch.path)/\(name)-src"
        try await SourceTree.prepare(recipe, archives: archives, at: tree)
        for path in kept { #expect(FileManager.default.fileExists(atPath: "\(tree)/\(path)"), "\(path)") }
        for path in recipe.sources.first!.exclude { #expect(!FileManager.default.fileExists(atPath: "\(tree)/\(path)"), "\(path)") }
    }
}
