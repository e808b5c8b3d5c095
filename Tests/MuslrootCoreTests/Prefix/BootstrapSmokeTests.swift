import Foundation
import Testing
@testable import MuslrootCore

/// A whole bootstrap of one fake toolchain recipe (`gcc`, whose install phase puts stand-in
/// compilers in place, or nothing): staging, the smoke test and the install, in seconds.
@Suite("Bootstrap: the smoke test of the stage", .serialized, .hangGuard)
struct BootstrapSmokeTests {
    func bootstrap(_ fake: FakeToolchain, install: String) throws -> Bootstrap {
        fake.dir.write("recipes/gcc.toml", recipeText("gcc", phases: """
            [[phase]]
            name = "install"
            run = [["/bin/sh", "-c", "\(install)"]]
            """, extra: #"kind = "toolchain""#))
        let book = try RecipeBook.load(directories: ["\(fake.dir.path)/recipes"])
        return Bootstrap(book: book, prefix: "\(fake.dir.path)/cross", workspace: Workspace(root: "\(fake.dir.path)/work"), jobs: 2,
                         keepWork: false, environment: fake.environment(["CC": "leaky-cc", "LC_ALL": "de_DE.UTF-8"]),
                         sources: EmptySources(), observer: nil, staticProblem: { _ in nil })
    }

    @Test("a stage with no compiler: the gcc install log to look at, and no scratch left behind")
    func noCompiler() async throws {
        let fake = FakeToolchain("boot-none")
        defer { fake.dir.remove() }
        do {
            _ = try await bootstrap(fake, install: "echo installed nothing").run()
            Issue.record("a toolchain without a compiler must not be installed")
        } catch let error as PrefixError {
            guard case .smokeTestFailed = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("x86_64-linux-musl-gcc is not there"))
            #expect(error.description.contains("\(fake.dir.path)/work/logs/gcc/install.log"))
        }
        #expect(fake.leftovers.isEmpty, "the scratch directory must go: \(fake.leftovers)")
        #expect(!FileManager.default.fileExists(atPath: "\(fake.dir.path)/cross"), "nothing was installed")
    }

    @Test("the smoke test runs with the builds' cleaned environment")
    func cleanedEnvironment() async throws {
        let fake = FakeToolchain("boot-pass")
        defer { fake.dir.remove() }
        let source = "\(fake.dir.path)/compilers"
        fake.install(into: source)
        let outcome = try await bootstrap(fake, install: "mkdir -p ${destdir} && cp -R \(source)/bin ${destdir}/").run()
        guard case .installed = outcome else { Issue.record("expected an install, got \(outcome)"); return }
        #expect(FileManager.default.isExecutableFile(atPath: "\(fake.dir.path)/cross/bin/x86_64-linux-musl-gcc"))
        #expect(fake.runs() == Array(repeating: "CC= LC_ALL=C MARK=", count: 3))
        #expect(fake.leftovers.isEmpty, "the scratch directory must go: \(fake.leftovers)")
    }
}
