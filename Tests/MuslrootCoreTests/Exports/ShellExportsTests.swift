import Foundation
@testable import MuslrootCore
import Testing

/// `muslroot env` as a shell sees it: sh, bash, zsh and fish evaluate the output to the same
/// variables as the JSON says, for any path, and evaluating twice puts the prefix on PATH once.
@Suite("Exports: shell forms of the build environment")
struct ShellExportsTests {
    static let startPath = "/usr/local/bin:/usr/bin:/bin"
    /// The shells installed here (zsh and fish are optional: their cases are left out).
    static let shells = ["sh", "bash", "zsh", "fish"].filter { hostProgram($0) != nil }

    /// The environment a shell ends with after evaluating `script` `times` times.
    static func evaluated(_ script: String, shell: String, times: Int = 1) throws -> [String: String] {
        // The script comes on standard input; each shell evaluates it `times` times.
        let arguments = shell.hasSuffix("fish")
            ? ["--no-config", "-c", "set -l s (cat | string collect); for i in (seq \(times)); echo $s | source; end; env -0"]
            : ["-c", "s=$(cat); i=0; while [ $i -lt \(times) ]; do eval \"$s\"; i=$((i + 1)); done; env -0"]
        let result = try run(shell, arguments, input: script,
                             environment: ["PATH": startPath, "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory()])
        #expect(result.status == 0, "\(shell): \(result.stderr)")
        var values: [String: String] = [:]
        for entry in result.stdout.split(separator: "\0") {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            values[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return values
    }

    static func json(_ environment: PrefixEnvironment, path: String = startPath) throws -> [String: String] {
        let text = try ShellExports.text(environment, syntax: .json, currentPath: path)
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    @Test(arguments: shells)
    func everyShellAgreesWithJSON(shell: String) throws {
        let program = try #require(hostProgram(shell))
        let prefix = try FakePrefix(name: FakePrefix.awkwardName, packages: ["openssl", "zlib"])
        defer { prefix.remove() }
        let environment = PrefixEnvironment(try prefix.description())
        let syntax: ShellSyntax = shell == "fish" ? .fish : .sh
        let script = try ShellExports.text(environment, syntax: syntax, currentPath: nil)
        let expected = try Self.json(environment)
        let got = try Self.evaluated(script, shell: program)
        for (name, value) in expected {
            #expect(got[name] == value, "\(shell): \(name)")
        }
        #expect(expected["CC"] == "\(prefix.root)/bin/x86_64-linux-musl-gcc")
        #expect(expected["PATH"] == "\(prefix.root)/bin:\(Self.startPath)")
    }

    @Test(arguments: shells)
    func evaluatingTwicePutsThePrefixOnPathOnce(shell: String) throws {
        let program = try #require(hostProgram(shell))
        let prefix = try FakePrefix(name: "a b")
        defer { prefix.remove() }
        let environment = PrefixEnvironment(try prefix.description())
        let script = try ShellExports.text(environment, syntax: shell == "fish" ? .fish : .sh, currentPath: nil)
        let path = try #require(try Self.evaluated(script, shell: program, times: 2)["PATH"])
        #expect(path == "\(prefix.root)/bin:\(Self.startPath)")
    }

    @Test func pathAlreadyThereIsLeftAsItIs() throws {
        let environment = PrefixEnvironment(PrefixDescription(root: "/p"))
        #expect(environment.path(after: "/usr/bin:/p/bin") == "/usr/bin:/p/bin")
        #expect(environment.path(after: "/usr/bin:/p/bin/x") == "/p/bin:/usr/bin:/p/bin/x")
        #expect(environment.path(after: nil) == "/p/bin")
        #expect(environment.path(after: "") == "/p/bin")
    }

    @Test func shQuotesEveryValue() {
        #expect(ShellQuoting.sh("it's") == "'it'\\''s'")
        #expect(ShellQuoting.fish("it's \\") == "'it\\'s \\\\'")
        #expect(ShellQuoting.word("/plain/path") == "/plain/path")
        #expect(ShellQuoting.word("/a b") == "'/a b'")
    }

    @Test func cxxOnlyWhereThePrefixHasGPlusPlus() throws {
        let prefix = try FakePrefix(cxx: false)
        defer { prefix.remove() }
        let environment = PrefixEnvironment(try prefix.description())
        let names = environment.variables.map(\.name)
        #expect(!names.contains("CXX") && !names.contains("CXX_x86_64_unknown_linux_musl") && !names.contains("HOST_CXX"))
        #expect(environment["CC"] == "\(prefix.root)/bin/x86_64-linux-musl-gcc")
        let full = PrefixEnvironment(PrefixDescription(root: "/p", hasCXX: true))
        #expect(full["CXX"] == "/p/bin/x86_64-linux-musl-g++")
        #expect(full["CXX_x86_64_unknown_linux_musl"] == "/p/bin/x86_64-linux-musl-g++")
    }
}
