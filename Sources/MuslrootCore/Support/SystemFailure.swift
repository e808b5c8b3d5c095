import Foundation

/// A system call that failed on a path (errno), put into words that name the cause and what
/// to do. Never shown as is: FetchError, ExtractError and PatchError carry its `text`.
struct SystemFailure: Error, Equatable {
    var path: String
    var code: Int32

    init(_ path: String, code: Int32 = errno) {
        self.path = path
        self.code = code
    }

    /// The cause and a next step, for example "no space left on the file system holding
    /// /work/cache (df -h /work/cache); free some space there or choose another place".
    var text: String {
        switch code {
        case ENOSPC, EDQUOT:
            let directory = Self.existingDirectory(of: path)
            return "no space left on the file system holding \(directory) (see df -h \(directory)); free some space there or choose another place"
        case ENOTDIR, EEXIST:
            guard let file = Self.blockingFile(in: path) else { return String(cString: strerror(code)) }
            return "\(file) is a file, not a directory; move it away or choose another place"
        case EACCES, EPERM:
            return "permission denied; check the permissions of \(Self.existingDirectory(of: path)) or choose another place"
        case EROFS:
            return "read-only file system; choose another place"
        case ENAMETOOLONG:
            return "a name in it is longer than the file system allows (255 bytes a name, 4096 a path)"
        default:
            return String(cString: strerror(code))
        }
    }

    /// The nearest directory that exists at or above `path`'s parent.
    static func existingDirectory(of path: String) -> String {
        var directory = (path as NSString).deletingLastPathComponent
        var info = stat()
        while directory.count > 1, stat(directory, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR {
            directory = (directory as NSString).deletingLastPathComponent
        }
        return directory.isEmpty ? "." : directory
    }

    /// The first component of `path` that exists and is not a directory (a file in the way).
    static func blockingFile(in path: String) -> String? {
        var prefix = ""
        var info = stat()
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty && !path.hasPrefix("/") ? "" : "/") + component
            guard stat(prefix, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) != S_IFDIR { return prefix }
        }
        return nil
    }

    /// `mkdir -p`: every missing directory of `path` made, each with mode 0755.
    static func makeDirectories(_ path: String) throws(SystemFailure) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw SystemFailure(path, code: ENOTDIR)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw SystemFailure(path) }
    }
}
