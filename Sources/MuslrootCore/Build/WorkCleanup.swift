import Foundation

/// What a successful install leaves of the work directory: the logs. The state goes first (so
/// an interrupted clean-up never leaves phases marked done whose files are gone), then `dest/`
/// (hard-linked into the prefix), the stage (now the old prefix), the sysroot and, unless
/// asked to keep them, the source and build trees; on a thread of its own.
struct WorkCleanup: Sendable {
    let workspace: Workspace
    let keepTrees: Bool

    func run() async {
        let workspace = workspace, keepTrees = keepTrees
        await DedicatedThread.run("muslroot cleanup") {
            try? FileManager.default.removeItem(atPath: workspace.stateFile)
            for path in ["\(workspace.root)/dest", workspace.stage, workspace.sysroot] { FileTree.remove(path) }
            if !keepTrees { removeSourceAndBuildTrees(of: workspace) }
        }
    }

    /// The large source and build trees, once every phase is done.
    static func removeTrees(of workspace: Workspace) async {
        await DedicatedThread.run("muslroot cleanup") { removeSourceAndBuildTrees(of: workspace) }
    }
}

private func removeSourceAndBuildTrees(of workspace: Workspace) {
    for path in ["\(workspace.root)/src", "\(workspace.root)/build"] { FileTree.remove(path) }
}
