import Foundation

/// Creates files, directories and links beneath one directory through file descriptors,
/// never following a symlink: each path is walked a component at a time with O_NOFOLLOW, so
/// an entry cannot be written through a link, whatever links earlier entries made. Open
/// directories are kept for the next entries (archives list a directory's files together).
///
/// Modes are kept, less group and other write (as `tar` does for a user with umask 022);
/// directories stay writable by their owner, so that patches and builds can write in them.
/// Modification times are kept: make compares them.
final class DirectoryWriter {
    enum Failure: Error {
        case refused(String)
        case system(path: String, code: Int32)
    }

    private var directories: [String: Int32]
    private var deferred: [(path: [String], mode: UInt32, mtime: timespec?)] = []

    init(root: String) throws(Failure) {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path: root, code: errno) }
        directories = ["": descriptor]
    }

    deinit {
        for descriptor in directories.values { close(descriptor) }
    }

    func directory(_ path: [String], mode: UInt32, mtime: timespec?) throws(Failure) {
        evictIfFull()
        _ = try openDirectory(path)
        deferred.append((path, mode, mtime))
    }

    /// A new regular file, open for writing; the caller writes it and calls `finishFile`.
    func createFile(_ path: [String], mode: UInt32) throws(Failure) -> Int32 {
        evictIfFull()
        let (parent, name) = try parentAndName(path)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var descriptor = openat(parent, name, flags, mode_t(mode & 0o755))
        if descriptor < 0, errno == EEXIST {
            try replace(name, in: parent, path: path)
            descriptor = openat(parent, name, flags, mode_t(mode & 0o755))
        }
        guard descriptor >= 0 else { throw .system(path: Self.join(path), code: errno) }
        return descriptor
    }

    func finishFile(_ descriptor: Int32, path: [String], size: Int64, written: Int64, mtime: timespec?) throws(Failure) {
        defer { close(descriptor) }
        if written < size, ftruncate(descriptor, off_t(size)) != 0 { throw .system(path: Self.join(path), code: errno) }
        if let mtime {
            let times = [mtime, mtime]
            if futimens(descriptor, times) != 0 { throw .system(path: Self.join(path), code: errno) }
        }
    }

    func symlink(_ path: [String], target: String, mtime: timespec?) throws(Failure) {
        evictIfFull()
        let (parent, name) = try parentAndName(path)
        if symlinkat(target, parent, name) != 0 {
            guard errno == EEXIST else { throw .system(path: Self.join(path), code: errno) }
            try replace(name, in: parent, path: path)
            if symlinkat(target, parent, name) != 0 { throw .system(path: Self.join(path), code: errno) }
        }
        if let mtime {
            let times = [mtime, mtime]
            _ = utimensat(parent, name, times, AT_SYMLINK_NOFOLLOW)
        }
    }

    func hardlink(_ path: [String], to target: [String]) throws(Failure) {
        evictIfFull()
        let (targetParent, targetName) = try parentAndName(target)
        let (parent, name) = try parentAndName(path)
        if linkat(targetParent, targetName, parent, name, 0) != 0 {
            if errno == ENOENT {
                throw .refused("it is a hard link to '\(Self.join(target))', which no earlier entry of the archive created (a damaged or cut archive)")
            }
            guard errno == EEXIST else { throw .system(path: Self.join(path), code: errno) }
            try replace(name, in: parent, path: path)
            if linkat(targetParent, targetName, parent, name, 0) != 0 { throw .system(path: Self.join(path), code: errno) }
        }
    }

    /// Gives directories their modes and times, once nothing more is written in them.
    func finish() throws(Failure) {
        for (path, mode, mtime) in deferred.reversed() {
            evictIfFull()
            let descriptor = try openDirectory(path)
            if fchmod(descriptor, mode_t((mode & 0o755) | 0o700)) != 0 { throw .system(path: Self.join(path), code: errno) }
            if let mtime {
                let times = [mtime, mtime]
                if futimens(descriptor, times) != 0 { throw .system(path: Self.join(path), code: errno) }
            }
        }
        deferred.removeAll()
    }

    // MARK: Walking

    private func parentAndName(_ path: [String]) throws(Failure) -> (Int32, String) {
        (try openDirectory(Array(path.dropLast())), path[path.count - 1])
    }

    /// The directory at `path`, created if missing; refused if a component is a symlink or a file.
    private func openDirectory(_ path: [String]) throws(Failure) -> Int32 {
        let key = Self.join(path)
        if let descriptor = directories[key] { return descriptor }
        let parent = try openDirectory(Array(path.dropLast()))
        let name = path[path.count - 1]
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var descriptor = openat(parent, name, flags)
        if descriptor < 0, errno == ENOENT {
            if mkdirat(parent, name, 0o755) != 0, errno != EEXIST { throw .system(path: key, code: errno) }
            descriptor = openat(parent, name, flags)
        }
        if descriptor < 0 {
            if errno == ELOOP || errno == ENOTDIR {
                throw .refused("'\(key)' is a symlink or a file: nothing may be written through it")
            }
            throw .system(path: key, code: errno)
        }
        directories[key] = descriptor
        return descriptor
    }

    /// Removes `name` so that a later entry of the same name replaces it (as tar does);
    /// a directory is never replaced.
    private func replace(_ name: String, in parent: Int32, path: [String]) throws(Failure) {
        var info = stat()
        if fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .refused("'\(Self.join(path))' would replace a directory")
        }
        if unlinkat(parent, name, 0) != 0, errno != ENOENT { throw .system(path: Self.join(path), code: errno) }
    }

    /// Keeps the number of open directories well under the descriptor limit.
    private func evictIfFull() {
        guard directories.count > 256 else { return }
        for (key, descriptor) in directories where !key.isEmpty { close(descriptor) }
        directories = directories.filter { $0.key.isEmpty }
    }

    static func join(_ path: [String]) -> String { path.joined(separator: "/") }
}
