import Foundation

/// Applies a recipe's patches to a source tree in order, with GNU patch and `-p1`.
public enum Patcher {
    /// The arguments for one patch: no questions, no reversed or already applied patches
    /// (`--forward`), no backup or reject files left in the tree.
    public static func arguments(patch: String, directory: String) -> [String] {
        ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "--reject-file=-", "-d", directory, "-i", patch]
    }

    public static func apply(_ patches: [String], to directory: String) async throws(PatchError) {
        for patch in patches {
            try await apply(patch, to: directory)
        }
    }

    public static func apply(_ patch: String, to directory: String) async throws(PatchError) {
        guard FileManager.default.isReadableFile(atPath: patch) else { throw .unreadable(patch: patch) }
        let outcome: HostCommand.Outcome
        do {
            outcome = try await HostCommand(["patch"] + arguments(patch: patch, directory: directory)).run()
        } catch {
            throw .notRunnable(patch: patch, message: "\(error)")
        }
        guard outcome.succeeded else {
            throw .failed(patch: patch, status: outcome.exitCode.map { "exited with status \($0)" } ?? "ended by a signal",
                          output: outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
