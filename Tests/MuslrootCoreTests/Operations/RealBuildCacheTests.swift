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
}
