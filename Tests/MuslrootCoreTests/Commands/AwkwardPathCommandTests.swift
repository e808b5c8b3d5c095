import Foundation
@testable import MuslrootCore
import Testing

/// What the commands say about paths configure scripts cannot take, and about Meson.
struct AwkwardPathCommandTests {
    @Test("bootstrap and add refuse a --work-dir with a space, before any work, naming --work-dir", arguments: [
        ["bootstrap", "--toolchain", "host"], ["bootstrap"], ["add", "zlib"],
    ])
    func awkwardWorkDirIsRefused(command: [String]) async throws {
        let dir = TemporaryDirectory("awkward-workdir")
        defer { dir.remove() }
        let work = "\(dir.path)/my work"
        let result = try await CLI.process(command + ["--prefix", "\(dir.path)/cross", "--work-dir", work, "--mirror", "\(dir.path)/none"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("cannot build in \(work)") && result.stderr.contains("--work-dir DIR"), "\(result.stderr)")
        #expect(TemporaryDirectory.listing(dir.path).isEmpty, "nothing made: \(TemporaryDirectory.listing(dir.path))")
    }

    @Test("a prefix under a home with a space, with the cache there too, is refused naming --work-dir")
    func awkwardCacheIsRefused() async throws {
        let dir = TemporaryDirectory("awkward-home")
        defer { dir.remove() }
        let home = "\(dir.path)/John Smith"
        let result = try await CLI.process(["add", "zlib", "--prefix", "\(home)/cross"], environment: ["HOME": home, "XDG_CACHE_HOME": ""])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("--work-dir DIR") && result.stderr.contains("\(home)/.cache/muslroot/work/"), "\(result.stderr)")
        #expect(TemporaryDirectory.listing(dir.path).isEmpty)
    }

    @Test("doctor names the Meson it finds and the cross file to give it",
          .enabled(if: hostProgram("meson") != nil, "meson is not installed"))
    func doctorNamesMeson() async throws {
        let version = try await HostCommand(["meson", "--version"]).run().output.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try await CLI.process(["doctor"])
        #expect(text.stdout.contains("Meson: \(version) ("), "\(text.stdout)")
        let json = try await CLI.process(["doctor", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let meson = try #require(report["meson"] as? [String: Any])
        #expect(meson["version"] as? String == version)
        #expect(meson["cross_file"] as? String == MesonReport(path: "meson", version: version).crossFile)
    }
}
