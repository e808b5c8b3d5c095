import Foundation

/// The phases a work directory has completed, with their fingerprints. Written after every
/// phase (to a temporary file renamed over the old one), so a run that is killed at any
/// moment resumes from the last completed phase.
struct BuildState: Codable, Sendable {
    var completed: [String: String] = [:]
    /// When each phase that has not completed since was last started (seconds since 1970):
    /// a phase listed here was interrupted, and its partial outputs are removed before it runs again.
    var started: [String: Double] = [:]

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        completed = try container.decode([String: String].self, forKey: .completed)
        started = try container.decodeIfPresent([String: Double].self, forKey: .started) ?? [:]
    }

    static func load(from path: String) -> BuildState {
        guard let data = FileManager.default.contents(atPath: path),
              let state = try? JSONDecoder().decode(BuildState.self, from: data) else { return BuildState() }
        return state
    }

    /// Writes the state; a failure (a full disk) is a `BuildError` naming the file.
    func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BuildError.workspace(path: path, reason: "cannot save which phases are done: \(TreeWork.reason(error))")
        }
    }

    func isComplete(_ node: PhaseNode, fingerprint: String) -> Bool {
        completed[node.description] == fingerprint
    }
}
