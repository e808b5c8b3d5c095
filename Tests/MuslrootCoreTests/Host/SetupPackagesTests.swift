import Foundation
import Testing
@testable import MuslrootCore

/// `scripts/setup.sh` installs `scripts/debian-packages.txt`: a new user who follows the README
/// must have every tool `muslroot doctor` checks, and doctor must check every tool the shipped
/// recipes run.
@Suite("What setup installs covers what the recipes run")
struct SetupPackagesTests {
    let listed = Set((try? String(contentsOfFile: "\(TestPaths.repository)/scripts/debian-packages.txt", encoding: .utf8))?
        .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? [])

    @Test("every tool doctor names has its Debian package in scripts/debian-packages.txt", arguments: HostTool.all)
    func listed(tool: HostTool) {
        #expect(listed.contains(tool.debianPackage), "\(tool.name): add \(tool.debianPackage) to scripts/debian-packages.txt")
    }

    /// Programs every Debian system has (coreutils, sed, grep, tar, findutils, dash, diffutils).
    static let essential: Set<String> = [
        "sh", "env", "mkdir", "ln", "cp", "mv", "rm", "cat", "test", "touch", "chmod", "install", "sed", "grep",
        "find", "tar", "true", "printf", "echo", "ls", "rmdir", "cmp", "diff", "tr", "head", "tail", "sort", "cut",
    ]

    @Test("every program a shipped recipe runs is one doctor checks (or part of every Debian system)")
    func recipesRunWhatDoctorChecks() throws {
        let book = try RecipeBook.load(directories: [TestPaths.recipes])
        let checked = Set(HostTool.all.flatMap(\.commands))
        var unchecked: [String] = []
        for recipe in book.recipes.values {
            for phase in recipe.phases {
                for command in phase.commands {
                    guard let program = command.first, !program.contains("/"), !program.contains("$") else { continue }
                    if !checked.contains(program), !Self.essential.contains(program) {
                        unchecked.append("\(recipe.name):\(phase.name) runs \(program)")
                    }
                }
            }
        }
        #expect(unchecked.isEmpty, "\(unchecked)")
    }
}
