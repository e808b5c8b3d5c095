import Foundation
import Testing
@testable import MuslrootCore

/// What a failure or a Ctrl-C leaves running: nothing. Every wait is on the event itself: a
/// named pipe a command writes to, a process's exit (through a pidfd).
@Suite("Executor: tearing down", .serialized, .hangGuard)
struct ExecutorTeardownTests {
    @Test("a failing phase stops the others, process groups included, and names its log")
    func failureStopsEverything() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let pidFile = "\(build.dir.path)/grandchild.pid"
        // `bad` fails only once `slow` has started its grandchild: they meet at this pipe.
        let meet = "\(build.dir.path)/meet"
        #expect(mkfifo(meet, 0o600) == 0)
        build.recipe("slow", phases: [("run", [], "sleep 300 & echo $! > \(pidFile); echo go > \(meet); wait")])
        build.recipe("bad", phases: [("run", [], "read line < \(meet); echo something broke here; exit 3")])
        build.recipe("all", depends: ["slow", "bad"], phases: [("run", [], "true")])
        do {
            try await build.executor(requests: ["all"]).run()
            Issue.record("expected a failure")
        } catch let error as BuildError {
            guard case let .stepFailed(phase, _, status, log, tail) = error else { Issue.record("\(error)"); return }
            #expect(phase == "bad:run")
            #expect(status == "exit code 3")
            #expect(log.hasSuffix("logs/bad/run.log"))
            #expect(tail.contains("something broke here"))
        }
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await waitForExit(pid), "the grandchild sleep still runs")
        #expect(!isRunning(pid), "the grandchild sleep must be gone")
    }

    @Test("a build cancelled mid-step (Ctrl-C) stops its commands and resumes at that step")
    func cancelledStepResumes() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record, marker = "\(build.dir.path)/ran-once", pidFile = "\(build.dir.path)/step.pid"
        let started = NamedPipe("\(build.dir.path)/started")
        build.recipe("pkg", phases: [
            ("one", [], "echo one >> \(r)"),
            ("two", [], "if [ -e \(marker) ]; then echo two >> \(r); "
                + "else touch \(marker); sleep 300 & echo $! > \(pidFile); echo started > \(started.path); wait; fi"),
        ])
        let executor = try build.executor(requests: ["pkg"])
        let task = Task { try await executor.run() }
        let line = await started.readLine()
        try #require(line == "started", "phase two never started its child")
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case .interrupted? = error as? BuildError else {
            Issue.record("expected BuildError.interrupted, got \(result)")
            return
        }
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await waitForExit(pid), "the step's child still runs")
        #expect(!isRunning(pid), "the step's child must be gone")
        try await build.executor(requests: ["pkg"]).run()
        #expect(build.lines() == ["one", "two"], "phase one ran once; phase two ran again")
    }
}
