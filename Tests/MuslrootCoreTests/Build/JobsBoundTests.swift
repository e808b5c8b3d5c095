import Foundation
import Testing
@testable import MuslrootCore

/// `--jobs N` bounds every job at once, make's own included. The bound is checked as "never
/// more than N" from the jobs' start and end lines; that jobs ran side by side at all is proved
/// by a barrier some of them must pass together (the test would stop at its time limit
/// otherwise), never by timing.
@Suite("Executor: the jobs bound", .serialized, .hangGuard)
struct JobsBoundTests {
    /// `barrier.sh COUNT`: returns once COUNT jobs have called it, so only when all of them run at
    /// the same moment. The COUNTth to arrive (mkfifo numbers them, atomically) lets the others go.
    static let barrier = """
        #!/bin/sh
        dir=$(dirname "$0")/meeting; count=$1; i=1
        mkdir -p "$dir"
        while ! mkfifo "$dir/$i" 2>/dev/null; do i=$((i + 1)); done
        if [ "$i" -lt "$count" ]; then read go < "$dir/$i"; exit 0; fi
        j=1
        while [ "$j" -lt "$count" ]; do echo go > "$dir/$j"; j=$((j + 1)); done

        """

    /// A makefile whose targets each record their start and end around `work`.
    static func makefile(_ targets: [String], record: String, work: (String) -> String) -> String {
        "all: \(targets.joined(separator: " "))\n"
            + targets.map { "\($0):\n\t@echo start >> \(record); \(work($0)); echo end >> \(record)\n" }.joined()
    }

    @Test("--jobs bounds everything running at once, make's jobs included")
    func jobsBound() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        let barrier = build.dir.write("pair/barrier.sh", Self.barrier)
        // p's jobs a and b must run together; the others take a moment each (the sleep is their
        // work, not a wait for anything), so that more than two would overlap were the bound broken.
        build.dir.write("P.mk", Self.makefile(["a", "b", "c"], record: r) { $0 == "c" ? "sleep 0.2" : "sh \(barrier) 2" })
        build.dir.write("Q.mk", Self.makefile(["a", "b", "c"], record: r) { _ in "sleep 0.2" })
        build.recipe("p", phases: [("make", [], "make -f \(build.dir.path)/P.mk")])
        for name in ["q", "s"] {
            build.recipe(name, phases: [("make", [], "make -f \(build.dir.path)/Q.mk")])
        }
        build.recipe("all", depends: ["p", "q", "s"], phases: [("run", [], "true")])
        try await build.executor(jobs: 2, requests: ["all"]).run()
        let peak = build.peakConcurrency()
        #expect(build.lines().count == 18)
        #expect(peak <= 2, "nine make jobs under --jobs 2 must never run more than two at a time, ran \(peak)")
        #expect(peak >= 2, "p's jobs a and b passed their barrier: they ran side by side")
    }

    @Test("a make running alone gets every slot, through its recursive makes too")
    func loneMakeUsesAllSlots() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        let r = build.record
        let barrier = build.dir.write("three/barrier.sh", Self.barrier)
        let inner = build.dir.write("Inner.mk", Self.makefile(["a", "b", "c", "d"], record: r) { $0 == "d" ? "true" : "sh \(barrier) 3" })
        build.dir.write("Makefile", "all:\n\t+$(MAKE) -f \(inner)\n")
        build.recipe("solo", phases: [("make", [], "make -f \(build.dir.path)/Makefile")])
        // Jobs a, b and c pass their barrier only all three at once: the make had every slot.
        try await build.executor(jobs: 3, requests: ["solo"]).run()
        let peak = build.peakConcurrency()
        #expect(build.lines().count == 8)
        #expect(peak <= 3, "four jobs of one make under --jobs 3 must never run more than three at a time, ran \(peak)")
        #expect(peak >= 3, "a, b and c passed their barrier together")
    }
}
