import Foundation

/// Whole directory trees: removing them, and sweeping what interrupted runs left behind.
public enum FileTree {
    /// `path` made absolute against `base` (the command's working directory, an absolute
    /// path), with no `.`, `..` or trailing slash, symbolic links left as they are: `~/cross/`
    /// and `~/cross` are one prefix. The one normalization of user-given paths; commands
    /// call it through `CommandContext.absolute`.
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        normalized(path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path))
    }

    /// An absolute path without `.`, `..` or a trailing slash; a relative one (a caller's
    /// mistake: the core takes absolute paths) is left as it is, not resolved here.
    public static func normalized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Removes `path` and everything below it, symlinks included (never followed), and
    /// directories a build made read-only. Blocking.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            unlink(path)
            return
        }
        if (try? FileManager.default.removeItem(atPath: path)) != nil { return }
        // Make every directory writable, then try again.
        chmod(path, 0o700)
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in walker {
                let full = "\(path)/\(relative)"
                if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { chmod(full, 0o700) }
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A name for work in progress beside `path`: `.NAME.WHAT-PID`, on the same file system,
    /// so that it can be renamed into place.
    static func scratchPath(beside path: String, for what: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return "\(parent)/.\(name).\(what)-\(getpid())"
    }

    /// Removes `.NAME.WHAT-PID` entries beside `path` whose process is gone (killed runs).
    static func sweepScratch(beside path: String, for what: String) {
        let parent = (path as NSString).deletingLastPathComponent
        let prefix = ".\((path as NSString).lastPathComponent).\(what)-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
            if pid == getpid() || kill(pid, 0) != 0 && errno == ESRCH { remove("\(parent)/\(entry)") }
        }
    }
}
