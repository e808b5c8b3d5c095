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

@Suite("Executor", .serialized, .hangGuard)
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
}
