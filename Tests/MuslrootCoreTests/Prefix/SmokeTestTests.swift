import Foundation
import Testing
@testable import MuslrootCore

/// A toolchain directory whose compilers are shell scripts: each writes a "program" that prints
/// what the smoke test expects of a real one (or fails, with SMOKE_BROKEN set), and records the
/// environment it ran with.
struct FakeToolchain {
    let dir: TemporaryDirectory
    var record: String { "\(dir.path)/compiler-runs.txt" }
    /// Where the smoke test may make its scratch directory (its TMPDIR).
    var scratch: String { "\(dir.path)/tmp" }

    init(_ label: String) {
        dir = TemporaryDirectory(label)
        try! FileManager.default.createDirectory(atPath: "\(dir.path)/tmp", withIntermediateDirectories: true)
    }

    /// Writes the stand-in compilers of `triple` into `root/bin`.
    func install(into root: String, triple: Triple = .x86_64Musl) {
        let compiler = """
            #!/bin/sh
            echo "CC=$CC LC_ALL=$LC_ALL MARK=$SMOKE_MARK" >> \(record)
            out=a.out
            while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
            cat > "$out" <<'PROGRAM'
            #!/bin/sh
            [ -n "$SMOKE_BROKEN" ] && exit 3
            echo "hello from musl $$"
            echo "c++ exception crossed"
            PROGRAM
            chmod +x "$out"

            """
        for tool in ["gcc", "g++"] {
            let path = "\(root)/bin/\(triple)-\(tool)"
            try! FileManager.default.createDirectory(atPath: "\(root)/bin", withIntermediateDirectories: true)
            try! compiler.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }
    }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TMPDIR": scratch].merging(extra) { $1 }
    }

    /// What the smoke test left in its TMPDIR.
    var leftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [] }

    func runs() -> [String] {
        ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

@Suite("Smoke test")
struct SmokeTestTests {
    func smokeTest(_ fake: FakeToolchain, root: String, logs: String? = nil, _ extra: [String: String] = [:]) -> SmokeTest {
        SmokeTest(root: root, triple: .x86_64Musl, staticProblem: { _ in nil }, environment: fake.environment(extra), logs: logs)
    }

    @Test("a stage with no compiler: which program, which command, where to look, and no scratch left behind")
    func noCompiler() async throws {
        let fake = FakeToolchain("smoke-none")
        defer { fake.dir.remove() }
        let root = "\(fake.dir.path)/stage", logs = "\(fake.dir.path)/work/logs"
        do {
            _ = try await smokeTest(fake, root: root, logs: logs).run()
            Issue.record("a stage without a compiler must fail its smoke test")
        } catch let error as PrefixError {
            guard case let .smokeTestFailed(check, detail, _) = error else { Issue.record("\(error)"); return }
            #expect(check == "static C program does not compile")
            #expect(detail.contains("\(root)/bin/x86_64-linux-musl-gcc is not there"))
            #expect(detail.contains("$ \(root)/bin/x86_64-linux-musl-gcc -static"))
            #expect(error.description.contains("\(logs)/gcc/install.log"))
            #expect(error.description.contains("run the bootstrap again"))
        }
        #expect(fake.leftovers.isEmpty, "the scratch directory must go: \(fake.leftovers)")
    }

    @Test("an installed prefix that fails: rebuild it")
    func installedPrefixFails() async throws {
        let fake = FakeToolchain("smoke-prefix")
        defer { fake.dir.remove() }
        let root = "\(fake.dir.path)/cross"
        let error = await #expect(throws: PrefixError.self) { try await smokeTest(fake, root: root).run() }
        #expect(error?.description.contains("muslroot bootstrap --prefix \(root)") == true)
        #expect(fake.leftovers.isEmpty)
    }

    @Test("a TMPDIR it cannot write to: said as such, with what to do")
    func scratchNotWritable() async throws {
        let fake = FakeToolchain("smoke-tmpdir")
        defer { fake.dir.remove() }
        let file = fake.dir.write("not-a-directory", "x")
        let error = await #expect(throws: PrefixError.self) {
            try await smokeTest(fake, root: "\(fake.dir.path)/stage", ["TMPDIR": file]).run()
        }
        guard case let .smokeTestFailed(check, _, nextStep)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(check == "cannot write its test programs")
        #expect(nextStep.contains("TMPDIR"))
    }

    @Test("a toolchain that works passes, in the environment it is given, and leaves nothing behind")
    func passes() async throws {
        let fake = FakeToolchain("smoke-pass")
        defer { fake.dir.remove() }
        let root = "\(fake.dir.path)/stage"
        fake.install(into: root)
        let result = try await smokeTest(fake, root: root, ["SMOKE_MARK": "given"]).run()
        #expect(result.checks.count == 3)
        #expect(fake.runs() == Array(repeating: "CC= LC_ALL= MARK=given", count: 3))
        #expect(fake.leftovers.isEmpty, "the scratch directory must go: \(fake.leftovers)")
    }

    @Test("a program that does not run: the check, its output, and no scratch left behind")
    func programFails() async throws {
        let fake = FakeToolchain("smoke-broken")
        defer { fake.dir.remove() }
        let root = "\(fake.dir.path)/stage"
        fake.install(into: root)
        let error = await #expect(throws: PrefixError.self) { try await smokeTest(fake, root: root, ["SMOKE_BROKEN": "1"]).run() }
        guard case let .smokeTestFailed(check, detail, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(check == "static C program does not run")
        #expect(detail.contains("exit 3"))
        #expect(fake.leftovers.isEmpty)
    }

    /// A PATH with what the stand-in compilers use (cat, chmod) and no qemu.
    func pathWithoutEmulator(_ fake: FakeToolchain) throws -> String {
        let bin = fake.dir.sub("host-bin")
        for tool in ["cat", "chmod"] {
            let found = try #require(hostProgram(tool))
            try FileManager.default.createSymbolicLink(atPath: "\(bin)/\(tool)", withDestinationPath: found)
        }
        return bin
    }

    @Test("a foreign target without its qemu: compiled, linked and checked static, not run, and it says so")
    func foreignWithoutEmulator() async throws {
        let fake = FakeToolchain("smoke-foreign")
        defer { fake.dir.remove() }
        let root = "\(fake.dir.path)/stage"
        // riscv64: foreign on x86_64 and aarch64 build machines alike.
        let riscv64 = try TargetProfile(parsing: "riscv64-linux-musl").triple
        fake.install(into: root, triple: riscv64)
        // SMOKE_BROKEN makes every program fail if it runs: none may.
        let environment = fake.environment(["PATH": try pathWithoutEmulator(fake), "SMOKE_BROKEN": "1"])
        let result = try await SmokeTest(root: root, triple: riscv64, staticProblem: { _ in nil }, environment: environment).run()
        let note = " (not run: qemu-riscv64-static is not installed; Debian: apt-get install qemu-user-static)"
        #expect(result.checks == ["C program: compiled, linked statically\(note)",
                                  "C++ program (exceptions, iostream, std::thread): compiled, linked statically\(note)",
                                  "static-pie C program: compiled, linked\(note)"])
        #expect(fake.runs().count == 3)
        #expect(fake.leftovers.isEmpty)

        // Not run, but still checked: a program that is not static fails the smoke test.
        let dynamic = SmokeTest(root: root, triple: riscv64, staticProblem: { _ in "it has an ELF interpreter" }, environment: environment)
        let error = await #expect(throws: PrefixError.self) { try await dynamic.run() }
        guard case let .smokeTestFailed(check, detail, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(check == "static C program is not static")
        #expect(detail == "it has an ELF interpreter")
    }
}
