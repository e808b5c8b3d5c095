import Crypto
import Foundation

/// A hash of everything that decides what a recipe builds: when it changes, the recipe's
/// completed phases no longer count and it is built again.
public enum Fingerprint {
    public static func of(_ recipe: Recipe, target: Triple) -> String {
        var parts = ["muslroot-recipe-v1", recipe.name, recipe.version, target.description]
        parts += recipe.sources.map { "source \($0.sha256) \($0.destination)" }
        for patch in recipe.patches {
            let data = FileManager.default.contents(atPath: patch) ?? Data()
            parts.append("patch \(URL(fileURLWithPath: patch).lastPathComponent) \(hex(SHA256.hash(data: data)))")
        }
        parts += recipe.dependencies.map { "depends \($0)" }
        parts += recipe.variables.sorted { $0.key < $1.key }.map { "var \($0.key)=\($0.value)" }
        parts += recipe.environment.sorted { $0.key < $1.key }.map { "env \($0.key)=\($0.value)" }
        for phase in recipe.phases {
            parts.append("phase \(phase.name) after \(phase.after.map(\.description)) cwd \(phase.directory ?? "")")
            parts += phase.commands.map { "run \($0)" }
            parts += phase.environment.sorted { $0.key < $1.key }.map { "env \($0.key)=\($0.value)" }
        }
        parts += recipe.installs.map { "installs \($0)" }
        return hash(parts)
    }

    /// A phase's fingerprint: its recipe's, and those of every phase it waits for, so that a
    /// rebuilt dependency makes what follows it run again.
    static func of(_ node: PhaseNode, recipe: String, predecessors: [String]) -> String {
        hash(["muslroot-phase-v1", node.description, recipe] + predecessors.sorted())
    }

    static func hash(_ parts: [String]) -> String {
        hex(SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
