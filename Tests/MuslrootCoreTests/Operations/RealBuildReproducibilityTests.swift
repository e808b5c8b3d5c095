import Foundation
import Testing
@testable import MuslrootCore

/// Reproducibility, kept: zlib added to two copies of the shared host-flavour toolchain, at two
/// prefix paths, in two work directories, with two stores, gives the same artifact to the byte
/// (docs/cache.md, "Reproducibility"). Two zlib builds: a few seconds each.
@Suite("binary cache: the same library built twice is the same artifact", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildReproducibilityTests {
    /// zlib added to a copy of the toolchain in a scratch directory of its own; its artifact.
    static func zlibArtifact(_ label: String) async throws -> ArtifactDescriptor {
        let scratch = TemporaryDirectory("repro-\(label)")
        let prefix = try await HostPrefix.shared.copyOfToolchain(in: scratch)
        let cache = "\(scratch.path)/cache-\(label)"
        let add = try await CLI.process(["add", "zlib", "--prefix", prefix, "--jobs", "2", "--work-dir", "\(scratch.path)/work-\(label)",
                                         "--mirror", TestPaths.mirror, "--recipes", TestPaths.mirrorOverlay, "--cache-dir", cache])
        try #require(add.status == 0, "\(add.stderr)")
        let stored = ArtifactStore(directory: "\(cache)/artifacts").list()
        return try #require(stored.first { $0.package == "zlib" }, "no zlib artifact in \(cache): \(stored.map(\.package))")
    }

    @Test func zlibBuiltInTwoPlacesIsTheSameArtifact() async throws {
        let first = try await Self.zlibArtifact("first")
        let second = try await Self.zlibArtifact("elsewhere")
        #expect(first.key == second.key)
        #expect(first.digest == second.digest, "zlib's artifact differs between two work directories: docs/cache.md, Reproducibility")
    }
}
