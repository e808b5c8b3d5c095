#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one file as `check` reads them: bytes already in memory, or an open file read
/// with pread(2) a page at a time. Only the pages the check touches are read (the headers, the
/// tables, the strings and notes it scans), and at most `pageLimit` pages are held at once, so
/// that checking an 8 GiB file takes no more memory than checking a small one.
///
/// Not `Sendable`: one check reads it, on one thread.
final class ByteSource {
    static let pageSize = 1 << 16
    /// Pages kept (least recently used ones go first): a symbol table and its string table
    /// scanned side by side each keep their page.
    static let pageLimit = 32

    let file: String
    let count: Int
    private let descriptor: Int32
    private let memory: [UInt8]
    private var pages: [Int: [UInt8]] = [:]
    private var recent: [Int] = []

    init(bytes: [UInt8], file: String) {
        self.file = file
        count = bytes.count
        memory = bytes
        descriptor = -1
    }

    private init(descriptor: Int32, count: Int, file: String) {
        self.file = file
        self.count = count
        self.descriptor = descriptor
        memory = []
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// How many pages are in memory now, and their bytes (at most `pageLimit` pages).
    var pagesHeld: Int { pages.count }
    var bytesHeld: Int { pages.values.reduce(0) { $0 + $1.count } }

    /// Opens the regular file at `path`, or says why it cannot be read, in the words of `check`.
    static func open(_ path: String) -> Result<ByteSource, CheckError> {
        // O_NONBLOCK: a FIFO must be refused, not waited on.
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = switch errno {
            case ENOENT, ENOTDIR: "no such file"
            case EACCES, EPERM: "permission denied"
            default: "cannot open: \(String(cString: strerror(errno)))"
            }
            return .failure(.unreadable(file: path, reason: reason))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            return .failure(.unreadable(file: path, reason: "cannot read: \(reason)"))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .success(ByteSource(descriptor: descriptor, count: Int(info.st_size), file: path))
        case S_IFDIR:
            close(descriptor)
            return .failure(.unreadable(file: path, reason: "is a directory, not a file"))
        default:
            close(descriptor)
            return .failure(.unreadable(file: path, reason: "not a regular file"))
        }
    }

    /// The bytes in `range`, which the caller has checked lie within the file. Ranges are
    /// small (an integer, a name, a string chunk), so one that spans two pages is copied.
    func bytes(_ range: Range<Int>) throws -> ArraySlice<UInt8> {
        if descriptor < 0 { return memory[range] }
        guard !range.isEmpty else { return [] }
        let first = range.lowerBound / Self.pageSize
        let last = (range.upperBound - 1) / Self.pageSize
        if first == last {
            let start = first * Self.pageSize
            return try page(first)[(range.lowerBound - start)..<(range.upperBound - start)]
        }
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        for index in first...last {
            let start = index * Self.pageSize
            let page = try page(index)
            let low = max(range.lowerBound, start) - start
            let high = min(range.upperBound, start + page.count) - start
            result += page[low..<high]
        }
        return result[...]
    }

    private func page(_ index: Int) throws -> [UInt8] {
        if let page = pages[index] {
            if recent.last != index {
                recent.removeAll { $0 == index }
                recent.append(index)
            }
            return page
        }
        if pages.count >= Self.pageLimit {
            pages[recent.removeFirst()] = nil
        }
        let page = try read(index)
        pages[index] = page
        recent.append(index)
        return page
    }

    /// Reads page `index` from the file, whole unless it is the last one.
    private func read(_ index: Int) throws -> [UInt8] {
        let offset = index * Self.pageSize
        let size = min(Self.pageSize, count - offset)
        var failure: CheckError?
        let page = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let got = pread(descriptor, buffer.baseAddress! + done, size - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                if got < 0 {
                    failure = .unreadable(file: file, reason: "cannot read at offset \(hex(offset + done)): \(String(cString: strerror(errno)))")
                    break
                }
                if got == 0 {
                    failure = .truncated(file: file, what: "the file became shorter while it was read (\(offset + done) bytes, was \(count))")
                    break
                }
                done += got
            }
            initialized = done
        }
        if let failure { throw failure }
        return page
    }
}
