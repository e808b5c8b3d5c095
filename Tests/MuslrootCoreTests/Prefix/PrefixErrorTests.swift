import Foundation
import Testing
@testable import MuslrootCore

/// Errors a user can run into while a prefix is staged and installed: each names the path,
/// what went wrong and what to do, as a `PrefixError` rather than a bare Foundation error.
@Suite("Prefix errors")
struct PrefixErrorTests {
    @Test("two recipes that put a directory and a file at the same path: the path, and what to do")
    func stagingConflict() async throws {
        let dir = TemporaryDirectory("stage-conflict")
        defer { dir.remove() }
        dir.write("dest/a/share/x/file", "a")
        dir.write("dest/b/share/x", "b")
        let stage = "\(dir.path)/stage"
        let transaction = PrefixTransaction(prefix: "\(dir.path)/cross", stage: stage, target: .x86_64Musl)
        try await transaction.beginEmpty()
        try await transaction.install(try await BuiltPackage.collecting(entry("a"), tree: "\(dir.path)/dest/a"))
        do {
            try await transaction.install(try await BuiltPackage.collecting(entry("b"), tree: "\(dir.path)/dest/b"))
            Issue.record("a file over a directory must fail the merge")
        } catch let error as PrefixError {
            guard case let .stagingFailed(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "\(stage)/share/x")
            #expect(error.description.contains("run the same command again"))
        }
    }

    func entry(_ name: String) -> Manifest.Package {
        Manifest.Package(name: name, version: "1", fingerprint: name, sources: [], patches: [], files: [], kind: "toolchain", depends: nil)
    }

    @Test("a manifest that cannot be written: its path")
    func manifestNotWritable() throws {
        let dir = TemporaryDirectory("manifest")
        defer { dir.remove() }
        dir.write("stage/.muslroot", "a file where the directory goes")
        let manifest = Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [])
        do {
            try manifest.save(prefix: "\(dir.path)/stage")
            Issue.record("saving under a file must fail")
        } catch let error as PrefixError {
            guard case let .stagingFailed(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == Manifest.path(in: "\(dir.path)/stage"))
        }
    }

    @Test("an install that cannot exchange the prefix: the prefix is as it was, and what to do")
    func installFailed() async throws {
        let dir = TemporaryDirectory("install-failed")
        defer { dir.remove() }
        let prefix = "\(dir.path)/cross"
        dir.write("cross/bin/tool", "old")
        try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            .init(name: "gcc", version: "1", fingerprint: "f", sources: [], patches: [], files: ["bin/tool"]),
        ]).save(prefix: prefix)
        do {
            try await Installer.install(stage: "\(dir.path)/no-such-stage", into: prefix)
            Issue.record("installing a stage that is not there must fail")
        } catch let error as PrefixError {
            guard case let .installFailed(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == prefix)
            #expect(error.description.contains("run the same command again"))
        }
        #expect(try String(contentsOfFile: "\(prefix)/bin/tool", encoding: .utf8) == "old")
    }

    @Test("a prefix whose parent is a file is refused before anything is built")
    func parentIsAFile() async throws {
        let dir = TemporaryDirectory("parent-file")
        defer { dir.remove() }
        dir.write("file", "x")
        await #expect(throws: PrefixError.self) { try await Installer.checkUsable(prefix: "\(dir.path)/file/cross") }
    }
}
