import Foundation
import Testing
@testable import MuslrootCore

/// Sources for fake recipes: an empty directory.
struct EmptySources: SourcePreparing {
    func prepare(_ recipe: Recipe, at directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
}

/// A workspace of tiny recipes whose commands are shell snippets.
struct FakeBuild {
    let dir = TemporaryDirectory("exec")
    var recipes: [String: String] = [:]

    var record: String { "\(dir.path)/record.txt" }

    mutating func recipe(_ name: String, depends: [String] = [], phases: [(name: String, after: [String], script: String)]) {
        let text = phases.map { phase in
            let after = phase.after.map { "\"\($0)\"" }.joined(separator: ", ")
            let script = phase.script.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "[[phase]]\nname = \"\(phase.name)\"\nafter = [\(after)]\nrun = [[\"/bin/sh\", \"-c\", \"\(script)\"]]\n"
        }.joined(separator: "\n")
        recipes[name] = recipeText(name, depends: depends, phases: text)
    }

    func executor(jobs: Int = 2, requests: [String]) throws -> Executor {
        for (name, text) in recipes { dir.write("recipes/\(name).toml", text) }
        let book = try RecipeBook.load(directories: ["\(dir.path)/recipes"])
        let plan = try Resolver(book: book).plan(for: requests)
        let workspace = Workspace(root: "\(dir.path)/work")
        let configuration = BuildConfiguration(workspace: workspace, target: .x86_64Musl, jobs: jobs, prefix: "\(dir.path)/prefix",
                                               sysroot: workspace.sysroot, environment: ProcessInfo.processInfo.environment)
        return Executor(plan: plan, configuration: configuration, sources: EmptySources(), observer: nil)
    }

    /// The most jobs running at once, from the "start" and "end" lines they recorded.
    func peakConcurrency() -> Int {
        var running = 0, peak = 0
        for line in lines() {
            running += line == "start" ? 1 : -1
            peak = max(peak, running)
        }
        return peak
    }

    func lines() -> [String] {
        ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

@Suite("Executor", .serialized)
struct ExecutorTests {
    @Test("phases that depend across recipes run in order")
    func crossRecipeOrder() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        build.recipe("cc", phases: [("compiler", [], "echo cc:compiler >> \(r)"), ("rest", ["libc:install"], "echo cc:rest >> \(r)")])
        build.recipe("libc", phases: [("configure", ["cc:compiler"], "echo libc:configure >> \(r)"), ("install", [], "echo libc:install >> \(r)")])
        try await build.executor(requests: ["cc"]).run()
        #expect(build.lines() == ["cc:compiler", "libc:configure", "libc:install", "cc:rest"])
    }

    @Test("a failing phase stops the others, process groups included, and names its log")
    func failureStopsEverything() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let pidFile = "\(build.dir.path)/grandchild.pid"
        build.recipe("slow", phases: [("run", [], "sleep 300 & echo $! > \(pidFile); wait")])
        build.recipe("bad", phases: [("run", [], "sleep 1; echo something broke here; exit 3")])
        build.recipe("all", depends: ["slow", "bad"], phases: [("run", [], "true")])
        let start = ContinuousClock.now
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
        #expect(ContinuousClock.now - start < .seconds(20))
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!isRunning(pid), "the grandchild sleep must be gone")
    }

