import Foundation

/// The phases a work directory has completed, with their fingerprints. Written after every
/// phase (to a temporary file renamed over the old one), so a run that is killed at any
/// moment resumes from the last completed phase.
struct BuildState: Codable, Sendable {
    var completed: [String: String] = [:]

    static func load(from path: String) -> BuildState {
        guard let data = FileManager.default.contents(atPath: path),
              let state = try? JSONDecoder().decode(BuildState.self, from: data) else { return BuildState() }
        return state
    }

    func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func isComplete(_ node: PhaseNode, fingerprint: String) -> Bool {
        completed[node.description] == fingerprint
    }
}
