import Foundation
import Testing
@testable import MuslrootCore

struct MirrorTests {
    @Test func urlsAndDirectories() throws {
        let scratch = TemporaryDirectory()
        let mirrors = try Mirror.list(arguments: ["https://example.org/src/", scratch.path],
                                      environment: [Mirror.environmentVariable: "ftp://a.example/x, file:///srv/m\thttps://example.org/src/"],
                                      workingDirectory: "/")
        #expect(mirrors == [.url("https://example.org/src/"), .directory(scratch.path), .url("ftp://a.example/x"), .url("file:///srv/m")])
    }

    @Test func missingDirectoryIsRefused() {
        #expect(throws: FetchError.badMirror("/no/such/dir")) { try Mirror(parsing: "/no/such/dir", relativeTo: "/") }
    }

    @Test("a relative directory is taken from the working directory given, not the process's")
    func relativeDirectory() throws {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        _ = scratch.sub("mirror")
        #expect(try Mirror(parsing: "mirror", relativeTo: scratch.path) == .directory("\(scratch.path)/mirror"))
        #expect(try Mirror(parsing: "./mirror/", relativeTo: scratch.path) == .directory("\(scratch.path)/mirror"))
        #expect(throws: FetchError.badMirror("mirror")) { try Mirror(parsing: "mirror", relativeTo: "/") }
    }

    @Test func fileNamesAreEscaped() {
        let gmp = source("gmp-6.3.0+dfsg.tar.xz", url: "https://x/gmp.tar.xz", sha256: String(repeating: "0", count: 64))
        #expect(Mirror.url("https://m.example/src").url(for: gmp) == "https://m.example/src/gmp-6.3.0%2Bdfsg.tar.xz")
        #expect(Mirror.directory("/srv/my mirror").url(for: gmp) == "file:///srv/my%20mirror/gmp-6.3.0%2Bdfsg.tar.xz")
    }

    @Test func aCacheDirectoryServesAsAMirror() throws {
        let scratch = TemporaryDirectory()
        let sha = String(repeating: "1", count: 64)
        scratch.write("\(sha)/a.tar.gz", "x")
        #expect(Mirror.directory(scratch.path).url(for: source("a.tar.gz", url: "", sha256: sha))
                == "file://\(scratch.path)/\(sha)/a.tar.gz")
    }

    @Test func defaultCacheDirectory() {
        #expect(SourceCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/muslroot/sources")
        #expect(SourceCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/muslroot/sources")
    }
}
