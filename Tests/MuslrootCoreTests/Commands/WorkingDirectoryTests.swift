import Foundation
import Testing
@testable import MuslrootCore

/// Relative paths on the command line are taken from the context's working directory, not
/// the process's: a command run in-process acts in the directory its caller gives it.
@Suite("Relative paths against the command's working directory")
struct WorkingDirectoryTests {
    @Test("list --installed --prefix cross: the prefix in the working directory")
    func relativePrefix() async throws {
        let dir = TemporaryDirectory("cwd-list")
        defer { dir.remove() }
        chmod(dir.write("cross/bin/x86_64-linux-musl-gcc", "#!/bin/sh\n"), 0o755)
        try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            Manifest.Package(name: "musl", version: "1.2.5", fingerprint: "f1", sources: [], patches: [], files: ["bin/x86_64-linux-musl-gcc"],
                             kind: "toolchain", depends: nil),
        ], toolchain: .host).save(prefix: "\(dir.path)/cross")
        let result = await CLI.run(["list", "--installed", "--prefix", "cross/"], workingDirectory: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(dir.path)/cross (toolchain: host)"), "\(result.stdout)")
        let env = await CLI.run(["env", "--prefix", "./cross", "--shell", "json"], workingDirectory: dir.path)
        #expect(env.status == 0, "\(env.stderr)")
        #expect(env.stdout.contains("\(dir.path)/cross/bin"), "\(env.stdout)")
    }

    @Test("fetch with relative --recipes, --mirror and --cache-dir: all in the working directory")
    func relativeFetch() async throws {
        let dir = TemporaryDirectory("cwd-fetch")
        defer { dir.remove() }
        let mirror = dir.sub("mirror")
        try makeArchive("\(mirror)/tiny-1.0.tar.gz", [["name": "tiny-1.0/README", "data": "tiny\n"]])
        dir.write("recipes/tiny.toml", recipeText("tiny").replacingOccurrences(of: String(repeating: "a", count: 64),
                                                                                with: sha256("\(mirror)/tiny-1.0.tar.gz")))
        let result = await CLI.run(["fetch", "tiny", "--recipes", "recipes", "--mirror", "mirror", "--cache-dir", "cache"],
                                        workingDirectory: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("verified in \(dir.path)/cache"), "\(result.stdout)")
        #expect(TemporaryDirectory.listing("\(dir.path)/cache").contains { $0.hasSuffix("/tiny-1.0.tar.gz") })
    }

    @Test("extract a.tar.gz out: both in the working directory")
    func relativeExtract() async throws {
        let dir = TemporaryDirectory("cwd-extract")
        defer { dir.remove() }
        try makeArchive("\(dir.path)/a.tar.gz", [["name": "a-1.0/README", "data": "a\n"]])
        let result = await CLI.run(["extract", "a.tar.gz", "out"], workingDirectory: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(dir.path)/out/README"))
    }

    @Test("a relative path is resolved against the base given, and normalized")
    func absolute() {
        #expect(FileTree.absolute("cross/", relativeTo: "/work/x") == "/work/x/cross")
        #expect(FileTree.absolute("../y/./p", relativeTo: "/work/x") == "/work/y/p")
        #expect(FileTree.absolute("/abs/p/", relativeTo: "/work/x") == "/abs/p")
    }
}
