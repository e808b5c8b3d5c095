#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive lock on a prefix, held for as long as muslroot works on it. It is an
/// `flock` on a file beside the prefix, so the kernel releases it when the process dies,
/// even by `kill -9`. The file names the holder, for the message the next process prints.
public final class PrefixLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Locks `prefix` (by a file beside it), or with `file`, that file itself.
    public init(prefix: String, file: String? = nil, commandLine: [String]) throws {
        let url = URL(fileURLWithPath: prefix)
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        path = file ?? "\(parent)/.\(url.lastPathComponent).muslroot.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PrefixError.notWritable(path: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw PrefixError.locked(prefix: prefix, holder: holder.isEmpty ? "unknown process" : holder)
        }
        let note = "pid \(getpid()): \(commandLine.joined(separator: " "))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
