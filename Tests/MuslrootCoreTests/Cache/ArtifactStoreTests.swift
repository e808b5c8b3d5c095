import Foundation
import Testing
@testable import MuslrootCore

/// The local binary cache, on a tiny package tree: written through libarchive as tar.zst,
/// read back through the extractor, whole or not at all.
struct ArtifactStoreTests {
    static let key = String(repeating: "ab", count: 32)

    /// A package tree: a file, an executable, a symbolic link, a nested file.
    static func package(in scratch: TemporaryDirectory, name: String = "tiny") throws -> BuiltPackage {
        let tree = "\(scratch.path)/tree-\(name)"
        try FileManager.default.createDirectory(atPath: "\(tree)/x86_64-linux-musl/lib/pkgconfig", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(tree)/bin", withIntermediateDirectories: true)
        try "archive \(name)\n".write(toFile: "\(tree)/x86_64-linux-musl/lib/lib\(name).a", atomically: false, encoding: .utf8)
        try "prefix=x\n".write(toFile: "\(tree)/x86_64-linux-musl/lib/pkgconfig/\(name).pc", atomically: false, encoding: .utf8)
        try "#!/bin/sh\n".write(toFile: "\(tree)/bin/\(name)-config", atomically: false, encoding: .utf8)
        chmod("\(tree)/bin/\(name)-config", 0o755)
        try FileManager.default.createSymbolicLink(atPath: "\(tree)/x86_64-linux-musl/lib/lib\(name)-1.a", withDestinationPath: "lib\(name).a")
        let entry = Manifest.Package(name: name, version: "1.0", fingerprint: key, sources: [], patches: [],
                                     files: try BuiltPackage.files(in: tree), kind: "library", depends: [])
        return BuiltPackage(entry: entry, tree: tree)
    }

    @Test func storesAndUnpacksAPackageAsItWas() async throws {
        let scratch = TemporaryDirectory()
        let package = try Self.package(in: scratch)
        let store = ArtifactStore(directory: "\(scratch.path)/cache/artifacts")
        #expect(store.lookup(Self.key) == nil)
        let stored = try store.store([package], key: Self.key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
        #expect(stored.size > 0 && stored.digest == FileDigest.sha256(ofFile: store.archive(Self.key)))
        #expect(store.lookup(Self.key) == stored)
        #expect(store.list().map(\.key) == [Self.key])

        let unpacked = try store.unpack(stored, into: "\(scratch.path)/out")
        #expect(unpacked.map(\.entry.files) == [package.files])
        #expect(TemporaryDirectory.listing("\(scratch.path)/out").filter { !$0.hasSuffix("lib") && !$0.hasSuffix("bin") }
                    == TemporaryDirectory.listing(package.tree).filter { !$0.hasSuffix("lib") && !$0.hasSuffix("bin") })
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(scratch.path)/out/x86_64-linux-musl/lib/libtiny-1.a") == "libtiny.a")
        #expect(access("\(scratch.path)/out/bin/tiny-config", X_OK) == 0)
        // A copy, not a link into the store: editing it changes nothing there.
        var info = stat()
        #expect(stat("\(scratch.path)/out/x86_64-linux-musl/lib/libtiny.a", &info) == 0 && info.st_nlink == 1)
    }

    @Test func aLaterTreeWinsAFileListedTwice() async throws {
        let scratch = TemporaryDirectory()
        let first = try Self.package(in: scratch, name: "one")
        var second = try Self.package(in: scratch, name: "two")
        try "from two\n".write(toFile: "\(second.tree)/x86_64-linux-musl/lib/libone.a", atomically: false, encoding: .utf8)
        second.entry.files.append("x86_64-linux-musl/lib/libone.a")
        let store = ArtifactStore(directory: "\(scratch.path)/store")
        let stored = try store.store([first, second], key: Self.key, package: "toolchain", version: "1", target: "x86_64-linux-musl")
        let unpacked = try store.unpack(stored, into: "\(scratch.path)/out")
        #expect(unpacked.map(\.name) == ["one", "two"])
        #expect(try String(contentsOfFile: "\(scratch.path)/out/x86_64-linux-musl/lib/libone.a", encoding: .utf8) == "from two\n")
    }

    @Test func aDamagedArchiveIsNeverUnpackedAndIsSetAside() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/store")
        let stored = try store.store([try Self.package(in: scratch)], key: Self.key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
        // Same size, other bytes.
        let handle = try #require(FileHandle(forWritingAtPath: store.archive(Self.key)))
        try handle.seek(toOffset: 20)
        try handle.write(contentsOf: Data("XXXX".utf8))
        try handle.close()
        #expect(throws: CacheError.self) { try store.unpack(stored, into: "\(scratch.path)/out") }
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/out"))
        #expect(store.lookup(Self.key) == nil)
    }

    @Test func aHalfWrittenEntryIsNotAnEntryAndIsSweptOnceItsWriterIsGone() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/store")
        // What a writer killed mid-write leaves: its scratch directory, named by a process that is gone.
        let child = try await shell("echo $$", in: scratch.path)
        let deadPID = try #require(Int32(child.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let killed = "\(store.incoming)/\(Self.key).\(deadPID)-7"
        try FileManager.default.createDirectory(atPath: killed, withIntermediateDirectories: true)
        try "partial".write(toFile: "\(killed)/artifact.tar.zst", atomically: false, encoding: .utf8)
        #expect(store.lookup(Self.key) == nil)
        #expect(store.list().isEmpty)
        // An entry directory without its descriptor (not how the store writes, but a damaged disk) is no entry either.
        try FileManager.default.createDirectory(atPath: store.entry(String(repeating: "cd", count: 32)), withIntermediateDirectories: true)
        #expect(store.list().isEmpty)
        _ = try store.store([try Self.package(in: scratch)], key: Self.key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
        #expect(!FileManager.default.fileExists(atPath: killed))
        #expect(store.lookup(Self.key) != nil)
    }

    @Test func twoWritersOfOneKeyLeaveOneWholeEntry() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/store")
        let package = try Self.package(in: scratch)
        let results = try await withThrowingTaskGroup(of: ArtifactDescriptor.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await TreeWork.run("store") {
                        try store.store([package], key: Self.key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let entry = try #require(store.lookup(Self.key))
        #expect(results.allSatisfy { $0 == entry })
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.incoming).isEmpty)
        #expect(try store.unpack(entry, into: "\(scratch.path)/out").first?.files == package.files)
    }

    @Test func gcKeepsTheNewestAndStaysUnderASize() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/store")
        let package = try Self.package(in: scratch)
        let keys = ["01", "02", "03"].map { String(repeating: $0, count: 32) }
        var sizes: [Int64] = []
        for key in keys {
            var descriptor = try store.store([package], key: key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")
            // Distinct creation times, oldest first, without waiting.
            descriptor.created = "2026-01-0\(keys.firstIndex(of: key)! + 1)T00:00:00Z"
            try descriptor.encoded().write(to: URL(fileURLWithPath: store.descriptorPath(key)))
            sizes.append(descriptor.size)
        }
        #expect(store.list().map(\.key) == keys.reversed())
        #expect(store.collect(keepLast: 2, maxSize: nil).map(\.key) == [keys[0]])
        #expect(store.list().map(\.key) == [keys[2], keys[1]])
        #expect(store.collect(keepLast: nil, maxSize: sizes[2]).map(\.key) == [keys[1]])
        #expect(store.list().map(\.key) == [keys[2]])
        #expect(store.collect(keepLast: nil, maxSize: sizes[2]).isEmpty)
    }
}
