import Foundation
import Testing
@testable import MuslrootCore

/// What `muslroot fetch` prints: plain lines, JSON lines, live terminal lines.
struct FetchProgressTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    /// A clock the test steps by hand: throttling is checked without waiting.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = 1000.0
        func advance(_ by: Double) { lock.withLock { seconds += by } }
        var now: Double { lock.withLock { seconds } }
    }

    let gcc = source("gcc-14.2.0.tar.xz", url: "https://ftp.gnu.org/gcc.tar.xz", sha256: String(repeating: "a", count: 64), name: "gcc")

    var events: [FetchEvent] {
        [.started(source: gcc, url: "https://m/gcc-14.2.0.tar.xz", offset: 0),
         .progress(source: gcc, bytes: 50 << 20, total: 100 << 20),
         .failed(source: gcc, url: "https://m/gcc-14.2.0.tar.xz", error: .httpStatus(url: "https://m/gcc-14.2.0.tar.xz", status: 404)),
         .done(source: gcc, path: "/c/a/gcc-14.2.0.tar.xz", url: "https://ftp.gnu.org/gcc.tar.xz", bytes: 100 << 20)]
    }

    @Test func plainLines() {
        let lines = Lines()
        let progress = PlainFetchProgress(write: lines.append)
        events.forEach(progress.record)
        #expect(lines.all == [
            "fetching  gcc-14.2.0.tar.xz from https://m/gcc-14.2.0.tar.xz",
            "failed    gcc-14.2.0.tar.xz: https://m/gcc-14.2.0.tar.xz: HTTP 404",
            "verified  gcc-14.2.0.tar.xz (100.0 MiB, sha256 ok)",
        ])
    }

    @Test func jsonLines() throws {
        let lines = Lines()
        let progress = JSONFetchProgress(write: lines.append)
        events.forEach(progress.record)
        let objects = try lines.all.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["event"] as? String } == ["fetch-started", "fetch-progress", "fetch-failed", "fetch-done"])
        #expect(objects[3]["path"] as? String == "/c/a/gcc-14.2.0.tar.xz")
        #expect(objects[3]["sha256"] as? String == gcc.sha256)
        #expect(objects[3]["bytes"] as? Int == 100 << 20)
        #expect(objects[3]["url"] as? String == "https://ftp.gnu.org/gcc.tar.xz")
    }

    @Test func terminalRedrawsInPlace() {
        let output = Lines()
        let clock = Clock()
        let progress = TerminalFetchProgress(width: 100, clock: { clock.now }, write: output.append)
        progress.record(.started(source: gcc, url: "https://m/x", offset: 0))
        clock.advance(0.05)
        progress.record(.progress(source: gcc, bytes: 10 << 20, total: 100 << 20))  // too soon: not drawn
        clock.advance(0.10)
        progress.record(.progress(source: gcc, bytes: 50 << 20, total: 100 << 20))
        progress.record(.done(source: gcc, path: "/c", url: "https://m/x", bytes: 100 << 20))
        let text = output.all
        #expect(text.count == 3)
        #expect(text[1].hasPrefix("\u{1B}[1F\u{1B}[J  gcc-14.2.0.tar.xz"))
        #expect(text[1].contains("50.0 MiB / 100.0 MiB") && text[1].contains("50%") && text[1].contains("ETA"))
        #expect(text[2] == "\u{1B}[1F\u{1B}[Jverified  gcc-14.2.0.tar.xz (100.0 MiB, sha256 ok)\n")
    }

    @Test func jsonProgressAtMostOnceASecond() throws {
        let lines = Lines()
        let clock = Clock()
        let progress = JSONFetchProgress(clock: { clock.now }, write: lines.append)
        for step in [0.0, 0.5, 0.6, 1.0] {  // at 0, 0.5, 1.1, 2.1 seconds
            clock.advance(step)
            progress.record(.progress(source: gcc, bytes: Int64(step * 10), total: 100))
        }
        #expect(lines.all.count == 3)
    }

    @Test func summary() {
        let tally = FetchTally(reporting: nil)
        events.forEach(tally.record)
        tally.record(.cached(source: gcc, path: "/c"))
        let summary = tally.summary(cache: SourceCache(directory: "/c"))
        #expect(summary.text == "2 sources verified in /c: 1 downloaded (100.0 MiB), 1 already there")
        #expect(summary.json.contains("\"event\":\"summary\""))
    }
}
