import Foundation
import Testing
@testable import MuslrootCore

@Suite("Prefix lock")
struct PrefixLockTests {
    @Test("a second holder is refused with the first one named; the lock is free once the first lets go")
    func exclusive() throws {
        let dir = TemporaryDirectory("lock")
        defer { dir.remove() }
        var first: PrefixLock? = try PrefixLock(prefix: "\(dir.path)/cross", commandLine: ["muslroot", "test"])
        do {
            _ = try PrefixLock(prefix: "\(dir.path)/cross", commandLine: ["muslroot", "test"])
            Issue.record("second lock must fail")
        } catch let error as PrefixError {
            guard case let .locked(_, holder) = error else { Issue.record("\(error)"); return }
            #expect(holder.contains("pid \(getpid())"))
        }
        let path = try #require(first?.path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("pid \(getpid())"), "the lock file names its holder")
        first = nil
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty, "a released lock names nobody")
        _ = try PrefixLock(prefix: "\(dir.path)/cross", commandLine: ["muslroot", "test"])
    }
}
