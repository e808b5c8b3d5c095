import Foundation
import Testing
@testable import MuslrootCore

@Suite("Stage, manifest and install")
struct PrefixTests {
    @Test("built packages go into the stage by hard link, the later one winning; each tool's alias belongs to the tool's package, the sysroot's alias to no package")
    func transactionInstall() async throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        chmod(dir.write("dest/a/bin/x86_64-linux-musl-gcc", "gcc"), 0o755)
        dir.write("dest/a/x86_64-linux-musl/include/stdio.h", "a")
        dir.write("dest/b/bin/x86_64-linux-musl-ld", "ld")
        dir.write("dest/b/x86_64-linux-musl/include/stdio.h", "b")
        func entry(_ name: String) -> Manifest.Package {
            Manifest.Package(name: name, version: "1", fingerprint: "key-\(name)", sources: [], patches: [], files: [], kind: "toolchain", depends: nil)
        }
        let a = try await BuiltPackage.collecting(entry("a"), tree: "\(dir.path)/dest/a")
        let b = try await BuiltPackage.collecting(entry("b"), tree: "\(dir.path)/dest/b")
        #expect(a.files == ["bin/x86_64-linux-musl-gcc", "x86_64-linux-musl/include/stdio.h"])
        #expect(b.files == ["bin/x86_64-linux-musl-ld", "x86_64-linux-musl/include/stdio.h"])

        let prefix = "\(dir.path)/cross", stage = "\(dir.path)/stage"
        let transaction = PrefixTransaction(prefix: prefix, stage: stage, target: .x86_64Musl)
        try await transaction.beginEmpty()
        try await transaction.install(a)
        try await transaction.install(b)
        #expect(try String(contentsOfFile: "\(stage)/x86_64-linux-musl/include/stdio.h", encoding: .utf8) == "b")
        let links = try FileManager.default.attributesOfItem(atPath: "\(stage)/bin/x86_64-linux-musl-ld")[.referenceCount] as? Int
        #expect(links == 2, "hard-linked, not copied")

