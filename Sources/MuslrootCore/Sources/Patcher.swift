import Foundation
import Subprocess

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
        let result: ExecutionResult<Void, StringOutput<UTF8>, CombinedErrorOutput>
        do {
            result = try await run(.name("patch"), arguments: Arguments(arguments(patch: patch, directory: directory)),
                                   input: .none, output: .string(limit: 4 << 20), error: .combinedWithOutput)
        } catch {
            throw .notRunnable(patch: patch, message: "\(error)")
        }
        guard result.terminationStatus.isSuccess else {
            throw .failed(patch: patch, status: describe(result.terminationStatus),
                          output: result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exited with status \(code)"
        default: "ended by signal: \(status)"
        }
    }
}
