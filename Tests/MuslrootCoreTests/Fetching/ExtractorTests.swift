import Foundation
import Testing
@testable import MuslrootCore

struct ExtractorTests {
    static var good: [[String: Any]] { [
        ["name": "pkg-1.0", "type": "dir", "mtime": 1_100_000_000],
        ["name": "pkg-1.0/configure", "data": "#!/bin/sh\n", "mode": 0o755, "mtime": 1_200_000_000],
        ["name": "pkg-1.0/src/main.c", "data": "int main(void) { return 0; }\n"],
        ["name": "pkg-1.0/src/link.c", "type": "symlink", "target": "main.c"],
        ["name": "pkg-1.0/include/up.c", "type": "symlink", "target": "../src/main.c"],
        ["name": "pkg-1.0/src/hard.c", "type": "hardlink", "target": "pkg-1.0/src/main.c"],
        ["name": "./pkg-1.0/read-only.txt", "data": "ro\n", "mode": 0o444],
    ] }

    @Test(arguments: ["tar", "tar.gz", "tar.xz", "tar.bz2", "tar.zst"])
    func unpacksAndStripsTheTopDirectory(suffix: String) async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.\(suffix)"
        try makeArchive(archive, Self.good)
        let destination = "\(scratch.path)/out/pkg"
        try await Extractor.extract(archive, into: destination)
        #expect(TemporaryDirectory.listing(destination) == ["configure", "include", "include/up.c", "read-only.txt",
                                                  "src", "src/hard.c", "src/link.c", "src/main.c"])
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(destination)/configure")
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
        #expect((attributes[.modificationDate] as? Date) == Date(timeIntervalSince1970: 1_200_000_000))
        let top = try FileManager.default.attributesOfItem(atPath: destination)
        #expect((top[.modificationDate] as? Date) == Date(timeIntervalSince1970: 1_100_000_000))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(destination)/src/link.c") == "main.c")
        #expect(try String(contentsOfFile: "\(destination)/include/up.c", encoding: .utf8).hasPrefix("int main"))
        var info = stat()
        #expect(stat("\(destination)/src/hard.c", &info) == 0 && info.st_nlink == 2)
        #expect(TemporaryDirectory.listing("\(scratch.path)/out") == ["pkg"] + TemporaryDirectory.listing(destination).map { "pkg/\($0)" })
    }

    @Test func leavesOutExcludedPathsAndEverythingUnderThem() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.xz"
        try makeArchive(archive, Self.good + [
            ["name": "pkg-1.0/testsuite", "type": "dir"],
            ["name": "pkg-1.0/testsuite/deep/t1.c", "data": "t\n"],
            ["name": "pkg-1.0/testsuite-data.txt", "data": "kept: not under testsuite/\n"],
        ])
        let destination = "\(scratch.path)/out/pkg"
        try await Extractor.extract(archive, into: destination, excluding: ["testsuite", "src/link.c", "configure/"])
        #expect(TemporaryDirectory.listing(destination) == ["include", "include/up.c", "read-only.txt", "src", "src/hard.c",
                                                  "src/main.c", "testsuite-data.txt"])
    }

    @Test func anExcludePathWithNothingThereIsAnError() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.gz"
        try makeArchive(archive, Self.good)
        let error = await #expect(throws: ExtractError.self) {
            try await Extractor.extract(archive, into: "\(scratch.path)/out/pkg", excluding: ["src", "tests", "configure/x"])
        }
        #expect(error == .excludeMatchedNothing(archive: archive, paths: ["tests", "configure/x"]))
        #expect(error?.description.contains("remove them from the source's exclude") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/out/pkg"))
    }

    @Test func refusesAHardlinkToAnExcludedFile() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.gz"
        try makeArchive(archive, Self.good)
        let error = await #expect(throws: ExtractError.self) {
            try await Extractor.extract(archive, into: "\(scratch.path)/out/pkg", excluding: ["src/main.c"])
        }
        guard case let .refusedEntry(_, entry, reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(entry == "pkg-1.0/src/hard.c")
        #expect(reason.contains("exclude"))
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/out/pkg"))
    }

    /// Each archive tries to write `outside/evil` (or through a link to it); none may.
    static var hostile: [(String, [[String: Any]])] { [
        ("dot-dot", [["name": "pkg/a", "data": "a"], ["name": "pkg/../../outside/evil", "data": "x"]]),
        ("absolute", [["name": "pkg/a", "data": "a"], ["name": "OUTSIDE/evil", "data": "x"]]),
        ("symlink escaping, then a write through it", [
            ["name": "pkg/link", "type": "symlink", "target": "../../outside"],
            ["name": "pkg/link/evil", "data": "x"]]),
        ("absolute symlink, then a write through it", [
            ["name": "pkg/link", "type": "symlink", "target": "OUTSIDE"],
            ["name": "pkg/link/evil", "data": "x"]]),
        ("symlink climbing after descending", [
            ["name": "pkg/d", "type": "dir"],
            ["name": "pkg/b", "type": "symlink", "target": "d"],
            ["name": "pkg/a", "type": "symlink", "target": "b/../../outside"],
            ["name": "pkg/a/evil", "data": "x"]]),
        ("a write through an in-tree symlink", [
            ["name": "pkg/real", "type": "dir"],
            ["name": "pkg/alias", "type": "symlink", "target": "real"],
            ["name": "pkg/alias/evil", "data": "x"]]),
        ("hardlink escaping", [["name": "pkg/a", "data": "a"], ["name": "pkg/h", "type": "hardlink", "target": "pkg/../../outside/secret"]]),
        ("hardlink to an absolute path", [["name": "pkg/a", "data": "a"], ["name": "pkg/h", "type": "hardlink", "target": "OUTSIDE/secret"]]),
        ("fifo", [["name": "pkg/a", "data": "a"], ["name": "pkg/fifo", "type": "fifo"]]),
        ("device node", [["name": "pkg/a", "data": "a"], ["name": "pkg/null", "type": "chr"]]),
        ("two top-level directories", [["name": "pkg/a", "data": "a"], ["name": "other/evil", "data": "x"]]),
    ] }

    @Test(arguments: hostile.indices)
    func hostileArchivesWriteNothingOutside(index: Int) async throws {
        let (name, template) = Self.hostile[index]
        let scratch = TemporaryDirectory()
        let outside = scratch.sub("outside")
        let secret = scratch.write("outside/secret", "secret\n")
        let entries = template.map { entry in
            entry.mapValues { ($0 as? String)?.replacingOccurrences(of: "OUTSIDE", with: outside) ?? $0 }
        }
        let archive = "\(scratch.path)/hostile.tar.gz"
        try makeArchive(archive, entries)
        let work = scratch.sub("work")
        let error = await #expect(throws: ExtractError.self, "\(name)") {
            try await Extractor.extract(archive, into: "\(work)/tree")
        }
        switch error {
        case .refusedEntry?, .notOneTopLevelDirectory?: break
        default: Issue.record("\(name): \(String(describing: error))")
        }
        #expect(TemporaryDirectory.listing(outside) == ["secret"], "\(name)")
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "secret\n")
        #expect(TemporaryDirectory.listing(work).isEmpty, "\(name): nothing at the destination, no scratch left")
        #expect(TemporaryDirectory.listing(scratch.path) == ["hostile.tar.gz", "outside", "outside/secret", "work"], "\(name)")
    }

    /// `pkg/a\xff` and `pkg/a\xfe` once both became `pkg/a\u{FFFD}`: one file, exit 0.
    @Test func refusesNamesThatAreNotUTF8() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.gz"
        try makeArchive(archive, [["name": "pkg/ok", "data": "x"], ["name_hex": "706b672f61ff", "data": "one"],
                                  ["name_hex": "706b672f61fe", "data": "two"]])
        let error = await #expect(throws: ExtractError.self) { try await Extractor.extract(archive, into: "\(scratch.path)/out") }
        #expect(error == .nameNotUTF8(archive: archive, entry: #"pkg/a\xff"#))
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/out"))
    }

    /// Archives the file system cannot take say which entry and why, not "check free space".
    @Test func entriesThatCannotBeWrittenSayWhy() async throws {
        let scratch = TemporaryDirectory()
        let link = "\(scratch.path)/link.tar.gz"
        try makeArchive(link, [["name": "pkg/a", "data": "a"], ["name": "pkg/h", "type": "hardlink", "target": "pkg/missing"]])
        let linkError = await #expect(throws: ExtractError.self) { try await Extractor.extract(link, into: "\(scratch.path)/out") }
        #expect(linkError?.description.contains("refused entry 'pkg/h': it is a hard link to 'missing', which no earlier entry") == true,
                "\(String(describing: linkError))")
        let long = "\(scratch.path)/long.tar.gz"
        let name = "pkg/" + String(repeating: "n", count: 300)
        try makeArchive(long, [["name": name, "data": "a"]])
        let longError = await #expect(throws: ExtractError.self) { try await Extractor.extract(long, into: "\(scratch.path)/out") }
        #expect(longError?.description.contains("cannot write \(name): a name in it is longer than the file system allows") == true,
                "\(String(describing: longError))")
        for error in [linkError, longError] { #expect(error?.description.contains("free space") == false) }
    }

    @Test func aFlatArchiveSaysWhatToCheck() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/flat.tar.gz"
        try makeArchive(archive, [["name": "a", "data": "a"], ["name": "b", "data": "b"]])
        let error = await #expect(throws: ExtractError.self) { try await Extractor.extract(archive, into: "\(scratch.path)/out") }
        #expect(error == .notOneTopLevelDirectory(archive: archive, entries: ["a"]))
        #expect(error?.description.contains("check that the recipe's url points at one") == true)
    }

    @Test func corruptArchiveLeavesNothing() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.xz"
        try makeArchive(archive, Self.good + (0..<50).map { ["name": "pkg-1.0/f\($0)", "data": String(repeating: "x\($0)", count: 2000)] })
        let whole = try Data(contentsOf: URL(fileURLWithPath: archive))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: archive))
        await #expect(throws: ExtractError.self) { try await Extractor.extract(archive, into: "\(scratch.path)/out/tree") }
        #expect(TemporaryDirectory.listing("\(scratch.path)/out").isEmpty)
    }

    @Test func notAnArchive() async throws {
        let scratch = TemporaryDirectory()
        let file = scratch.write("plain.tar.gz", "this is not an archive\n")
        let error = await #expect(throws: ExtractError.self) { try await Extractor.extract(file, into: "\(scratch.path)/out") }
        guard case .unreadable? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func refusesANonEmptyDestination() async throws {
        let scratch = TemporaryDirectory()
        let archive = "\(scratch.path)/pkg.tar.gz"
        try makeArchive(archive, Self.good)
        scratch.write("out/keep.txt", "mine")
        await #expect(throws: ExtractError.destinationExists(path: "\(scratch.path)/out")) {
            try await Extractor.extract(archive, into: "\(scratch.path)/out")
        }
        #expect(TemporaryDirectory.listing("\(scratch.path)/out") == ["keep.txt"])
    }
}
