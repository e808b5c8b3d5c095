import Foundation

/// What every change to a prefix holds while it works (`bootstrap`, `add`, `remove`): the
/// prefix's lock and its work directory's, released when this goes.
struct PrefixLocks: Sendable {
    let prefix: PrefixLock
    let work: PrefixLock

    init(prefix: String, workspace: Workspace, commandLine: [String]) throws {
        self.prefix = try PrefixLock(prefix: prefix, commandLine: commandLine)
        // The stage's directory too: beside the prefix, which may be elsewhere than the work directory.
        for directory in [workspace.root, (workspace.stage as NSString).deletingLastPathComponent] {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw BuildError.workspace(path: directory, reason: TreeWork.reason(error))
            }
        }
        work = try PrefixLock(prefix: workspace.root, file: "\(workspace.root)/lock", commandLine: commandLine)
    }
}