        let base = Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [])
        let (manifest, _) = try await transaction.commit(base)
        #expect(manifest.package("a")?.files == ["bin/x86_64-linux-musl-gcc", "bin/x86_64-unknown-linux-musl-gcc",
                                                  "x86_64-linux-musl/include/stdio.h"])
        #expect(manifest.package("b")?.files == ["bin/x86_64-linux-musl-ld", "bin/x86_64-unknown-linux-musl-ld",
                                                  "x86_64-linux-musl/include/stdio.h"])
        #expect(manifest.generated?.contains("x86_64-unknown-linux-musl") == true, "the sysroot's alias is the prefix's")
        #expect(!manifest.packages.contains { $0.files.contains("x86_64-unknown-linux-musl") })
        #expect(Manifest.load(prefix: prefix)?.package("b")?.fingerprint == "key-b", "the manifest was installed with the prefix")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(prefix)/bin/x86_64-unknown-linux-musl-gcc") == "x86_64-linux-musl-gcc")
        #expect(try String(contentsOfFile: "\(prefix)/x86_64-unknown-linux-musl/include/stdio.h", encoding: .utf8) == "b")
        #expect(Installer.strangers(in: prefix, manifest: manifest).isEmpty, "every file of the prefix is in its manifest")
    }

    func manifest(files: [String]) -> Manifest {
        Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            .init(name: "gcc", version: "1", fingerprint: "f", sources: [], patches: [], files: files),
        ])
    }

    @Test("the pkg-config modules of the packages asked for: their .pc files in the sysroot, not the alias links")
    func pkgConfigModules() throws {
        let dir = TemporaryDirectory("modules")
        defer { dir.remove() }
        let pc = "x86_64-linux-musl/lib/pkgconfig"
        dir.write("\(pc)/ncursesw.pc", "")
        dir.write("\(pc)/formw.pc", "")
        dir.write("\(pc)/zlib.pc", "")
        try FileManager.default.createSymbolicLink(atPath: "\(dir.path)/\(pc)/ncurses.pc", withDestinationPath: "ncursesw.pc")
        let manifest = Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            .init(name: "ncurses", version: "6.5", fingerprint: "a", sources: [], patches: [],
                  files: ["\(pc)/ncursesw.pc", "\(pc)/ncurses.pc", "\(pc)/formw.pc", "x86_64-linux-musl/include/curses.h"]),
            .init(name: "zlib", version: "1", fingerprint: "b", sources: [], patches: [], files: ["\(pc)/zlib.pc"]),
        ])
        #expect(manifest.pkgConfigModules(of: ["ncurses"], in: dir.path) == ["formw", "ncursesw"])
        #expect(manifest.pkgConfigModules(of: ["ncurses", "zlib"], in: dir.path) == ["formw", "ncursesw", "zlib"])
        #expect(manifest.pkgConfigModules(of: ["absent"], in: dir.path).isEmpty)
    }

    @Test("a new prefix is created by rename; an existing one of ours is exchanged whole")
    func install() async throws {
        let dir = TemporaryDirectory("install")
        defer { dir.remove() }
        let prefix = "\(dir.path)/cross"
        dir.write("stage1/bin/tool", "one")
        try manifest(files: ["bin/tool"]).save(prefix: "\(dir.path)/stage1")
        try await Installer.install(stage: "\(dir.path)/stage1", into: prefix)
        #expect(try String(contentsOfFile: "\(prefix)/bin/tool", encoding: .utf8) == "one")
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/stage1"))

        dir.write("stage2/bin/tool2", "two")
        try manifest(files: ["bin/tool2"]).save(prefix: "\(dir.path)/stage2")
        try await Installer.install(stage: "\(dir.path)/stage2", into: prefix)
        #expect(try String(contentsOfFile: "\(prefix)/bin/tool2", encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: "\(prefix)/bin/tool"), "the old toolchain is gone, not mixed in")
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/stage2"))
    }

    @Test("a prefix with files muslroot did not install is refused before anything is built")
    func foreignPrefix() async throws {
        let dir = TemporaryDirectory("foreign")
        defer { dir.remove() }
        dir.write("theirs/notes.txt", "mine")
        await #expect(throws: PrefixError.self) { try await Installer.checkUsable(prefix: "\(dir.path)/theirs") }
        dir.write("ours/bin/tool", "t")
        dir.write("ours/bin/added-by-hand", "x")
        try manifest(files: ["bin/tool"]).save(prefix: "\(dir.path)/ours")
        do {
            try await Installer.checkUsable(prefix: "\(dir.path)/ours")
            Issue.record("a file not in the manifest must stop the install")
        } catch let error as PrefixError {
            #expect(error.description.contains("bin/added-by-hand"))
        }
        try FileManager.default.removeItem(atPath: "\(dir.path)/ours/bin/added-by-hand")
        try await Installer.checkUsable(prefix: "\(dir.path)/ours")
        try await Installer.checkUsable(prefix: "\(dir.path)/new")
    }

    @Test("a prefix whose manifest matches the recipes is up to date: nothing runs")
    func upToDate() async throws {
        let dir = TemporaryDirectory("uptodate")
        defer { dir.remove() }
        dir.write("recipes/tool.toml", recipeText("tool", extra: "kind = \"toolchain\""))
        let book = try RecipeBook.load(directories: ["\(dir.path)/recipes"])
        let recipe = try #require(book["tool"])
        let prefix = "\(dir.path)/cross"
        let bootstrap = Bootstrap(book: book, prefix: prefix, workspace: Workspace(root: "\(dir.path)/work"), jobs: 1,
                                  keepWork: false, environment: [:], sources: EmptySources(), observer: nil,
                                  staticProblem: { _ in nil })
        let keys = try PackageKeys.toolchain(try bootstrap.plan(), context: bootstrap.context(hostCompiler: nil))
        #expect(!bootstrap.isUpToDate(keys: keys))
        try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: [
            Manifest.entry(for: recipe, key: try #require(keys["tool"])),
        ]).save(prefix: prefix)
        guard case .upToDate = try await bootstrap.run() else { Issue.record("expected up to date"); return }
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/work"), "an up-to-date run creates nothing")
    }
}

@Suite("Leftovers of a killed run", .hangGuard)
struct LeftoverTests {
    @Test("process groups recorded by a run that was killed -9 are ended by the next one")
    func reap() async throws {
        let dir = TemporaryDirectory("reap")
        defer { dir.remove() }
        // A command in a session of its own, as the executor starts them, orphaned as a kill -9
        // of muslroot leaves it. It says its process id once it leads its session.
        let started = NamedPipe("\(dir.path)/started")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "setsid sh -c 'echo $$ > started; exec sleep 300' &"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try process.run()
        // Not waitUntilExit: Foundation waits there for the orphan too (it keeps a descriptor).
        let line = await started.readLine()
        let pid = try #require(line.flatMap { Int32($0) }, "the command never said its process id")
        #expect(isRunning(pid))
        try "\(pid)\n".write(toFile: "\(dir.path)/running.pids", atomically: true, encoding: .utf8)
        await ProcessGroupRecord.reapLeftovers(path: "\(dir.path)/running.pids", workspace: "/nonexistent")
        #expect(isRunning(pid), "a group working elsewhere is left alone")
        try "\(pid)\n".write(toFile: "\(dir.path)/running.pids", atomically: true, encoding: .utf8)
        await ProcessGroupRecord.reapLeftovers(path: "\(dir.path)/running.pids", workspace: dir.path)
        #expect(await waitForExit(pid), "the group still runs")
        #expect(!isRunning(pid))
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/running.pids"))
    }
}
