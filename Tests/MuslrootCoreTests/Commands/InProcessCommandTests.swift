import Foundation
import Testing
@testable import MuslrootCore

/// Commands run in this process through `CommandContext`: what they print, their exit codes.
@Suite("Commands in-process")
struct InProcessCommandTests {
    /// A stand-in prefix: a manifest with a toolchain and a library, and an executable gcc.
    func prefix(in dir: TemporaryDirectory) throws -> String {
        let prefix = "\(dir.path)/cross"
        chmod(dir.write("cross/bin/x86_64-linux-musl-gcc", "#!/bin/sh\n"), 0o755)
        try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            Manifest.Package(name: "musl", version: "1.2.5", fingerprint: "f1", sources: [], patches: [], files: ["bin/x86_64-linux-musl-gcc"],
                             kind: "toolchain", depends: nil),
            Manifest.Package(name: "zlib", version: "1.3.1", fingerprint: "f2", sources: [], patches: [],
                             files: ["x86_64-linux-musl/lib/libz.a"], kind: "library", depends: []),
        ], toolchain: .host).save(prefix: prefix)
        return prefix
    }

    @Test("list --installed --prefix: what the prefix holds, as text and JSON")
    func listInstalled() async throws {
        let dir = TemporaryDirectory("inproc-list")
        defer { dir.remove() }
        let prefix = try prefix(in: dir)
        let text = await CLI.run(["list", "--installed", "--prefix", prefix])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\(prefix) (toolchain: host)"))
        #expect(text.stdout.contains("zlib") && text.stdout.contains("1.3.1") && text.stdout.contains("library"))
        let json = await CLI.run(["list", "--installed", "--prefix", prefix, "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["name"] as? String } == ["musl", "zlib"], "toolchain first, then libraries")
        #expect(items.last?["kind"] as? String == "library")
        let none = await CLI.run(["list", "--installed", "--prefix", "\(dir.path)/nothing"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("muslroot bootstrap --prefix \(dir.path)/nothing"))
        let usage = await CLI.run(["list", "--installed"])
        #expect(usage.status == 2, "--installed without --prefix is bad usage")
    }

    @Test("bootstrap --json: the documented event stream, one JSON object per line")
    func bootstrapEvents() async throws {
        let dir = TemporaryDirectory("inproc-events")
        defer { dir.remove() }
        // One toolchain recipe whose "compilers" are the host's (the smoke test only needs
        // static programs that run), from a tarball in a directory mirror.
        #expect(try await shell("mkdir -p src/cc-1.0 mirror && echo x > src/cc-1.0/README && tar czf mirror/cc-1.0.tar.gz -C src cc-1.0",
                                in: dir.path).status == 0)
        let sha = sha256("\(dir.path)/mirror/cc-1.0.tar.gz")
        dir.write("data/recipes/cc.toml", """
            name = "cc"
            version = "1.0"
            summary = "the host's compilers, as a stand-in toolchain"
            homepage = "https://example.invalid/"
            license = "MIT"
            kind = "toolchain"

            [[source]]
            url = "https://example.invalid/cc-1.0.tar.gz"
            sha256 = "\(sha)"

            [[phase]]
            name = "install"
            run = [
                ["mkdir", "-p", "${destdir}/bin"],
                ["ln", "-s", "/usr/bin/gcc", "${destdir}/bin/x86_64-linux-musl-gcc"],
                ["ln", "-s", "/usr/bin/g++", "${destdir}/bin/x86_64-linux-musl-g++"],
            ]
            """)
        let result = await CLI.run(["bootstrap", "--prefix", "\(dir.path)/cross", "--json", "--mirror", "\(dir.path)/mirror",
                                         "--cache-dir", "\(dir.path)/cache"],
                                        environment: ["MUSLROOT_DATA_DIR": "\(dir.path)/data"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        // fetch-progress comes as the transfer goes (not always): left out of the order checked.
        let names = events.compactMap { $0["event"] as? String }.filter { $0 != "fetch-progress" }
        #expect(Array(names.prefix(3)) == ["fetch-started", "fetch-done", "planned"], "the download, then the build")
        #expect(names.suffix(2) == ["installed", "resources"])
        for name in ["source-started", "source-finished", "phase-started", "phase-finished", "message"] {
            #expect(names.contains(name), "\(name) in \(names)")
        }
        let planned = try #require(events.first { $0["event"] as? String == "planned" })
        #expect(planned["total"] as? Int == 1 && planned["done"] as? Int == 0)
        let started = try #require(events.first { $0["event"] as? String == "phase-started" })
        #expect(started["phase"] as? String == "cc:install")
        #expect((started["log"] as? String)?.hasSuffix("/logs/cc/install.log") == true)
        for event in events where !["installed", "resources"].contains(event["event"] as? String) {
            #expect(event["elapsed"] is Double && event["self_cpu_seconds"] is Double, "\(event)")
        }
        let installed = try #require(events.first { $0["event"] as? String == "installed" })
        #expect(installed["prefix"] as? String == "\(dir.path)/cross")
        #expect((installed["checks"] as? [String])?.count == 3)
        let again = await CLI.run(["bootstrap", "--prefix", "\(dir.path)/cross", "--json", "--mirror", "\(dir.path)/mirror",
                                        "--cache-dir", "\(dir.path)/cache"], environment: ["MUSLROOT_DATA_DIR": "\(dir.path)/data"])
        #expect(again.stdout.contains(#""event":"up-to-date""#), "\(again.stdout)")
    }
}
