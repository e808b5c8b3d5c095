import Foundation
import Testing
@testable import MuslrootCore

/// `muslroot cache list` and `cache gc` on a store of tiny fixture artifacts.
struct CacheCommandTests {
    @Test func listsThenCollects() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/cache/artifacts")
        let package = try ArtifactStoreTests.package(in: scratch)
        let key = ArtifactStoreTests.key
        _ = try store.store([package], key: key, package: "tiny", version: "1.0", target: "x86_64-linux-musl")

        let list = await CLI.run(["cache", "list", "--cache-dir", "\(scratch.path)/cache", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["key"] as? String } == [key])
        #expect(entries.first?["package"] as? String == "tiny" && entries.first?["origin"] as? String == "built here")
        #expect(entries.first?["size"] as? Int == Int(store.lookup(key)?.size ?? -1))

        let usage = await CLI.run(["cache", "gc", "--cache-dir", "\(scratch.path)/cache"])
        #expect(usage.status == 2 && usage.stderr.contains("--keep-last N or --max-size SIZE"), "\(usage.stderr)")
        let gc = await CLI.run(["cache", "gc", "--cache-dir", "\(scratch.path)/cache", "--max-size", "0"])
        #expect(gc.status == 0 && gc.stdout.contains("1 artifact removed"), "\(gc.stdout)\(gc.stderr)")
        let empty = await CLI.run(["cache", "list", "--cache-dir", "\(scratch.path)/cache"])
        #expect(empty.stdout.contains("holds no artifact"))
    }
}
