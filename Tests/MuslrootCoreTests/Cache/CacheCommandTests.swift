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

    @Test func keygenThenExportSigned() async throws {
        let scratch = TemporaryDirectory()
        let store = ArtifactStore(directory: "\(scratch.path)/cache/artifacts")
        _ = try store.store([try ArtifactStoreTests.package(in: scratch)], key: ArtifactStoreTests.key, package: "tiny",
                            version: "1.0", target: "x86_64-linux-musl")
        let keygen = await CLI.run(["cache", "keygen", "--output", "\(scratch.path)/team"])
        #expect(keygen.status == 0 && keygen.stdout.contains("muslroot-ed25519:"), "\(keygen.stderr)")
        let again = await CLI.run(["cache", "keygen", "--output", "\(scratch.path)/team"])
        #expect(again.status == 1 && again.stderr.contains("exists already"), "\(again.stderr)")

        let cacheDir = ["--cache-dir", "\(scratch.path)/cache"]
        let unsigned = await CLI.run(["cache", "export", "\(scratch.path)/www"] + cacheDir)
        #expect(unsigned.status == 2 && unsigned.stderr.contains("--sign-key"), "\(unsigned.stderr)")
        let withPublic = await CLI.run(["cache", "export", "\(scratch.path)/www", "--sign-key", "\(scratch.path)/team.pub"] + cacheDir)
        #expect(withPublic.status == 1 && withPublic.stderr.contains("it is a public key"), "\(withPublic.stderr)")
        let export = await CLI.run(["cache", "export", "\(scratch.path)/www", "--sign-key", "\(scratch.path)/team", "--json"] + cacheDir)
        #expect(export.status == 0, "\(export.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["key"] as? String } == [ArtifactStoreTests.key])
        for file in ["descriptor.json", "descriptor.json.sig", "artifact.tar.zst"] {
            #expect(FileManager.default.fileExists(atPath: "\(scratch.path)/www/\(ArtifactStoreTests.key)/\(file)"))
        }
        let push = await CLI.run(["cache", "push", "\(scratch.path)/www", "--sign-key", "\(scratch.path)/team"] + cacheDir)
        #expect(push.status == 2 && push.stderr.contains("cache export"), "\(push.stderr)")
        let badCache = await CLI.run(["add", "zlib", "--prefix", "\(scratch.path)/p", "--cache", "s3://bucket/x"])
        #expect(badCache.status == 2 && badCache.stderr.contains("s3://"), "\(badCache.stderr)")
    }
}