    @Test("a run after a failure resumes from the last completed phase")
    func resume() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record, marker = "\(build.dir.path)/fixed"
        build.recipe("pkg", phases: [("one", [], "echo one >> \(r)"), ("two", [], "test -e \(marker) && echo two >> \(r)")])
        await #expect(throws: BuildError.self) { try await build.executor(requests: ["pkg"]).run() }
        #expect(build.lines() == ["one"])
        _ = FileManager.default.createFile(atPath: marker, contents: nil)
        try await build.executor(requests: ["pkg"]).run()
        #expect(build.lines() == ["one", "two"])
        try await build.executor(requests: ["pkg"]).run()
        #expect(build.lines() == ["one", "two"], "a complete build runs nothing")
    }

    @Test("a build cancelled mid-step (Ctrl-C) stops its commands and resumes at that step")
    func cancelledStepResumes() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record, started = "\(build.dir.path)/started", pidFile = "\(build.dir.path)/step.pid"
        build.recipe("pkg", phases: [
            ("one", [], "echo one >> \(r)"),
            ("two", [], "if [ -e \(started) ]; then echo two >> \(r); else touch \(started); sleep 300 & echo $! > \(pidFile); wait; fi"),
        ])
        let executor = try build.executor(requests: ["pkg"])
        let task = Task { try await executor.run() }
        while !FileManager.default.fileExists(atPath: pidFile) { try await Task.sleep(for: .milliseconds(50)) }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case .interrupted? = error as? BuildError else {
            Issue.record("expected BuildError.interrupted, got \(result)")
            return
        }
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!isRunning(pid), "the step's child must be gone")
        try await build.executor(requests: ["pkg"]).run()
        #expect(build.lines() == ["one", "two"], "phase one ran once; phase two ran again")
    }

    @Test("a changed recipe runs again, with what follows it")
    func changedRecipeRebuilds() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        build.recipe("base", phases: [("build", [], "echo base >> \(r)")])
        build.recipe("top", depends: ["base"], phases: [("build", [], "echo top >> \(r)")])
        try await build.executor(requests: ["top"]).run()
        build.recipe("base", phases: [("build", [], "echo base2 >> \(r)")])
        try await build.executor(requests: ["top"]).run()
        #expect(build.lines() == ["base", "top", "base2", "top"])
    }

    @Test("changing one phase re-runs that phase and what follows, not the phases before it")
    func changedPhaseOnly() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        build.recipe("pkg", phases: [("one", [], "echo one >> \(r)"), ("two", [], "echo two >> \(r)"), ("three", [], "echo three >> \(r)")])
        try await build.executor(requests: ["pkg"]).run()
        build.recipe("pkg", phases: [("one", [], "echo one >> \(r)"), ("two", [], "echo two-fixed >> \(r)"), ("three", [], "echo three >> \(r)")])
        try await build.executor(requests: ["pkg"]).run()
        #expect(build.lines() == ["one", "two", "three", "two-fixed", "three"])
    }

    @Test("a phase that was cut off runs again without the files it left half-written")
    func partialOutputsRemoved() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let once = "\(build.dir.path)/once"
        let old = "\(build.dir.path)/work/build/pkg/old-empty.o"
        // The first time, phase two leaves an empty object file, a program with no ELF header
        // yet and a good text file, then fails; the second time it checks what is left.
        let script = "if [ -e \(once) ]; then test ! -e ${build}/half.o && test ! -e ${build}/cc1 && test -e ${build}/notes.txt && test -e \(old); "
            + "else touch \(once); : > ${build}/half.o; head -c 4096 /dev/zero > ${build}/cc1; echo kept > ${build}/notes.txt; exit 1; fi"
        build.recipe("pkg", phases: [("one", [], "touch -d 2001-01-01 \(old)"), ("two", [], script)])
        await #expect(throws: BuildError.self) { try await build.executor(requests: ["pkg"]).run() }
        try await build.executor(requests: ["pkg"]).run()
    }

    @Test("--jobs bounds everything running at once, make's jobs included")
    func jobsBound() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        build.dir.write("Makefile", "all: a b c\na b c:\n\t@echo start >> \(r); sleep 0.4; echo end >> \(r)\n")
        for name in ["p", "q", "s"] {
            build.recipe(name, phases: [("make", [], "make -f \(build.dir.path)/Makefile")])
        }
        build.recipe("all", depends: ["p", "q", "s"], phases: [("run", [], "true")])
        try await build.executor(jobs: 2, requests: ["all"]).run()
        let peak = build.peakConcurrency()
        #expect(build.lines().count == 18)
        #expect(peak == 2, "nine make jobs under --jobs 2 must run two at a time, ran \(peak)")
    }

    @Test("a make running alone gets every slot, through its recursive makes too")
    func loneMakeUsesAllSlots() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        let inner = "\(build.dir.path)/Inner.mk"
        build.dir.write("Inner.mk", "all: a b c d\na b c d:\n\t@echo start >> \(r); sleep 0.4; echo end >> \(r)\n")
        build.dir.write("Makefile", "all:\n\t+$(MAKE) -f \(inner)\n")
        build.recipe("solo", phases: [("make", [], "make -f \(build.dir.path)/Makefile")])
        try await build.executor(jobs: 3, requests: ["solo"]).run()
        let peak = build.peakConcurrency()
        #expect(build.lines().count == 8)
        #expect(peak == 3, "four jobs of one make under --jobs 3 must run three at a time, ran \(peak)")
    }
}

@Suite("Prefix lock")
struct PrefixLockTests {
    @Test("a second holder is refused with the first one named")
    func exclusive() throws {
        let dir = TemporaryDirectory("lock")
        defer { dir.remove() }
        var first: PrefixLock? = try PrefixLock(prefix: "\(dir.path)/cross")
        do {
            _ = try PrefixLock(prefix: "\(dir.path)/cross")
            Issue.record("second lock must fail")
        } catch let error as PrefixError {
            guard case let .locked(_, holder) = error else { Issue.record("\(error)"); return }
            #expect(holder.contains("pid \(getpid())"))
        }
        #expect(first != nil)
        first = nil
        _ = try PrefixLock(prefix: "\(dir.path)/cross")
    }
}

/// True when `pid` exists and is not a zombie (in a container, nothing may reap orphans).
/// Reads /proc with stdio: Foundation sees procfs files as empty (their size is 0).
func isRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0, let file = fopen("/proc/\(pid)/stat", "r") else { return false }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
    let stat = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let close = stat.lastIndex(of: ")"), stat.distance(from: close, to: stat.endIndex) > 2 else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
