import Foundation

/// The directories one build works in. Everything here can be thrown away; the prefix is
/// only touched at the end.
///
///     WORK/src/NAME          sources, extracted and patched
///     WORK/build/NAME        build trees (out-of-tree builds)
///     WORK/dest/NAME         what NAME's install phases put in ${destdir}
///     WORK/sysroot           the sysroot target libraries are built against
///     WORK/pkg/NAME          a package made from dest/NAME, laid out as the prefix is
///     WORK/logs/NAME/PHASE.log
///     WORK/state.json        phases completed, for resuming
///     STAGE                  the packages linked in: the prefix-to-be, smoke-tested before install
///
/// The stage is exchanged with the prefix in one system call, so it must be on the prefix's
/// file system: `.NAME.muslroot/stage` beside the prefix (`Workspace.stage(for:)`). The rest
/// may be anywhere, as long as configure scripts and make can take its path
/// (`Workspace.choose`): under a prefix whose path holds a space, a quote or a `$`, the
/// work directory moves to the cache, and only the stage stays beside the prefix.
public struct Workspace: Sendable {
    public var root: String
    /// The prefix-to-be.
    public var stage: String

    /// A work directory holding its own stage (`ROOT/stage`).
    public init(root: String) {
        self.init(root: root, stage: "\(root)/stage")
    }

    public init(root: String, stage: String) {
        self.root = root
        self.stage = stage
    }

    /// The default for a prefix: a hidden sibling, so that the stage can be renamed into the
    /// prefix on the same file system. `~/cross` works in `~/.cross.muslroot`.
    public static func standard(for prefix: String) -> Workspace {
        Workspace(root: hiddenSibling(of: prefix))
    }

    /// Where the stage of `prefix` is, whatever the work directory: `.NAME.muslroot/stage`
    /// beside it, on its file system.
    public static func stage(for prefix: String) -> String { "\(hiddenSibling(of: prefix))/stage" }

    private static func hiddenSibling(of prefix: String) -> String {
        let url = URL(fileURLWithPath: prefix)
        let parent = url.deletingLastPathComponent().path
        return "\(parent == "/" ? "" : parent)/.\(url.lastPathComponent).muslroot"
    }

    /// Where `target` builds: the work directory itself for x86_64, `ROOT/TRIPLE` for the
    /// others, so that the targets of one prefix keep their own trees, state and logs (an
    /// interrupted build of one resumes whatever was built for another since). The stage
    /// stays: one change to the prefix at a time holds its lock.
    public func scoped(to target: Triple) -> Workspace {
        target == .default ? self : Workspace(root: "\(root)/\(target)", stage: stage)
    }

    public func source(_ recipe: String) -> String { "\(root)/src/\(recipe)" }
    public func build(_ recipe: String) -> String { "\(root)/build/\(recipe)" }
    public func destination(_ recipe: String) -> String { "\(root)/dest/\(recipe)" }
    /// A package made from `dest/NAME` (laid out as the prefix is), ready for the stage.
    public func package(_ name: String) -> String { "\(root)/pkg/\(name)" }
    public var sysroot: String { "\(root)/sysroot" }
    public var logs: String { "\(root)/logs" }
    public func log(_ node: PhaseNode) -> String { "\(logs)/\(node.recipe)/\(node.phase).log" }
    public var stateFile: String { "\(root)/state.json" }
    public var jobserverFIFO: String { "\(root)/jobserver.fifo" }
    public var processGroupsFile: String { "\(root)/running.pids" }

    /// The source and build trees: no longer needed once every phase is done.
    public var buildTrees: [String] { ["\(root)/src", "\(root)/build"] }

    /// What goes after an install, in this order: the state first (so that an interrupted
    /// clean-up never leaves phases marked done whose files are gone), then `dest/`
    /// (hard-linked into the prefix), the stage and the sysroot. The logs stay.
    public var installedTrees: [String] { [stateFile, "\(root)/dest", "\(root)/pkg", stage, sysroot] }

    /// The directories `recipes` build in; a failure is a `BuildError` naming the directory.
    func createDirectories(for recipes: [Recipe]) throws {
        let paths = [root, "\(root)/src", logs, sysroot]
            + recipes.flatMap { [build($0.name), destination($0.name), "\(logs)/\($0.name)"] }
        for path in paths {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw BuildError.workspace(path: path, reason: TreeWork.reason(error))
            }
        }
    }
}
