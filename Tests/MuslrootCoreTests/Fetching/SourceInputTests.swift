import Foundation
import Testing
@testable import MuslrootCore

/// Inputs that once hung muslroot or filled the disk, run as a user runs them: the built
/// `muslroot extract` and `muslroot fetch`, each given a generous time limit that only a
/// hang reaches.
struct SourceInputTests {
    let scratch = TemporaryDirectory()
    let file = "tiny-1.0.tar.gz"

    /// A recipe for `file` whose own URL has nothing listening, and an empty mirror directory.
    func recipeAndMirror() throws -> String {
        try makeArchive("\(scratch.path)/\(file)", [["name": "tiny-1.0/README", "data": "tiny\n"]])
        scratch.write("recipes/tiny.toml", """
            name = "tiny"
            version = "1.0"
            summary = "a test package"
            homepage = "https://example.invalid/"
            license = "MIT"

            [[source]]
            url = "http://127.0.0.1:9/\(file)"
            sha256 = "\(sha256("\(scratch.path)/\(file)"))"

            [[phase]]
            name = "build"
            run = [["true"]]
            """)
        return scratch.sub("mirror")
    }

    @Test func extractingAFIFOFailsAtOnce() throws {
        #expect(mkfifo("\(scratch.path)/f.tar.gz", 0o644) == 0)
        let run = try runCommandLine(#"exec "$MUSLROOT" extract f.tar.gz out"#, in: scratch.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("f.tar.gz is a FIFO (named pipe), not a regular file"))
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/out"))
    }

    @Test func aFIFOInAMirrorIsNotRead() throws {
        let mirror = try recipeAndMirror()
        #expect(mkfifo("\(mirror)/\(file)", 0o644) == 0)
        let run = try runCommandLine(#"exec "$MUSLROOT" fetch tiny --recipes recipes --mirror mirror --cache-dir cache"#, in: scratch.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("\(mirror)/\(file) is a FIFO (named pipe), not a regular file"))
    }

    /// Before, the copy ran until the disk was full; `ulimit -f` (about 10 MB) keeps a
    /// regression from doing that here.
    @Test func aMirrorLinkToDevZeroIsNotRead() throws {
        let mirror = try recipeAndMirror()
        #expect(symlink("/dev/zero", "\(mirror)/\(file)") == 0)
        let run = try runCommandLine(
            #"ulimit -f 20000; exec "$MUSLROOT" fetch tiny --recipes recipes --mirror mirror --cache-dir cache"#, in: scratch.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("\(mirror)/\(file) is a character device, not a regular file"), "\(run.output)")
        #expect(TemporaryDirectory.listing("\(scratch.path)/cache.partial").allSatisfy { $0.hasSuffix(".lock") })
    }

    static let canMountTmpfs = (try? runCommandLine("unshare --user --map-root-user --mount true", in: "/tmp", limit: 60))?.status == 0

    /// A full file system is named, so that the user knows where to make room.
    @Test(.enabled(if: canMountTmpfs, "needs unshare --user --mount to mount a small tmpfs"))
    func aFullFileSystemIsNamed() throws {
        try makeArchive("\(scratch.path)/big.tar.gz", [["name": "pkg/big", "data": String(repeating: "x", count: 200_000)]])
        let small = scratch.sub("small")
        let run = try runCommandLine(
            #"exec unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o size=64k tmpfs small && exec "$MUSLROOT" extract big.tar.gz small/out'"#,
            in: scratch.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("cannot write pkg/big: no space left on the file system holding \(small)"), "\(run.output)")
    }
}
