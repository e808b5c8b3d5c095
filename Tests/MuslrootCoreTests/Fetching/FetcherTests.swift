import Foundation
import Testing
@testable import MuslrootCore

/// Downloads against a server the test starts on 127.0.0.1, with faults injected.
@Suite struct FetcherTests {
    let scratch = TemporaryDirectory()
    let served: String
    let file = "pkg-1.0.tar.gz"
    let sha: String
    let cache: SourceCache
    /// Short timeouts and retry delays, so that the suite stays fast.
    static let quick = Downloader(configuration: .init(connectTimeout: 2, lowSpeedLimit: 1000, lowSpeedTime: 1,
                                                       attempts: 3, retryDelay: 0.05))

    init() throws {
        served = scratch.sub("served")
        var bytes = [UInt8](repeating: 0, count: 300_000)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(served)/\(file)"))
        sha = sha256("\(served)/\(file)")
        cache = SourceCache(directory: scratch.sub("cache/sources"))
    }

    func fetcher(mirrors: [Mirror] = [], progress: (any FetchProgress)? = nil) -> Fetcher {
        Fetcher(cache: cache, mirrors: mirrors, downloader: Self.quick, progress: progress)
    }

    func fetch(_ url: String, sha256: String? = nil, mirrors: [Mirror] = []) async throws(FetchError) -> String {
        try await fetcher(mirrors: mirrors).fetch(source(file, url: url, sha256: sha256 ?? sha))
    }

    func expectVerified(_ path: String) {
        #expect(path == "\(cache.directory)/\(sha)/\(file)")
        #expect(sha256(path) == sha)
    }

    @Test func success() async throws {
        let server = try FaultServer(root: served)
        let log = EventLog()
        let path = try await fetcher(progress: log).fetch(source(file, url: server.url("ok/\(file)"), sha256: sha))
        expectVerified(path)
        #expect(log.events.contains { if case .done(_, _, _, 300_000) = $0 { true } else { false } })
        #expect(TemporaryDirectory.listing(cache.partialDirectory).allSatisfy { $0.hasSuffix(".lock") })
    }

    @Test func notFoundIsNotRetried() async throws {
        let server = try FaultServer(root: served)
        let error = await #expect(throws: FetchError.self) { try await fetch(server.url("404/\(file)")) }
        guard case .unavailable(_, _, _, let attempts)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(attempts.map(\.failure) == [.httpStatus(url: server.url("404/\(file)"), status: 404)])
        #expect(server.requests.count == 1)
        #expect(TemporaryDirectory.listing(cache.directory).isEmpty)
    }

    @Test func serverErrorIsRetried() async throws {
        let server = try FaultServer(root: served)
        expectVerified(try await fetch(server.url("flaky-500/a/\(file)")))
        #expect(server.requests.count == 2)
    }

