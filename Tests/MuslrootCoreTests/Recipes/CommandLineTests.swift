import Foundation
import Testing

@Suite("The muslroot command line")
struct CommandLineTests {
    @Test("list --json shows every shipped package")
    func listJSON() async throws {
        let result = try await CLI.process(["list", "--json"])
        #expect(result.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let names = Set(items.compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: ["binutils", "gcc", "musl", "linux-headers", "ncurses", "libedit", "openssl", "ffmpeg", "zlib", "mimalloc"]))
        #expect(items.allSatisfy { $0["version"] is String && $0["summary"] is String && $0["dependencies"] is [String] })
    }

    @Test("list shows the toolchain's recipes apart from the libraries add takes")
    func listText() async throws {
        let result = try await CLI.process(["list"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let libraries = try #require(lines.firstIndex { $0.hasPrefix("Libraries (muslroot add") })
        let names = { (range: ArraySlice<String>) in Set(range.compactMap { $0.split(separator: " ").first.map(String.init) }) }
        #expect(lines.first == "Toolchain (muslroot bootstrap):")
        #expect(names(lines[1..<libraries]).isSuperset(of: ["binutils", "gcc", "musl", "linux-headers"]))
        #expect(names(lines[(libraries + 1)...]) == ["bzip2", "curl", "ffmpeg", "libedit", "libffi", "libpq", "ncurses", "openssl", "pcre2",
                                                    "xz", "zlib", "zstd"])
    }

    @Test("plan libedit prints ncurses first; json and dot work")
    func plan() async throws {
        let text = try await CLI.process(["plan", "libedit"])
        #expect(text.status == 0)
        let ncurses = try #require(text.stdout.range(of: "ncurses:install"))
        let libedit = try #require(text.stdout.range(of: "libedit:configure"))
        #expect(ncurses.lowerBound < libedit.lowerBound)
        let json = try await CLI.process(["plan", "libedit", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["phases"] as? [[String: Any]])?.isEmpty == false)
        let dot = try await CLI.process(["plan", "libedit", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph"))
        #expect(dot.stdout.contains("\"ncurses:install\" -> \"libedit:configure\""))
    }

    @Test("every command that loads a broken overlay exits 2 naming the file",
          arguments: ["cycle", "syntax", "unknown"])
    func brokenOverlay(kind: String) async throws {
        let dir = TemporaryDirectory("cli-\(kind)")
        defer { dir.remove() }
        let file: String
        switch kind {
        case "cycle":
            dir.write("a.toml", recipeText("a", depends: ["b"]))
            file = dir.write("b.toml", recipeText("b", depends: ["a"]))
        case "syntax":
            file = dir.write("broken.toml", "name = \"broken\"\n[[phase]\n")
        default:
            file = dir.write("app.toml", recipeText("app", depends: ["opensssl"]))
        }
        for command in [["list"], ["plan", kind == "cycle" ? "a" : "gcc"], ["fetch", "musl"], ["bootstrap", "--prefix", "\(dir.path)/prefix"]] {
            let result = try await CLI.process(command + ["--recipes", dir.path])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(URL(fileURLWithPath: file).lastPathComponent), "\(command): \(result.stderr)")
        }
        // The environment variable works as --recipes does.
        let viaEnvironment = try await CLI.process(["list"], environment: ["MUSLROOT_RECIPES": dir.path])
        #expect(viaEnvironment.status == 2)
    }

    @Test("list --recipes with a bad path or recipe exits 2, saying what is wrong, where, and what to do",
          arguments: ["file", "directory", "loop", "latin1", "missing", "brackets", "phase-name", "empty-run"])
    func badRecipes(kind: String) async throws {
        let dir = TemporaryDirectory("cli-bad-\(kind)")
        defer { dir.remove() }
        var recipes = dir.path
        let expected: String
        switch kind {
        case "file":
            recipes = dir.write("x.toml", recipeText("x"))
            expected = "recipe directory '\(recipes)' is a file, not a directory; --recipes and MUSLROOT_RECIPES (colon-separated) "
                + "take directories of *.toml recipe files: pass the directory that holds it instead: --recipes \(dir.path)"
        case "directory":
            dir.write("x.toml/y", "")
            expected = "'\(dir.path)/x.toml' cannot be read as a recipe: it is a directory"
        case "loop":
            try FileManager.default.createSymbolicLink(atPath: "\(dir.path)/x.toml", withDestinationPath: "x.toml")
            expected = "'\(dir.path)/x.toml' cannot be read as a recipe: it is a symbolic link loop"
        case "latin1":
            try Data("name = \"x\"\n\nsummary = \"caf".utf8 + [0xE9, 0x22]).write(to: URL(fileURLWithPath: "\(dir.path)/x.toml"))
            expected = "\(dir.path)/x.toml:3:15: byte 0xE9 is not UTF-8 text"
        case "missing":
            recipes = "\(dir.path)/nope"
            expected = "recipe directory '\(recipes)' does not exist; --recipes and MUSLROOT_RECIPES"
        case "brackets":
            dir.write("x.toml", "name = \"x\"\n\"][\" = 1\n")
            expected = "\(dir.path)/x.toml:2: key '][': unknown key"
        case "phase-name":
            dir.write("x.toml", recipeText("x", phases: "[[phase]]\nname = \"../../../escaped\"\nrun = [[\"true\"]]"))
            expected = "\(dir.path)/x.toml:14: key 'phase[0].name': '../../../escaped' must be lowercase letters"
        default:
            dir.write("x.toml", recipeText("x", phases: "[[phase]]\nname = \"build\"\nrun = []"))
            expected = "\(dir.path)/x.toml:15: key 'phase[0].run' must be a non-empty array of commands"
        }
        let result = try await CLI.process(["list", "--recipes", recipes])
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("bad usage exits 2; --version and --help work")
    func usage() async throws {
        #expect(try await CLI.process(["plan"]).status == 2)
        #expect(try await CLI.process(["no-such-command"]).status == 2)
        #expect(try await CLI.process(["plan", "no-such-package"]).status == 2)
        #expect(try await CLI.process(["bootstrap", "--prefix", "/nonexistent/p", "--jobs", "0"]).status == 2)
        let outside = try await CLI.process(["extract", "/nonexistent/a.tar", "/nonexistent/d", "--exclude", "../etc"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("'../etc'"))
        let version = try await CLI.process(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
        for command in ["list", "plan", "doctor", "fetch", "bootstrap", "check"] {
            let help = try await CLI.process([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("muslroot \(command)"), "\(command) --help should show examples")
        }
    }

    @Test("doctor lists the host tools with their Debian packages")
    func doctor() async throws {
        let result = try await CLI.process(["doctor", "--json"])
        #expect(result.status == 0 || result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let host = try #require(report["host"] as? [String: Any])
        let entries = try #require(host["entries"] as? [[String: Any]])
        let names = entries.compactMap { ($0["tool"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("make"))
        #expect(names.contains("C++ compiler"))
        let missing = try await CLI.process(["doctor"], environment: ["PATH": "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("apt-get install"))
    }
}
