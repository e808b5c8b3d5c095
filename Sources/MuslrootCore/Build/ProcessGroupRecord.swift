#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The process groups of the commands running now, written to a file in the work directory.
/// If muslroot itself is killed (`kill -9`), its commands live on in their own sessions; the
/// next run reads the file and ends those groups before it builds in the same trees.
actor ProcessGroupRecord {
    let path: String
    private var groups: Set<Int32> = []

    init(path: String) {
        self.path = path
    }

    func insert(_ group: Int32) {
        groups.insert(group)
        save()
    }

    func remove(_ group: Int32) {
        groups.remove(group)
        save()
    }

    private func save() {
        let text = groups.sorted().map(String.init).joined(separator: "\n")
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Ends groups a killed run left behind: only those whose leader still works inside
    /// `workspace` (so a reused process id is never touched).
    static func reapLeftovers(path: String, workspace: String) async {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for group in text.split(separator: "\n").compactMap({ Int32($0) }) where group > 1 {
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(group)/cwd")) ?? ""
            if cwd.hasPrefix(workspace) { await kill(group) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// How long a group has between SIGTERM and SIGKILL.
    static let grace: Duration = .milliseconds(200)

    /// Ends process group `group`: SIGTERM, then SIGKILL for whatever is left after `grace`.
    /// The wait is an async sleep in a task of its own, so that it runs its course even when
    /// the caller is being cancelled (which is when groups are torn down).
    static func kill(_ group: Int32) async {
        guard Glibc.kill(-group, SIGTERM) == 0 else { return }  // already gone
        await Task {
            let deadline = ContinuousClock.now + grace
            while ContinuousClock.now < deadline, Glibc.kill(-group, 0) == 0 {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }.value
        _ = Glibc.kill(-group, SIGKILL)
    }
}
