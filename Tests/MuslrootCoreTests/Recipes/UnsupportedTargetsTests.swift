import Foundation
import Testing
@testable import MuslrootCore

/// `[[unsupported]]`: a recipe says which targets it cannot be built for, and why; `plan
/// --target`, `add` and `bootstrap` refuse it there before anything is built (exit 1), and the key itself
/// is checked when the recipe loads (exit 2).
@Suite("[[unsupported]] targets refuse a package with its reason")
struct UnsupportedTargetsTests {
    static let reason = "its assembly has no riscv64 port"
    static let unsupported = """

        [[unsupported]]
        targets = ["riscv64-linux-musl"]
        reason = "\(reason)"
        """

    /// A recipe directory: `tiny` (unsupported on riscv64), `user` (needs tiny), `plain`.
    func recipes(_ dir: TemporaryDirectory) -> [String] {
        dir.write("recipes/tiny.toml", recipeText("tiny") + Self.unsupported)
        dir.write("recipes/user.toml", recipeText("user", depends: ["tiny"]))
        dir.write("recipes/plain.toml", recipeText("plain"))
        return ["--recipes", "\(dir.path)/recipes"]
    }

    @Test("the key is read: targets and reason, per entry")
    func decoded() throws {
        let dir = TemporaryDirectory("unsupported-decode")
        defer { dir.remove() }
        dir.write("tiny.toml", recipeText("tiny") + Self.unsupported + """

            [[unsupported]]
            targets = ["i686-unknown-linux-musl"]
            reason = "no 32-bit x86 port"
            """)
        let tiny = try #require(try RecipeBook.load(directories: [dir.path])["tiny"])
        #expect(tiny.unsupportedReason(on: Triple(parsing: "riscv64-linux-musl")!) == Self.reason)
        #expect(tiny.unsupportedReason(on: Triple(parsing: "i686-linux-musl")!) == "no 32-bit x86 port")
        #expect(tiny.unsupportedReason(on: .x86_64Musl) == nil)
        #expect(tiny.unsupportedReason(on: Triple(parsing: "aarch64-linux-musl")!) == nil)
    }

    @Test("plan --target refuses it there with the reason, exit 1; other targets plan it",
          arguments: ["tiny", "user"])
    func plan(_ package: String) async throws {
        let dir = TemporaryDirectory("unsupported-plan")
        defer { dir.remove() }
        let recipes = recipes(dir)
        let refused = await CLI.run(["plan", package, "--target", "riscv64-linux-musl"] + recipes)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("tiny cannot be built for riscv64-linux-musl"), "\(refused.stderr)")
        #expect(refused.stderr.contains(Self.reason), "\(refused.stderr)")
        #expect(refused.stderr.contains("tiny.toml"), "\(refused.stderr)")
        #expect(refused.stderr.contains("user needs it") == (package == "user"), "\(refused.stderr)")
        for target in ["aarch64-linux-musl", "x86_64-linux-musl"] {
            let planned = await CLI.run(["plan", package, "--target", target] + recipes)
            #expect(planned.status == 0, "\(target): \(planned.stderr)")
            #expect(planned.stdout.contains("tiny:build"), "\(target): \(planned.stdout)")
        }
        let plain = await CLI.run(["plan", "plain", "--target", "riscv64-linux-musl"] + recipes)
        #expect(plain.status == 0, "\(plain.stderr)")
    }

    @Test("add into a prefix of that target refuses it before fetching or building anything, exit 1")
    func add() async throws {
        let dir = TemporaryDirectory("unsupported-add")
        defer { dir.remove() }
        let recipes = recipes(dir)
        let prefix = "\(dir.path)/cross"
        try FileManager.default.createDirectory(atPath: "\(prefix)/bin", withIntermediateDirectories: true)
        dir.write("cross/bin/riscv64-linux-musl-gcc", "#!/bin/sh\nexit 1\n")
        chmod("\(prefix)/bin/riscv64-linux-musl-gcc", 0o755)
        try Manifest(muslroot: "test", target: "riscv64-linux-musl", created: "now", packages: [], toolchain: .host, malloc: .musl)
            .save(prefix: prefix)
        let before = TemporaryDirectory.listing(prefix)

        // The mirror and cache are empty directories: a fetch would fail with another message.
        let add = await CLI.run(["add", "plain", "user", "--prefix", prefix, "--mirror", dir.sub("mirror"),
                                 "--cache-dir", dir.sub("cache"), "--work-dir", "\(dir.path)/work"] + recipes)
        #expect(add.status == 1, "\(add.stderr)")
        #expect(add.stderr.contains("tiny cannot be built for riscv64-linux-musl, and user needs it: \(Self.reason)"), "\(add.stderr)")
        #expect(TemporaryDirectory.listing(prefix) == before)
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/work/logs"))
    }

    @Test("bootstrap refuses an allocator (or toolchain recipe) unsupported on its target before building, exit 1")
    func bootstrap() async throws {
        let dir = TemporaryDirectory("unsupported-bootstrap")
        defer { dir.remove() }
        dir.write("recipes/mimalloc.toml", recipeText("mimalloc") + Self.unsupported)
        let prefix = "\(dir.path)/cross"
        let refused = await CLI.run(["bootstrap", "--prefix", prefix, "--toolchain", "host", "--target", "riscv64-linux-musl",
                                     "--malloc", "mimalloc", "--recipes", "\(dir.path)/recipes", "--mirror", dir.sub("mirror"),
                                     "--cache-dir", dir.sub("cache"), "--work-dir", "\(dir.path)/work"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("mimalloc cannot be built for riscv64-linux-musl"), "\(refused.stderr)")
        #expect(refused.stderr.contains(Self.reason), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix))
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/work/logs"))
    }

    @Test("a mistake in the key is a recipe error naming it, exit 2", arguments: [
        ("targets = [\"sparc-linux-musl\"]\nreason = \"x\"", "unsupported[0].targets", "sparc-linux-musl"),
        ("targets = [\"riscv64-linux-musl\"]\nreason = \"  \"", "unsupported[0].reason", "why"),
        ("reason = \"x\"", "unsupported[0].targets", ""),
        ("targets = [\"riscv64-linux-musl\"]\nreason = \"x\"\nwhy = \"y\"", "unsupported[0].why", "unknown key"),
    ])
    func mistakes(_ body: String, key: String, message: String) throws {
        let dir = TemporaryDirectory("unsupported-mistake")
        defer { dir.remove() }
        dir.write("tiny.toml", recipeText("tiny") + "\n[[unsupported]]\n" + body + "\n")
        let error = try #require(throws: RecipeError.self) { try RecipeBook.load(directories: [dir.path]) }
        #expect(ExitStatus.forError(error) == .usage)
        switch error {
        case let .invalidValue(_, errorKey, line, text):
            #expect(errorKey == key)
            #expect(line != nil)
            #expect(text.contains(message), "\(text)")
        case let .missingField(_, errorKey): #expect(errorKey == key)
        default: Issue.record("\(error)")
        }
    }
}
