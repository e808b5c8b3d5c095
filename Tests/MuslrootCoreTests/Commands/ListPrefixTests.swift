import Foundation
import Testing
@testable import MuslrootCore

/// `list --prefix` and `list --installed` after a real `add` (run as a user runs it, through the
/// command line, in-process) on stand-in toolchain prefixes of each flavour, with and without
/// mimalloc and a recipe overlay: both must say the library and the toolchain are installed,
/// which they can only do if `list` computes the keys exactly as `bootstrap` and `add` do.
@Suite("list --prefix and list --installed read the prefix's truth")
struct ListPrefixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var flavor: ToolchainFlavor
        var allocator: Allocator
        var overlay: Bool
        var testDescription: String { "\(flavor.rawValue), malloc \(allocator.rawValue)\(overlay ? ", a recipe overlay" : "")" }
    }

    static let cases = ToolchainFlavor.allCases.flatMap { flavor in
        Allocator.allCases.flatMap { allocator in [false, true].map { Case(flavor: flavor, allocator: allocator, overlay: $0) } }
    }

    @Test("a library added, then both lists say installed", arguments: cases)
    func listAfterAdd(_ setup: Case) async throws {
        let dir = TemporaryDirectory("list-prefix")
        defer { dir.remove() }
        let prefix = "\(dir.path)/cross"
        // The library: a tarball in a directory mirror, a recipe in the user's overlay, and in
        // the overlay case a second overlay that changes it.
        #expect(try await shell("mkdir -p src/tiny-1.0 mirror && echo x > src/tiny-1.0/README && tar czf mirror/tiny-1.0.tar.gz -C src tiny-1.0",
                                in: dir.path).status == 0)
        dir.write("recipes/tiny.toml", """
            name = "tiny"
            version = "1.0"
            summary = "a stand-in library"
            homepage = "https://example.invalid/"
            license = "MIT"
            kind = "library"

            [[source]]
            url = "https://example.invalid/tiny-1.0.tar.gz"
            sha256 = "\(sha256("\(dir.path)/mirror/tiny-1.0.tar.gz"))"

            [vars]
            content = "plain"

            [[phase]]
            name = "install"
            run = [["/bin/sh", "-c", "mkdir -p ${destdir}/usr/lib && echo ${content} > ${destdir}/usr/lib/libtiny.a"]]
            """)
        var recipeArguments = ["--recipes", "\(dir.path)/recipes"]
        if setup.overlay {
            dir.write("overlay/tiny.toml", "name = \"tiny\"\n[vars]\ncontent = \"overlaid\"\n")
            recipeArguments += ["--recipes", "\(dir.path)/overlay"]
        }
        try await standInToolchain(prefix: prefix, setup, overlays: recipeArguments.filter { $0 != "--recipes" })

        let add = await CLI.run(["add", "tiny", "--prefix", prefix, "--mirror", "\(dir.path)/mirror", "--cache-dir", "\(dir.path)/cache"]
                                     + recipeArguments)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try String(contentsOfFile: "\(prefix)/x86_64-linux-musl/lib/libtiny.a", encoding: .utf8)
                == (setup.overlay ? "overlaid\n" : "plain\n"))

        let list = await CLI.run(["list", "--prefix", prefix, "--json"] + recipeArguments)
        #expect(list.status == 0, "\(list.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        func item(_ name: String) -> [String: Any]? { items.first { $0["name"] as? String == name } }
        #expect(item("tiny")?["installed"] as? Bool == true)
        #expect(item("tiny")?["outdated"] as? Bool == false)
        #expect(item("musl")?["installed"] as? Bool == true)
        #expect(item("musl")?["outdated"] as? Bool == false, "musl as this flavour and allocator build it")
        #expect(item("mimalloc")?["installed"] as? Bool == (setup.allocator == .mimalloc))
        #expect(item("zlib")?["installed"] as? Bool == false)
        let text = await CLI.run(["list", "--prefix", prefix] + recipeArguments)
        #expect(text.stdout.split(separator: "\n").contains { $0.contains("tiny") && $0.hasSuffix("(installed)") })

        let installed = await CLI.run(["list", "--installed", "--prefix", prefix, "--json"])
        #expect(installed.status == 0, "\(installed.stderr)")
        let packages = try JSONDecoder().decode([InstalledPackage].self, from: Data(installed.stdout.utf8))
        #expect(packages.contains { $0.name == "tiny" && $0.kind == "library" })
        #expect(packages.contains { $0.name == "musl" && $0.kind == "toolchain" })

        // A changed recipe: the library is still installed, but outdated.
        dir.write("recipes/tiny.toml", try String(contentsOfFile: "\(dir.path)/recipes/tiny.toml", encoding: .utf8)
            .replacingOccurrences(of: "version = \"1.0\"", with: "version = \"1.0\"\ninstalls = [\"usr/lib/libtiny.a\"]"))
        let changed = await CLI.run(["list", "--prefix", prefix, "--json"] + recipeArguments)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [[String: Any]])
        #expect(after.first { $0["name"] as? String == "tiny" }?["outdated"] as? Bool == true)
    }

    /// A prefix whose manifest is what `bootstrap` of this flavour and allocator records (the
    /// keys from `PackageKeys`, over the recipes as `bootstrap` reads them), with a stand-in
    /// compiler: `add` needs `bin/x86_64-linux-musl-gcc`, and these libraries call no compiler.
    func standInToolchain(prefix: String, _ setup: Case, overlays: [String]) async throws {
        let directories = [TestPaths.recipes] + setup.flavor.overlays(shippedRecipes: TestPaths.recipes, allocator: setup.allocator) + overlays
        let book = try RecipeBook.load(directories: directories)
        var bootstrap = Bootstrap(book: book, prefix: prefix, workspace: Workspace(root: "\(prefix).work"), jobs: 1, keepWork: false,
                                  environment: ProcessInfo.processInfo.environment, sources: EmptySources(), observer: nil,
                                  staticProblem: { _ in nil })
        bootstrap.flavor = setup.flavor
        bootstrap.allocator = setup.allocator
        let environment = BuildEnvironment.cleaned(ProcessInfo.processInfo.environment)
        let compiler = setup.flavor == .host ? try await MuslrootCore.HostCompiler.find(path: environment["PATH"] ?? "/usr/bin:/bin", triple: .x86_64Musl) : nil
        let plan = try bootstrap.plan()
        let keys = try PackageKeys.toolchain(plan, context: bootstrap.context(hostCompiler: compiler))
        var packages = plan.recipes.map { Manifest.entry(for: $0, key: keys[$0.name]!) }
        if let compiler {
            packages.append(Manifest.Package(name: MuslrootCore.HostCompiler.packageName, version: compiler.version, fingerprint: keys[MuslrootCore.HostCompiler.packageName]!,
                                             sources: [], patches: [], files: [], kind: "toolchain", depends: nil))
        }
        packages[0].files = ["bin/x86_64-linux-musl-gcc", "x86_64-linux-musl/usr"]
        try FileManager.default.createDirectory(atPath: "\(prefix)/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(prefix)/x86_64-linux-musl", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(prefix)/x86_64-linux-musl/usr", withDestinationPath: ".")
        try "#!/bin/sh\nexit 0\n".write(toFile: "\(prefix)/bin/x86_64-linux-musl-gcc", atomically: true, encoding: .utf8)
        chmod("\(prefix)/bin/x86_64-linux-musl-gcc", 0o755)
        var manifest = Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: packages,
                                toolchain: setup.flavor, malloc: setup.allocator)
        manifest.buildHost = bootstrap.buildHost
        try manifest.save(prefix: prefix)
    }
}
