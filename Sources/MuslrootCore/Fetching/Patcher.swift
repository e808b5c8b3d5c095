import Foundation

/// Applies a recipe's patches to a source tree in order, with GNU patch and `-p1`.
public enum Patcher {
    /// The arguments for one patch: no questions, no reversed or already applied patches
    /// (`--forward`), no backup or reject files left in the tree.
    public static func arguments(patch: String, directory: String) -> [String] {
        ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "--reject-file=-", "-d", directory, "-i", patch]
    }

    /// The sha256 of a recipe's patch file, for the source stamp and the build fingerprints:
    /// a missing patch is an error, never hashed as empty.
    public static func sha256(of patch: String) throws(PatchError) -> String {
        do {
            return try FileDigest.digest(ofFile: patch)
        } catch {
            throw .unreadable(patch: patch, reason: error.code == ENOENT ? "there is no such file" : error.text)
        }
    }

    public static func apply(_ patches: [String], to directory: String) async throws(PatchError) {
        for patch in patches {
            try await apply(patch, to: directory)
        }
    }

    public static func apply(_ patch: String, to directory: String) async throws(PatchError) {
        _ = try sha256(of: patch)  // a missing patch said as such, not as patch's own error
        let outcome: HostCommand.Outcome
        do {
            outcome = try await HostCommand(["patch"] + arguments(patch: patch, directory: directory)).run()
        } catch {
            throw .notRunnable(patch: patch, message: "it could not be started (\(error)); is it on PATH? (Debian: apt-get install patch)")
        }
        guard outcome.succeeded else {
            throw .failed(patch: patch, status: outcome.exitCode.map { "exited with status \($0)" } ?? "ended by a signal",
                          output: outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
