import Foundation
@testable import MuslrootCore
import Testing

/// `[target.T]`: a recipe's values for one target, laid over its `[vars]` when the recipes
/// load for that target (docs/recipes.md).
@Suite("Recipes: [target.T] tables")
struct RecipeTargetTablesTests {
    static func recipe(_ extra: String, name: String = "r", buildSystem: String? = nil, top: String = "") -> String {
        """
        name = "\(name)"
        version = "1"
        summary = "s"
        homepage = "https://example.org"
        license = "MIT"
        \(buildSystem.map { "build-system = \"\($0)\"" } ?? "")
        \(top)
        [[source]]
        url = "https://example.org/r-1.tar.gz"
        sha256 = "\(String(repeating: "a", count: 64))"
        \(buildSystem == nil ? "[[phase]]\nname = \"configure\"\nrun = [[\"configure\", \"${configure-target}\", \"${asm}\"]]" : "")
        \(extra)
        """
    }

    static let tables = """
        [vars]
        asm = []
        [target.x86_64-linux-musl]
        configure-target = "linux-x86_64"
        asm = ["--enable-x86asm"]
        [target.aarch64-linux-musl]
        configure-target = "linux-aarch64"
        """

    @Test func eachTargetGetsItsValuesAndTheRestTheDefault() throws {
        let directory = TemporaryDirectory("target-tables")
        defer { directory.remove() }
        directory.write("r.toml", Self.recipe(Self.tables))
        let x86 = try #require(try RecipeBook.load(directories: [directory.path])["r"])
        #expect(x86.phases[0].commands == [["configure", "linux-x86_64", "--enable-x86asm"]])
        let aarch64 = try #require(try RecipeBook.load(directories: [directory.path], target: TargetProfile(parsing: "aarch64-linux-musl"))["r"])
        #expect(aarch64.phases[0].commands == [["configure", "linux-aarch64"]])
        #expect(aarch64.unsupported.isEmpty)
    }

    /// A value from a table hashes as the same value written in the command: moving a name
    /// from the profile into a recipe does not change any fingerprint.
    @Test func aTablesValueHashesAsTheValueWrittenOut() throws {
        let directory = TemporaryDirectory("target-tables-hash")
        defer { directory.remove() }
        directory.write("tables/r.toml", Self.recipe(Self.tables))
        directory.write("literal/r.toml", Self.recipe("[vars]\nconfigure-target = \"linux-x86_64\"\nasm = [\"--enable-x86asm\"]")
            .replacingOccurrences(of: "\"${configure-target}\", \"${asm}\"", with: "\"linux-x86_64\", \"--enable-x86asm\""))
        let tables = try #require(try RecipeBook.load(directories: ["\(directory.path)/tables"])["r"])
        var literal = try #require(try RecipeBook.load(directories: ["\(directory.path)/literal"])["r"])
        literal.variables = [:]
        literal.files = tables.files
        #expect(try RecipeDescription.of(tables, target: .x86_64Musl) == RecipeDescription.of(literal, target: .x86_64Musl))
    }

    @Test func aTargetWithoutAValueIsUnsupportedWithTheReason() async throws {
        let directory = TemporaryDirectory("target-tables-missing")
        defer { directory.remove() }
        directory.write("r.toml", Self.recipe(Self.tables))
        let riscv = try TargetProfile(parsing: "riscv64-linux-musl")
        let recipe = try #require(try RecipeBook.load(directories: [directory.path], target: riscv)["r"])
        let reason = try #require(recipe.unsupportedReason(on: riscv.triple))
        #expect(reason == "\(directory.path)/r.toml gives ${configure-target} no value for riscv64-linux-musl; "
                    + "add it under [target.riscv64-linux-musl]")
        let refused = await CLI.run(["plan", "r", "--target", "riscv64-linux-musl", "--recipes", directory.path])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("r cannot be built for riscv64-linux-musl"), "\(refused.stderr)")
        #expect(refused.stderr.contains("add it under [target.riscv64-linux-musl]"), "\(refused.stderr)")
    }

    /// An overlay sets one target's value and keeps the others'.
    @Test func anOverlayChangesOneTargetsValue() throws {
        let directory = TemporaryDirectory("target-tables-overlay")
        defer { directory.remove() }
        directory.write("base/r.toml", Self.recipe(Self.tables))
        directory.write("overlay/r.toml", "name = \"r\"\n[target.aarch64-linux-musl]\nconfigure-target = \"linux-arm64-custom\"\n")
        let directories = ["\(directory.path)/base", "\(directory.path)/overlay"]
        let aarch64 = try #require(try RecipeBook.load(directories: directories, target: TargetProfile(parsing: "aarch64-linux-musl"))["r"])
        #expect(aarch64.phases[0].commands == [["configure", "linux-arm64-custom"]])
        let x86 = try #require(try RecipeBook.load(directories: directories)["r"])
        #expect(x86.phases[0].commands == [["configure", "linux-x86_64", "--enable-x86asm"]])
    }

    /// A recipe on a template may set the template's keys for one target.
    @Test func aTargetMaySetTheTemplatesKeys() throws {
        let directory = TemporaryDirectory("target-tables-template")
        defer { directory.remove() }
        directory.write("r.toml", Self.recipe("[target.i686-linux-musl]\nconfigure-options = [\"--without-asm\"]",
                                              buildSystem: "autotools", top: "configure-options = [\"--with-x\"]"))
        let i686 = try #require(try RecipeBook.load(directories: [directory.path], target: TargetProfile(parsing: "i686-linux-musl"))["r"])
        #expect(i686.phases[0].commands.joined().contains("--without-asm"), "\(i686.phases[0].commands)")
        #expect(!i686.phases[0].commands.joined().contains("--with-x"))
        let x86 = try #require(try RecipeBook.load(directories: [directory.path])["r"])
        #expect(x86.phases[0].commands.joined().contains("--with-x"))
    }

    @Test(arguments: [
        ("[target.mips-linux-musl]\nx = \"1\"", "target.mips-linux-musl", "'mips-linux-musl' is not a target muslroot knows; known: x86_64-linux-musl"),
        ("[target.x86_64-unknown-linux-musl]\nx = \"1\"", "target.x86_64-unknown-linux-musl", "is not a target muslroot knows"),
        ("[target.x86_64-linux-musl]\ntarget = \"x\"", "target.x86_64-linux-musl.target", "'target' is set by muslroot"),
        ("[target.x86_64-linux-musl]\nx = 1", "target.x86_64-linux-musl.x", "a string or an array of strings"),
        ("[target]\nx86_64-linux-musl = \"x\"", "target.x86_64-linux-musl", "a table"),
        ("[target.x86_64-linux-musl]\nx = \"${nobody}\"", "target.x86_64-linux-musl.x", "nobody"),
    ])
    func mistakesNameTheFileAndKey(_ text: String, _ key: String, _ message: String) throws {
        let directory = TemporaryDirectory("target-tables-bad")
        defer { directory.remove() }
        directory.write("r.toml", Self.recipe("[vars]\nconfigure-target = \"a\"\nasm = []\n" + text))
        #expect {
            try RecipeBook.load(directories: [directory.path])
        } throws: { error in
            let description = "\(error)"
            return description.contains("r.toml") && description.contains(key) && description.contains(message)
        }
    }
}
