import Foundation
import Testing
@testable import MuslrootCore

/// Failures that must say their real cause, and local mirror files read no further than
/// their size.
extension FetcherTests {
    /// A stall (error 28), then a resume the server does not honour (error 33): both are
    /// reported, not only the last, which would hide the cause.
    @Test func everyTryIsReported() async throws {
        let server = try FaultServer(root: served)
        let twice = Fetcher(cache: cache, downloader: Downloader(configuration: .init(
            connectTimeout: 2, lowSpeedLimit: 1000, lowSpeedTime: 1, attempts: 2, retryDelay: 0)))
        let url = server.url("stall/\(file)")
        let error = await #expect(throws: FetchError.self) { try await twice.fetch(source(file, url: url, sha256: sha)) }
        guard case .unavailable(_, _, _, let attempts)? = error, case let .tries(_, errors)? = attempts.first?.failure else {
            Issue.record("expected every try's error, got \(String(describing: error))")
            return
        }
        #expect(errors.map { if case let .transfer(_, code, _) = $0 { code } else { 0 } } == [28, 33])
        let message = error!.description
        #expect(message.contains("try 1: ") && message.contains("(curl error 28)"))
        #expect(message.contains("try 2: ") && message.contains("(curl error 33)"))
    }

    /// /proc files are regular files that fstat says are empty, yet they read as text: the copy
    /// stops at the size fstat gave, as it would for a mirror file that keeps growing.
    @Test func aMirrorFileIsCopiedNoFurtherThanItsSize() async throws {
        var info = stat()
        guard stat("/proc/cpuinfo", &info) == 0, info.st_size == 0 else { return }  // no /proc: nothing to show
        let mirror = scratch.sub("growing")
        #expect(symlink("/proc/cpuinfo", "\(mirror)/\(file)") == 0)
        let error = await #expect(throws: FetchError.self) {
            try await fetch("http://127.0.0.1:9/\(file)", mirrors: [try Mirror(parsing: mirror, relativeTo: "/")])
        }
        guard case .unavailable(_, _, _, let attempts)? = error, case let .hashMismatch(_, _, _, keptAt)? = attempts.first?.failure else {
            Issue.record("expected a hash mismatch, got \(String(describing: error))")
            return
        }
        #expect(try FileManager.default.attributesOfItem(atPath: keptAt)[.size] as? Int == 0)
    }

    @Test func aCacheUnderAFileSaysWhichFileIsInTheWay() throws {
        let file = scratch.write("plain", "a file\n")
        let error = #expect(throws: FetchError.self) { try SourceCache(directory: "\(file)/cache").prepareDirectories() }
        let message = error?.description ?? ""
        #expect(message.contains("\(file) is a file, not a directory"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain"))
    }
}