    @Test func cutConnectionResumes() async throws {
        let server = try FaultServer(root: served)
        expectVerified(try await fetch(server.url("cut/a/\(file)")))
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.last == "GET /cut/a/\(file) bytes=150000-")
    }

    @Test func partialFromAnEarlierRunResumes() async throws {
        let server = try FaultServer(root: served)
        try cache.prepareDirectories()
        let whole = try Data(contentsOf: URL(fileURLWithPath: "\(served)/\(file)"))
        try whole.prefix(100_000).write(to: URL(fileURLWithPath: cache.partialPath(for: source(file, url: "", sha256: sha))))
        expectVerified(try await fetch(server.url("ok/\(file)")))
        #expect(server.requests == ["GET /ok/\(file) bytes=100000-"])
    }

    @Test func serverWithoutRangesStartsOver() async throws {
        let server = try FaultServer(root: served)
        try cache.prepareDirectories()
        try Data("junk".utf8).write(to: URL(fileURLWithPath: cache.partialPath(for: source(file, url: "", sha256: sha))))
        expectVerified(try await fetch(server.url("norange/\(file)")))
    }

    @Test func completePartialIsAdmittedWithoutNetwork() async throws {
        try cache.prepareDirectories()
        try FileManager.default.copyItem(atPath: "\(served)/\(file)", toPath: cache.partialPath(for: source(file, url: "", sha256: sha)))
        expectVerified(try await fetch("http://127.0.0.1:9/nothing-listens-here"))
    }

    @Test func stalledServerTimesOut() async throws {
        let server = try FaultServer(root: served)
        let once = Fetcher(cache: cache, downloader: Downloader(configuration: .init(
            connectTimeout: 2, lowSpeedLimit: 1000, lowSpeedTime: 1, attempts: 1)))
        let error = await #expect(throws: FetchError.self) {
            try await once.fetch(source(file, url: server.url("stall/\(file)"), sha256: sha))
        }
        // curl's error 28: the low-speed timer cut the transfer (the server stalls for 30 s).
        guard case .unavailable(_, _, _, let attempts)? = error, case .transfer(_, 28, _)? = attempts.first?.failure else {
            Issue.record("expected a timeout (curl error 28), got \(String(describing: error))")
            return
        }
    }

    @Test func wrongHashIsKeptAsideNotCached() async throws {
        let server = try FaultServer(root: served)
        let expected = String(repeating: "ab", count: 32)
        let error = await #expect(throws: FetchError.self) { try await fetch(server.url("ok/\(file)"), sha256: expected) }
        guard case .unavailable(_, _, _, let attempts)? = error,
              case let .hashMismatch(url, wanted, actual, keptAt)? = attempts.first?.failure else {
            Issue.record("expected a hash mismatch, got \(String(describing: error))")
            return
        }
        #expect(url == server.url("ok/\(file)"))
        #expect((wanted, actual) == (expected, sha))
        #expect(keptAt.hasPrefix(cache.rejectedDirectory + "/"))
        #expect(sha256(keptAt) == sha)
        #expect(TemporaryDirectory.listing(cache.directory).isEmpty)
        let message = error!.description
        #expect(message.contains(expected) && message.contains(sha))
    }

    @Test func redirectIsFollowed() async throws {
        let server = try FaultServer(root: served)
        expectVerified(try await fetch(server.url("redirect/\(file)")))
        #expect(server.requests == ["GET /redirect/\(file) -", "GET /ok/\(file) -"])
    }

    @Test func deadURLFallsBackToTheNextOne() async throws {
        let server = try FaultServer(root: served)
        let log = EventLog()
        var pinned = source(file, url: "http://127.0.0.1:9/\(file)", sha256: sha)
        pinned.mirrors = [server.url("ok/\(file)")]
        expectVerified(try await fetcher(progress: log).fetch(pinned))
        #expect(log.events.contains { if case .failed(_, "http://127.0.0.1:9/\(file)", _) = $0 { true } else { false } })
    }

    @Test func userMirrorsComeFirst() async throws {
        let server = try FaultServer(root: served)
        let path = try await fetch(server.url("404/\(file)"), mirrors: [.url(server.url("ok"))])
        expectVerified(path)
        #expect(server.requests == ["GET /ok/\(file) -"])
    }

    @Test func directoryMirror() async throws {
        let path = try await fetch("http://127.0.0.1:9/\(file)", mirrors: [try Mirror(parsing: served, relativeTo: "/")])
        expectVerified(path)
    }

    @Test func cacheHitWhileServerIsDown() async throws {
        let server = try FaultServer(root: served)
        _ = try await fetch(server.url("ok/\(file)"))
        server.stop()
        let log = EventLog()
        let path = try await fetcher(progress: log).fetch(source(file, url: server.url("ok/\(file)"), sha256: sha))
        expectVerified(path)
        #expect(log.events.count == 1)
        guard case .cached? = log.events.first else { Issue.record("expected a cache hit"); return }
    }

    @Test func severalAtOnce() async throws {
        let server = try FaultServer(root: served)
        var sources: [Source] = []
        for index in 0..<6 {
            let name = "copy\(index).tar.gz"
            try FileManager.default.copyItem(atPath: "\(served)/\(file)", toPath: "\(served)/\(name)")
            sources.append(source(name, url: server.url("ok/\(name)"), sha256: sha))
        }
        let paths = try await Fetcher(cache: cache, downloader: Self.quick, maxConcurrent: 3).fetch(sources)
        #expect(paths.count == 6)
        #expect(paths.values.allSatisfy { sha256($0) == sha })
    }
}
