import Foundation
import Testing
@testable import MuslrootCore

/// What muslroot produces for x86_64, compared with what it produced before the target
/// profile replaced its x86_64 constants (`Fixtures/x86_64-golden/`): `muslroot plan` (text
/// and JSON) for every recipe of every recipe set, the commands each phase runs once its
/// variables are expanded, and every file the exports write for a prefix.
///
/// Paths that depend on the machine are written as `/REPO` (the repository), `/PREFIX` (the
/// prefix) and `/W` (the work directory). `MUSLROOT_UPDATE_GOLDEN=1 swift test --filter
/// X86_64Golden` writes the fixtures again; a difference is then a change of behaviour for
/// x86_64 and shows in `git diff`.
@Suite("Target: x86_64 output is unchanged")
struct X86_64GoldenTests {
    static let fixtures = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/x86_64-golden"
    static var updating: Bool { ProcessInfo.processInfo.environment["MUSLROOT_UPDATE_GOLDEN"] == "1" }

    /// The recipe sets `bootstrap` and the tests load: the shipped recipes, each flavour and
    /// allocator overlay, and the test mirror's overlay.
    static let recipeSets: [(name: String, directories: [String])] = [
        ("shipped", [TestPaths.recipes]),
        ("host", [TestPaths.recipes, "\(TestPaths.recipes)/host"]),
        ("malloc-mimalloc", [TestPaths.recipes, "\(TestPaths.recipes)/malloc-mimalloc"]),
        ("host-malloc-mimalloc", [TestPaths.recipes, "\(TestPaths.recipes)/host", "\(TestPaths.recipes)/malloc-mimalloc",
                                  "\(TestPaths.recipes)/host/malloc-mimalloc"]),
        ("mirror-overlay", [TestPaths.recipes, TestPaths.mirrorOverlay]),
    ]

    @Test("plan output and expanded commands of every recipe", arguments: recipeSets.map(\.name))
    func plans(set: String) throws {
        let directories = try #require(Self.recipeSets.first { $0.name == set }).directories
        let book = try RecipeBook.load(directories: directories)
        var text = "", json = "", commands = ""
        for name in book.names {
            let plan = try Resolver(book: book).plan(for: [name])
            text += "== muslroot plan \(name)\n" + PlanFormatter.text(plan, requests: [name]) + "\n"
            json += "== muslroot plan \(name) --format json\n" + (try PlanFormatter.json(plan)) + "\n"
            commands += Self.expandedCommands(of: try book.recipe(named: name), in: plan)
        }
        try Self.compare(Self.normalized(text), "plan-\(set).txt")
        try Self.compare(Self.normalized(json), "plan-\(set).json.txt")
        try Self.compare(Self.normalized(commands), "commands-\(set).txt")
    }

    @Test("muslroot env in every form, and the files a prefix carries")
    func exports() throws {
        let prefix = try FakePrefix(packages: ["mimalloc", "openssl", "zlib", "zstd"])
        defer { prefix.remove() }
        let description = try prefix.description()
        let environment = PrefixEnvironment(description)
        let normalize = { (text: String) in text.replacingOccurrences(of: prefix.root, with: "/PREFIX") }
        try Self.compare(normalize(try ShellExports.text(environment, syntax: .sh, currentPath: "/usr/bin:/bin")), "env.sh")
        try Self.compare(normalize(try ShellExports.text(environment, syntax: .fish, currentPath: "/usr/bin:/bin")), "env.fish")
        try Self.compare(normalize(try ShellExports.text(environment, syntax: .json, currentPath: "/usr/bin:/bin")), "env.json")
        try Self.compare(normalize(CargoConfig.text(description, relocatable: false)), "env-cargo.toml")
        try Self.compare(normalize(CMakeToolchainFile.text(description, relocatable: false)), "env-cmake.cmake")
        try Self.compare(normalize(MesonCrossFile.text(description, relocatable: false)), "env-meson.ini")
        let cAndMusl = PrefixDescription(root: "/PREFIX", hasCXX: false, packages: [], malloc: "musl", unwinder: .gcc)
        try Self.compare(CMakeToolchainFile.text(cAndMusl, relocatable: false), "env-cmake-c-only.cmake")
        try Self.compare(MesonCrossFile.text(cAndMusl, relocatable: false), "env-meson-c-only.ini")

        let written = try PrefixExports.write(into: prefix.root)
        #expect(written == PrefixExports.paths())
        for path in written {
            let text = try String(contentsOfFile: "\(prefix.root)/\(path)", encoding: .utf8)
            try Self.compare(normalize(text), "prefix/\(path)")
        }
    }

    @Test("the host flavour's compiler wrappers and specs")
    func hostCompiler() async throws {
        let directory = TemporaryDirectory("golden-host")
        defer { directory.remove() }
        // A build machine with stand-ins for gcc and the binutils HostCompiler needs.
        let host = directory.sub("host")
        for name in ["gcc", "ar", "as", "ld", "nm", "objcopy", "objdump", "ranlib", "readelf", "strip"] {
            directory.write("host/\(name)", name == "gcc" ? "#!/bin/sh\necho 12.2.0\n" : "#!/bin/sh\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(host)/\(name)")
        }
        let compiler = try await MuslrootCore.HostCompiler.find(path: host, triple: .x86_64Musl)
        let stage = directory.sub("stage")
        let placed = try compiler.install(into: stage)
        var listing = ""
        for path in placed {
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(stage)/\(path)") {
                listing += "\(path) -> \(destination.replacingOccurrences(of: host, with: "/HOST"))\n"
            } else {
                listing += "\(path)\n"
                try Self.compare(try String(contentsOfFile: "\(stage)/\(path)", encoding: .utf8)
                    .replacingOccurrences(of: host, with: "/HOST"), "host-gcc/\(path)")
            }
        }
        try Self.compare(listing, "host-gcc/files.txt")
        try Self.compare(compiler.specs, "host-gcc/specs")
    }

    /// Every phase of `recipe` as the executor would run it, in a fixed work directory.
    static func expandedCommands(of recipe: Recipe, in plan: Plan) -> String {
        var configuration = BuildConfiguration(workspace: Workspace(root: "/W"), target: .x86_64Musl, jobs: 2, prefix: "/PREFIX",
                                               sysroot: "/PREFIX/x86_64-linux-musl", environment: [:])
        configuration.toolchain = "/W/stage"
        var lines = ["== \(recipe.name) \(recipe.version)"]
        for installed in recipe.installs { lines.append("installs \(configuration.scope(for: recipe, in: plan).expand(installed))") }
        for phase in recipe.phases {
            lines.append("-- \(phase.name)")
            for command in configuration.commands(for: phase, of: recipe, in: plan) {
                lines.append("   cd \(command.directory)")
                for (key, value) in command.environment.sorted(by: { $0.key < $1.key }) { lines.append("   env \(key)=\(value)") }
                lines.append("   " + command.argv.map { "[\($0)]" }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: TestPaths.repository, with: "/REPO")
    }

    /// Compares `actual` with the fixture at `relative`, or writes it when updating.
    static func compare(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "\(fixtures)/\(relative)"
        if updating {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: path), "missing fixture \(relative)", sourceLocation: sourceLocation)
        let expectedText = String(decoding: expected, as: UTF8.self)
        if expectedText != actual {
            let expectedLines = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1): expected \($0.element.0.debugDescription), got \($0.element.1.debugDescription)" }
                ?? "expected \(expectedLines.count) lines, got \(actualLines.count)"
            Issue.record("\(relative) differs from the x86_64 golden output at \(where_)", sourceLocation: sourceLocation)
        }
    }
}
