import Foundation
import Testing
@testable import MuslrootCore

/// The binary cache with real builds: the shared host-flavour bootstrap stores its toolchain
/// in the shared cache; an add of zlib to a copy stores zlib; a second prefix elsewhere then
/// gets both from the store without building, through the same smoke test and manifest.
@Suite("binary cache: a second prefix from the local store", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildCacheTests {
    /// The JSON events of a run, parsed.
    static func events(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func named(_ events: [[String: Any]], _ name: String) -> [[String: Any]] {
        events.filter { $0["event"] as? String == name }
    }

    /// What the manifest says of each package, without the time it was made.
    static func packages(_ prefix: String) throws -> [String] {
        let manifest = try #require(Manifest.load(prefix: prefix))
        return manifest.packages.map { "\($0.name) \($0.version) \($0.fingerprint) \($0.files) \($0.depends ?? [])" }.sorted()
    }

    @Test func aSecondPrefixGetsTheToolchainAndZlibFromTheStore() async throws {
        let host = HostPrefix.shared
        let scratch = TemporaryDirectory("cache")
        let first = try await host.copyOfToolchain(in: scratch)
        let sources = host.sourceArguments
        let addFirst = try await CLI.process(["add", "zlib", "--prefix", first, "--jobs", "2", "--json"] + sources)
        try #require(addFirst.status == 0, "\(addFirst.stderr)")

        let second = "\(scratch.path)/elsewhere/cross"
        let bootstrap = try await CLI.process(["bootstrap", "--prefix", second, "--toolchain", "host", "--jobs", "2", "--json"] + sources)
        try #require(bootstrap.status == 0, "\(bootstrap.stderr)")
        let bootstrapEvents = Self.events(bootstrap.stdout)
        #expect(Self.named(bootstrapEvents, "cache-hit").map { $0["package"] as? String } == ["toolchain"])
        #expect(Self.named(bootstrapEvents, "phase-started").isEmpty)
        let checks = try #require(Self.named(bootstrapEvents, "installed").first?["checks"] as? [String])
        #expect(checks.contains { $0.contains("C program") })

        let add = try await CLI.process(["add", "zlib", "--prefix", second, "--jobs", "2", "--json"] + sources)
        try #require(add.status == 0, "\(add.stderr)")
        let addEvents = Self.events(add.stdout)
        #expect(Self.named(addEvents, "cache-hit").map { $0["package"] as? String } == ["zlib"])
        #expect(Self.named(addEvents, "phase-started").isEmpty)

        #expect(try Self.packages(second) == Self.packages(first))
        let schema = try JSONSchema()
        #expect((bootstrapEvents + addEvents + Self.events(addFirst.stdout)).flatMap(schema.problems) == [])
        #expect(Self.named(Self.events(addFirst.stdout), "cache-stored").map { $0["package"] as? String } == ["zlib"]
                    || Self.named(Self.events(addFirst.stdout), "cache-hit").map { $0["package"] as? String } == ["zlib"])
        // Copies, not links into the store.
        var info = stat()
        #expect(stat("\(second)/x86_64-linux-musl/lib/libz.a", &info) == 0 && info.st_nlink == 1)
        // The prefix's compiler links zlib from it.
        let program = try await shell("""
            printf '#include <zlib.h>\\n#include <stdio.h>\\nint main(void){puts(zlibVersion());return 0;}\\n' > z.c && \
            '\(second)/bin/x86_64-linux-musl-gcc' -static z.c -lz -o z && ./z
            """, in: scratch.path)
        #expect(program.status == 0, "\(program.output)")

    }

    /// A team's cache: the toolchain and zlib pushed signed to a registry and exported to a
    /// directory served over HTTP; a prefix elsewhere, with an empty local store and only the
    /// public key, bootstrapped from the registry without building; then two muslroot
    /// processes adding zlib from the HTTP cache at once into two prefixes, through the same
    /// local store: both succeed, the store holds one whole entry and no leftover.
    @Test(.enabled(if: LocalRegistry.available, "Debian's docker-registry is not installed"))
    func aPrefixElsewhereComesFromARegistryAndAWebServer() async throws {
        let host = HostPrefix.shared
        let scratch = TemporaryDirectory("shared-cache")
        let first = try await host.copyOfToolchain(in: scratch)
        let sources = host.sourceArguments
        let add = try await CLI.process(["add", "zlib", "--prefix", first, "--jobs", "2"] + sources)
        try #require(add.status == 0, "\(add.stderr)")
        let keygen = try await CLI.process(["cache", "keygen", "--output", "\(scratch.path)/team-key"])
        try #require(keygen.status == 0, "\(keygen.stderr)")
        let registry = try LocalRegistry(root: "\(scratch.path)/registry")
        let store = ["--cache-dir", "\(host.root.path)/cache"]
        let signing = ["--sign-key", "\(scratch.path)/team-key", "--prefix", first] + store
        let push = try await CLI.process(["cache", "push", registry.reference("team/muslroot")] + signing)
        #expect(push.status == 0 && push.stdout.contains("2 artifacts signed and published"), "\(push.stdout)\(push.stderr)")
        let export = try await CLI.process(["cache", "export", "\(scratch.path)/www"] + signing)
        #expect(export.status == 0, "\(export.stderr)")

        let trust = ["--trust", "\(scratch.path)/team-key.pub", "--cache-only", "--jobs", "2", "--json",
                     "--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay]
        let fresh = ["--cache-dir", "\(scratch.path)/fresh"]
        let second = "\(scratch.path)/elsewhere/cross"
        let bootstrap = try await CLI.process(["bootstrap", "--prefix", second, "--toolchain", "host", "--cache", registry.reference("team/muslroot")] + trust + fresh)
        try #require(bootstrap.status == 0, "\(bootstrap.stderr)")
        let hits = Self.named(Self.events(bootstrap.stdout), "cache-hit")
        #expect(hits.map { $0["origin"] as? String } == [registry.reference("team/muslroot")])

        let third = "\(scratch.path)/third/cross"
        try FileManager.default.createDirectory(atPath: "\(scratch.path)/third", withIntermediateDirectories: true)
        let copied = try await shell("cp -a '\(second)' '\(third)'", in: scratch.path)
        try #require(copied.status == 0, "\(copied.output)")
        let server = try FaultServer(root: "\(scratch.path)/www")
        defer { server.stop() }
        let web = server.url("ok")
        async let one = CLI.process(["add", "zlib", "--prefix", second, "--cache", web] + trust + fresh)
        async let two = CLI.process(["add", "zlib", "--prefix", third, "--cache", web] + trust + fresh)
        let (a, b) = try await (one, two)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.packages(second) == Self.packages(first))
        #expect(try Self.packages(third) == Self.packages(first))
        let local = ArtifactStore(directory: "\(scratch.path)/fresh/artifacts")
        #expect(Set(local.list().map(\.package)) == ["toolchain", "zlib"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(local.directory)/.incoming")) ?? []).isEmpty)
    }
}
