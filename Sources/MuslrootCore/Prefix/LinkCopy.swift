#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Trees copied by hard links: directories made, symbolic links copied, files linked (copied
/// only where a link cannot be made, across file systems). The prefix and the stage share
/// their files this way; nothing ever writes into a linked file, it is only ever replaced.
struct LinkCopy {
    /// Paths (relative to the source) left out.
    let leaving: Set<String>

    /// Copies `source` to `destination` (which must not exist). Returns what went wrong, or nil.
    func copy(_ source: String, to destination: String) -> String? {
        if mkdir(destination, 0o755) != 0 { return "mkdir \(destination): \(String(cString: strerror(errno)))" }
        return copyContents(source, destination, relative: "")
    }

    private func copyContents(_ source: String, _ destination: String, relative: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: source) else {
            return "cannot read the directory \(source)"
        }
        for name in entries.sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            let from = "\(source)/\(name)", to = "\(destination)/\(name)"
            var info = stat()
            guard lstat(from, &info) == 0 else { return "\(from): \(String(cString: strerror(errno)))" }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if mkdir(to, (info.st_mode & 0o7777) | 0o700) != 0 { return "mkdir \(to): \(String(cString: strerror(errno)))" }
                if let failure = copyContents(from, to, relative: path) { return failure }
            case S_IFLNK:
                guard !leaving.contains(path) else { continue }
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from),
                      symlink(target, to) == 0 else { return "copying the link \(from): \(String(cString: strerror(errno)))" }
            default:
                guard !leaving.contains(path) else { continue }
                if link(from, to) != 0 { return "linking \(from) to \(to): \(String(cString: strerror(errno)))" }
            }
        }
        return nil
    }

    /// Places `files` (relative paths: files and symbolic links) of the tree `source` at the
    /// same paths under `root`, making the directories they need and replacing what is there.
    static func place(_ files: [String], from source: String, into root: String) throws {
        let fm = FileManager.default
        for relative in files {
            let from = "\(source)/\(relative)", to = "\(root)/\(relative)"
            var info = stat()
            guard lstat(from, &info) == 0 else {
                throw PrefixError.stagingFailed(path: from, reason: "listed in its package but missing")
            }
            do {
                let parent = (to as NSString).deletingLastPathComponent
                var existing = stat()
                // A directory, or a link to one (the sysroot's `usr -> .`), takes the file as it is.
                if stat(parent, &existing) != 0 || existing.st_mode & S_IFMT != S_IFDIR {
                    if lstat(parent, &existing) == 0 { unlink(parent) }
                    try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
                }
                if lstat(to, &existing) == 0, existing.st_mode & S_IFMT == S_IFDIR {
                    throw PrefixError.stagingFailed(path: to, reason: "a directory is in the way of a file of the same name")
                }
                unlink(to)
                if info.st_mode & S_IFMT == S_IFLNK {
                    try fm.createSymbolicLink(atPath: to, withDestinationPath: try fm.destinationOfSymbolicLink(atPath: from))
                } else if link(from, to) != 0 {
                    try fm.copyItem(atPath: from, toPath: to)
                }
            } catch let error as PrefixError {
                throw error
            } catch {
                throw PrefixError.stagingFailed(path: to, reason: TreeWork.reason(error))
            }
        }
    }

    /// Directories left empty by `removed` go too (an uninstalled library's include/NAME).
    static func pruneEmptyDirectories(above removed: Set<String>, in root: String) {
        var candidates = Set(removed.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty })
        while !candidates.isEmpty {
            var next: Set<String> = []
            for directory in candidates.sorted(by: { $0.count > $1.count }) {
                if rmdir("\(root)/\(directory)") == 0 {
                    let parent = (directory as NSString).deletingLastPathComponent
                    if !parent.isEmpty { next.insert(parent) }
                }
            }
            candidates = next
        }
    }
}
