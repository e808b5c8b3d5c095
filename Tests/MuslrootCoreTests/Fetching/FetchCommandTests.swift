import Foundation
import ArgumentParser
import Testing
@testable import MuslrootCore
@testable import muslroot

/// `muslroot fetch` as a user runs it, against a directory mirror and a recipe overlay.
struct FetchCommandTests {
    let scratch = TemporaryDirectory()
    let mirror: String
    let recipes: String
    let cache: String

    init() throws {
        mirror = scratch.sub("mirror")
        try makeArchive("\(mirror)/tiny-1.0.tar.gz", [["name": "tiny-1.0/README", "data": "tiny\n"]])
        recipes = scratch.sub("recipes")
        scratch.write("recipes/tiny.toml", """
            name = "tiny"
            version = "1.0"
            summary = "a test package"
            homepage = "https://example.invalid/"
            license = "MIT"

            [[source]]
            url = "http://127.0.0.1:9/tiny-1.0.tar.gz"
            sha256 = "\(sha256("\(mirror)/tiny-1.0.tar.gz"))"

            [[phase]]
            name = "build"
            run = [["true"]]
            """)
        cache = "\(scratch.path)/cache"
    }

    func fetch(_ arguments: [String]) async throws {
        let command = try Muslroot.Fetch.parse(["--recipes", recipes, "--cache-dir", cache] + arguments)
        try await command.run()
    }

    @Test func fillsTheCacheThenWorksOffline() async throws {
        try await fetch(["tiny", "--mirror", mirror, "--json"])
        let cached = TemporaryDirectory.listing(cache)
        #expect(cached.count == 2 && cached.last?.hasSuffix("/tiny-1.0.tar.gz") == true)
        FileTree.remove(mirror)
        try await fetch(["tiny"])
        #expect(TemporaryDirectory.listing(cache) == cached)
    }

    @Test func aCorruptMirrorFailsAndCachesNothing() async throws {
        try "not the right bytes".write(toFile: "\(mirror)/tiny-1.0.tar.gz", atomically: false, encoding: .utf8)
        await #expect(throws: (any Error).self) { try await fetch(["tiny", "--mirror", mirror]) }
        #expect(TemporaryDirectory.listing(cache).isEmpty)
        #expect(TemporaryDirectory.listing("\(cache).rejected").count == 1)
    }

    /// A --mirror that is neither a URL nor a directory is bad usage: exit 2, nothing fetched.
    @Test func aMissingMirrorDirectoryIsBadUsage() async throws {
        do {
            try await fetch(["tiny", "--mirror", "/nonexistent/dir"])
            Issue.record("expected exit 2")
        } catch let error as ExitCode {
            #expect(error.rawValue == 2)
        }
        #expect(ExitStatus.forError(FetchError.badMirror("/nonexistent/dir")) == .usage)
        #expect(FetchError.badMirror("/x").description.contains("--mirror"))
        #expect(!FileManager.default.fileExists(atPath: cache))
    }

    @Test func needsPackagesOrAll() {
        #expect(throws: (any Error).self) { try Muslroot.Fetch.parse([]) }
        #expect(throws: (any Error).self) { try Muslroot.Fetch.parse(["gcc", "--all"]) }
    }

    @Test func selectsTheSourcesOfDependenciesToo() throws {
        let book = try RecipeSearchPath.standard(overlays: [], environment: [:], executable: TestPaths.executable, workingDirectory: "/").load()
        let names = try SourceSelection.sources(in: book, packages: ["musl"], all: false).map(\.name)
        #expect(Set(names).isSuperset(of: ["musl", "gcc", "gmp", "mpfr", "mpc", "binutils"]))
        #expect(try SourceSelection.sources(in: book, packages: [], all: true).count >= names.count)
    }
}
