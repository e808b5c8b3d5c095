import Foundation
import Testing
@testable import MuslrootCore

/// Errors a user can run into while building: each names what went wrong, where, and what to do.
@Suite("Build errors", .hangGuard)
struct BuildErrorTests {
    @Test("a file the recipe promises and did not install: the recipe, the file and the log of its last phase")
    func missingInstall() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        build.recipes["pkg"] = recipeText("pkg", phases: """
            [[phase]]
            name = "install"
            run = [["/bin/sh", "-c", "echo installing nothing"]]
            """, extra: #"installs = ["bin/tool"]"#)
        do {
            try await build.executor(requests: ["pkg"]).run()
            Issue.record("a missing install must fail the build")
        } catch let error as BuildError {
            guard case let .missingInstall(recipe, file, _, log) = error else { Issue.record("\(error)"); return }
            #expect(recipe == "pkg" && file == "bin/tool")
            #expect(log == "\(build.dir.path)/work/logs/pkg/install.log")
            #expect(error.description.contains(log))
            #expect(error.description.contains("run the same command again"))
        }
    }

    @Test("a log that cannot be opened: its path and what to do, not a bare errno")
    func logCannotBeOpened() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        build.recipe("pkg", phases: [("build", [], "true")])
        let log = "\(build.dir.path)/work/logs/pkg/build.log"
        try FileManager.default.createDirectory(atPath: log, withIntermediateDirectories: true)  // in the way
        do {
            try await build.executor(requests: ["pkg"]).run()
            Issue.record("a log that is a directory must fail the build")
        } catch let error as BuildError {
            guard case let .workspace(path, reason) = error else { Issue.record("\(error)"); return }
            #expect(path == log)
            #expect(reason.contains("pkg:build"))
            #expect(error.description.contains("--work-dir"))
        }
    }

    @Test("a state file that cannot be written: its path, not a bare Foundation error")
    func stateCannotBeSaved() async throws {
        var build = FakeBuild()
        defer { build.dir.remove() }
        build.recipe("pkg", phases: [("build", [], "true")])
        let state = "\(build.dir.path)/work/state.json"
        try FileManager.default.createDirectory(atPath: "\(state)/in-the-way", withIntermediateDirectories: true)
        do {
            try await build.executor(requests: ["pkg"]).run()
            Issue.record("a state file that is a directory must fail the build")
        } catch let error as BuildError {
            guard case let .workspace(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == state)
        }
    }

    @Test("the builds' environment: no leaking make or compiler settings, the C locale, the fixed SOURCE_DATE_EPOCH")
    func cleanedEnvironment() {
        let cleaned = BuildEnvironment.cleaned(["PATH": "/usr/bin", "CC": "clang", "MAKEFLAGS": "-j64", "CFLAGS": "-O3", "LC_ALL": "de_DE.UTF-8",
                                                "SOURCE_DATE_EPOCH": "1700000000"])
        #expect(cleaned == ["PATH": "/usr/bin", "LC_ALL": "C", "SOURCE_DATE_EPOCH": "315532800"])
    }
}
