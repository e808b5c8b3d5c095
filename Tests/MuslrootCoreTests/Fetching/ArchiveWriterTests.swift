import Foundation
import Testing
@testable import MuslrootCore

/// A binary cache artifact is the same bytes for the same files, however the tree that held
/// them was made: when, in which order, under which umask (docs/cache.md, "Reproducibility").
struct ArchiveWriterTests {
    /// The same four files, made in `order`, with `mtime` and group-writable modes or not.
    static func tree(at root: String, order: [String], mtime: Int, groupWritable: Bool) throws -> ArchiveReader.Tree {
        let contents = ["lib/libz.a": "!<arch>\n", "include/zlib.h": "#define ZLIB\n", "include/zconf.h": "#define ZCONF\n",
                        "bin/z-config": "#!/bin/sh\n"]
        for file in order {
            let path = "\(root)/\(file)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents[file]!.write(toFile: path, atomically: false, encoding: .utf8)
            chmod(path, (file.hasPrefix("bin/") ? 0o755 : 0o644) | (groupWritable ? 0o020 : 0))
            let time = timespec(tv_sec: mtime, tv_nsec: 0)
            #expect(utimensat(AT_FDCWD, path, [time, time], 0) == 0)
        }
        try FileManager.default.createSymbolicLink(atPath: "\(root)/lib/libz.so.a", withDestinationPath: "libz.a")
        return ArchiveReader.Tree(root: root, files: order + ["lib/libz.so.a"])
    }

    @Test func theSameFilesMadeOtherwiseGiveTheSameBytes() throws {
        let scratch = TemporaryDirectory("archive-writer")
        let first = try Self.tree(at: "\(scratch.path)/one", order: ["lib/libz.a", "include/zlib.h", "include/zconf.h", "bin/z-config"],
                                  mtime: 1_700_000_000, groupWritable: false)
        let second = try Self.tree(at: "\(scratch.path)/two", order: ["bin/z-config", "include/zconf.h", "lib/libz.a", "include/zlib.h"],
                                   mtime: 1_000_000_000, groupWritable: true)
        try ArchiveReader.write([first], top: "artifact", to: "\(scratch.path)/one.tar.zst")
        try ArchiveReader.write([second], top: "artifact", to: "\(scratch.path)/two.tar.zst")
        let one = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/one.tar.zst"))
        let two = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/two.tar.zst"))
        #expect(!one.isEmpty && one == two)

        // Another file's contents do change the bytes: the comparison above compares something.
        try "#define ZCONF 2\n".write(toFile: "\(scratch.path)/two/include/zconf.h", atomically: false, encoding: .utf8)
        try ArchiveReader.write([second], top: "artifact", to: "\(scratch.path)/three.tar.zst")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/three.tar.zst")) != one)
    }

    @Test func anArtifactIsUnpackedWithTheInstallsTimesNotItsFixedOne() throws {
        let scratch = TemporaryDirectory("archive-writer")
        let tree = try Self.tree(at: "\(scratch.path)/one", order: ["include/zlib.h", "lib/libz.a"], mtime: 1_700_000_000,
                                 groupWritable: true)
        try ArchiveReader.write([tree], top: "artifact", to: "\(scratch.path)/one.tar.zst")

        try Extractor.extractBlocking("\(scratch.path)/one.tar.zst", into: "\(scratch.path)/kept")
        var info = stat()
        #expect(stat("\(scratch.path)/kept/include/zlib.h", &info) == 0)
        #expect(info.st_mtim.tv_sec == BuildEnvironment.sourceDateEpoch)
        #expect(info.st_mode & 0o777 == 0o644)

        let before = time(nil)
        try Extractor.extractBlocking("\(scratch.path)/one.tar.zst", into: "\(scratch.path)/installed", keepingTimes: false)
        #expect(stat("\(scratch.path)/installed/include/zlib.h", &info) == 0)
        #expect(info.st_mtim.tv_sec >= before - 1)  // a coarse clock may lag by a tick
    }
}
