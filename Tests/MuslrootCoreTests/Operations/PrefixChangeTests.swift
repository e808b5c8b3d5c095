import Foundation
import Testing
@testable import MuslrootCore

/// `add` and `remove` on a stand-in toolchain prefix, with recipes whose phases are shell
/// snippets: what lands where, what is rebuilt, what is refused. No compiler runs.
@Suite("add and remove: one transaction each")
struct PrefixChangeTests {
    /// A prefix with a manifest and an executable `x86_64-linux-musl-gcc`, and a book of recipes.
    struct Fixture {
        let dir = TemporaryDirectory("prefix-change")
        var prefix: String { "\(dir.path)/cross" }
        var workspace: Workspace { Workspace(root: "\(dir.path)/work") }

        init() throws {
            let gcc = dir.write("cross/bin/x86_64-linux-musl-gcc", "#!/bin/sh\nexit 0\n")
            chmod(gcc, 0o755)
            dir.write("cross/x86_64-linux-musl/lib/libc.a", "musl")
            try FileManager.default.createSymbolicLink(atPath: "\(prefix)/x86_64-linux-musl/usr", withDestinationPath: ".")
            try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
                Manifest.Package(name: "musl", version: "1", fingerprint: "toolchain-1", sources: [], patches: [],
                                 files: ["bin/x86_64-linux-musl-gcc", "x86_64-linux-musl/lib/libc.a", "x86_64-linux-musl/usr"],
                                 kind: "toolchain", depends: nil),
            ], toolchain: .host).save(prefix: prefix)
        }

        /// A library whose install phase writes `usr/lib/libNAME.a` (containing `content`) and
        /// a header, after checking that each dependency is in the sysroot it builds against.
        func library(_ name: String, depends: [String] = [], content: String = "1", extra: String = "") -> String {
            let checks = depends.map { "test -f ${sysroot}/lib/lib\($0).a" }.joined(separator: " && ")
            let script = (checks.isEmpty ? "" : "\(checks) && ") + "mkdir -p ${destdir}/usr/lib ${destdir}/usr/include/\(name) "
                + "${destdir}/usr/share/man/man3 && echo \(content) > ${destdir}/usr/lib/lib\(name).a && "
                + "touch ${destdir}/usr/include/\(name)/\(name).h ${destdir}/usr/lib/lib\(name).la ${destdir}/usr/share/man/man3/\(name).3"
            return dir.write("recipes/\(name).toml", recipeText(name, depends: depends, phases: """
                [[phase]]
                name = "install"
                run = [["/bin/sh", "-c", "\(script)"]]
                """, extra: "kind = \"library\"\n\(extra)"))
        }

        func add(_ names: [String]) async throws -> Add.Outcome {
            let book = try RecipeBook.load(directories: ["\(dir.path)/recipes"])
            return try await Add(book: book, requested: names, prefix: prefix, workspace: workspace, jobs: 2, keepWork: false,
                                 environment: ProcessInfo.processInfo.environment, sources: EmptySources(), observer: nil).run()
        }

        func manifest() throws -> Manifest { try #require(Manifest.load(prefix: prefix)) }
    }

    @Test("a library and its dependency land in the sysroot (usr folded in, .la and manuals left out), the dependency first")
    func addWithDependency() async throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        fixture.library("base")
        fixture.library("top", depends: ["base"])
        guard case let .installed(_, built, _, _) = try await fixture.add(["top"]) else { Issue.record("expected an install"); return }
        #expect(Set(built) == ["base", "top"])
        let manifest = try fixture.manifest()
        #expect(manifest.package("top")?.files == ["x86_64-linux-musl/include/top/top.h", "x86_64-linux-musl/lib/libtop.a"])
        #expect(manifest.package("top")?.depends == ["base"])
        #expect(manifest.package("top")?.kind == "library")
        #expect(manifest.package("musl") != nil, "the toolchain stays")
        #expect(FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/lib/libbase.a"))
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.prefix)/usr"))
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/lib/libtop.la"))
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/share/man"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fixture.prefix)/x86_64-linux-musl/usr")) == ".")
        #expect(!FileManager.default.fileExists(atPath: fixture.workspace.stage), "the stage (now the old prefix) is gone")
        guard case .upToDate = try await fixture.add(["top"]) else { Issue.record("a second add must do nothing"); return }
    }

    @Test("a changed dependency rebuilds its dependents; the rest stays")
    func dependencyChanged() async throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        fixture.library("base")
        fixture.library("top", depends: ["base"])
        fixture.library("other")
        _ = try await fixture.add(["top", "other"])
        let before = try fixture.manifest()
        fixture.library("base", content: "2")
        guard case let .installed(_, built, _, _) = try await fixture.add(["top", "other"]) else { Issue.record("expected a rebuild"); return }
        #expect(Set(built) == ["base", "top"])
        let after = try fixture.manifest()
        #expect(after.package("top")?.fingerprint != before.package("top")?.fingerprint)
        #expect(after.package("other")?.fingerprint == before.package("other")?.fingerprint)
        #expect(try String(contentsOfFile: "\(fixture.prefix)/x86_64-linux-musl/lib/libbase.a", encoding: .utf8) == "2\n")
    }

    @Test("a library that installs a shared object is refused, and the prefix is left as it was")
    func sharedObjectRefused() async throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        fixture.dir.write("recipes/shared.toml", recipeText("shared", phases: """
            [[phase]]
            name = "install"
            run = [["/bin/sh", "-c", "mkdir -p ${destdir}/usr/lib && touch ${destdir}/usr/lib/libshared.so.1"]]
            """, extra: "kind = \"library\""))
        let before = try String(contentsOfFile: Manifest.path(in: fixture.prefix), encoding: .utf8)
        await #expect {
            _ = try await fixture.add(["shared"])
        } throws: { error in
            "\(error)".contains("shared object") && "\(error)".contains("static libraries only")
        }
        #expect(try String(contentsOfFile: Manifest.path(in: fixture.prefix), encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/lib/libshared.so.1"))
    }

    @Test("remove refuses a library another one needs, names it, then removes exactly the files listed")
    func remove() async throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        fixture.library("base")
        fixture.library("top", depends: ["base"])
        _ = try await fixture.add(["top"])
        let remove = { (names: [String]) in Remove(packages: names, prefix: fixture.prefix, workspace: fixture.workspace) }
        await #expect { _ = try await remove(["base"]).run() } throws: { error in
            "\(error)".contains("top") && "\(error)".contains("muslroot remove top base")
        }
        await #expect { _ = try await remove(["musl"]).run() } throws: { "\($0)".contains("part of the toolchain") }
        let removed = try await remove(["top"]).run()
        #expect(removed["top"] == ["x86_64-linux-musl/include/top/top.h", "x86_64-linux-musl/lib/libtop.a"])
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/include/top"), "emptied directories go")
        #expect(FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/lib/libbase.a"))
        #expect(try fixture.manifest().package("top") == nil)
    }

    @Test("bootstrap refuses to replace the toolchain under installed libraries, naming them and what to do")
    func bootstrapKeepsLibraries() async throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        fixture.library("base")
        _ = try await fixture.add(["base"])
        fixture.dir.write("recipes/tool.toml", recipeText("tool", extra: "kind = \"toolchain\""))
        let book = try RecipeBook.load(directories: ["\(fixture.dir.path)/recipes"])
        let bootstrap = Bootstrap(book: book, prefix: fixture.prefix, workspace: fixture.workspace, jobs: 1, keepWork: false,
                                  environment: [:], sources: EmptySources(), observer: nil, staticProblem: { _ in nil })
        await #expect { _ = try await bootstrap.run() } throws: { error in
            "\(error)".contains("holds libraries") && "\(error)".contains("muslroot remove base --prefix")
        }
        #expect(FileManager.default.fileExists(atPath: "\(fixture.prefix)/x86_64-linux-musl/lib/libbase.a"))
    }
}
