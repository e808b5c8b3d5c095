import Foundation

/// What a path turned out to be, found without opening it: recipe directories and files are
/// only read when they are what they should be (a FIFO named `x.toml` would block a read).
public enum PathKind: Sendable, Equatable, CustomStringConvertible {
    case regularFile
    case directory
    case fifo
    case socket
    case device
    /// Symbolic links that lead back to themselves (or too many in a row: ELOOP).
    case symlinkLoop
    /// A symbolic link whose target does not exist.
    case danglingSymlink(target: String)
    case missing
    /// `stat` failed for another reason (a parent directory without search permission, ...).
    case inaccessible(reason: String)

    /// What is at `path`, following symbolic links.
    public static func of(_ path: String) -> PathKind {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .regularFile
            case S_IFDIR: return .directory
            case S_IFIFO: return .fifo
            case S_IFSOCK: return .socket
            default: return .device
            }
        }
        let error = errno
        if error == ELOOP { return .symlinkLoop }
        if error == ENOENT, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return .danglingSymlink(target: target)
        }
        if error == ENOENT || error == ENOTDIR { return .missing }
        return .inaccessible(reason: String(cString: strerror(error)))
    }

    /// Whether `path` itself is a symbolic link (not followed).
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    public var description: String {
        switch self {
        case .regularFile: "a file"
        case .directory: "a directory"
        case .fifo: "a named pipe (FIFO)"
        case .socket: "a socket"
        case .device: "a device"
        case .symlinkLoop: "a symbolic link loop (links that lead back to themselves)"
        case .danglingSymlink(let target): "a symbolic link to '\(target)', which does not exist"
        case .missing: "missing"
        case .inaccessible(let reason): "not accessible (\(reason))"
        }
    }
}
