import Foundation

/// A file opened for reading only once it is known to be a regular file (symlinks followed),
/// checked with fstat on the opened descriptor, so nothing can swap it in between. It is
/// opened with O_NONBLOCK, so that a FIFO is refused at once instead of blocking the open;
/// a device (a link to /dev/zero), a directory or a socket is refused before a byte is read.
/// Blocking mode is restored before the descriptor is handed out.
struct RegularFile {
    enum Failure: Error, Equatable {
        case system(SystemFailure)
        /// What it is instead ("a FIFO (named pipe)", "a character device", ...).
        case notRegular(kind: String)
    }

    let descriptor: Int32
    /// The size fstat reported when it was opened: never read more than this.
    let size: Int64

    static func open(_ path: String) throws(Failure) -> RegularFile {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(SystemFailure(path)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let failure = SystemFailure(path)
            Foundation.close(descriptor)
            throw .system(failure)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            Foundation.close(descriptor)
            throw .notRegular(kind: kind(of: info.st_mode))
        }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
            let failure = SystemFailure(path)
            Foundation.close(descriptor)
            throw .system(failure)
        }
        return RegularFile(descriptor: descriptor, size: Int64(info.st_size))
    }

    func close() {
        _ = Foundation.close(descriptor)
    }

    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
