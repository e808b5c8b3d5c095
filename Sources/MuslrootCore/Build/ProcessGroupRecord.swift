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
    static func reapLeftovers(path: String, workspace: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for group in text.split(separator: "\n").compactMap({ Int32($0) }) where group > 1 {
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(group)/cwd")) ?? ""
            if cwd.hasPrefix(workspace) { kill(group) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    static func kill(_ group: Int32) {
        _ = Glibc.kill(-group, SIGTERM)
        usleep(200_000)
        _ = Glibc.kill(-group, SIGKILL)
    }
}
