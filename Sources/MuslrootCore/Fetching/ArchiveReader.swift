import CArchive
import Foundation

/// Reads a tar archive, compressed with whatever libarchive supports (gzip, xz, bzip2, zstd,
/// ...), and writes its entries through a `DirectoryWriter` once `ArchiveEntryPolicy` let them
/// pass. The only type that talks to libarchive.
///
/// Two libarchive readers run on two threads: one decompresses the file (the "raw" format)
/// into a `DecompressedStream`, the other reads tar entries from that stream and writes
/// them. Blocking: call `extract` off the cooperative pool.
struct ArchiveReader {
    /// The archive's path, for messages, and the file itself (see `RegularFile`).
    let path: String
    let file: RegularFile
    /// Where the tree goes in the end, to name the directory when a write fails.
    let destination: String
    /// Paths below the top-level directory that are not written (see `ArchiveEntryPolicy`).
    var exclude: [String] = []
    /// Symlinks to absolute paths allowed (binary cache artifacts; see `ArchiveEntryPolicy.checkSymlink`).
    var absoluteLinks = false
    /// The entries' modification times restored (source archives: build systems compare them);
    /// when not, files get the time they are written (binary cache artifacts, whose times are
    /// all one fixed time: see `write`).
    var keepsTimes = true

    func extract(into writer: DirectoryWriter) throws(ExtractError) {
        let stream = DecompressedStream()
        let descriptor = file.descriptor
        Thread { Self.decompress(descriptor, into: stream) }.start()
        defer {
            stream.close()
            stream.waitForEnd()
        }
        guard let archive = archive_read_new() else { throw .unreadable(archive: path, message: "out of memory") }
        defer { archive_read_free(archive) }
        archive_read_support_format_tar(archive)
        let context = Unmanaged.passUnretained(stream).toOpaque()
        let opened = archive_read_open(archive, context, nil, { _, context, buffer in
            let (bytes, count) = Unmanaged<DecompressedStream>.fromOpaque(context!).takeUnretainedValue().next()
            buffer?.pointee = bytes
            return count
        }, nil)
        guard opened == ARCHIVE_OK else { throw unreadable(archive, stream) }
        guard let entry = archive_entry_new() else { throw .unreadable(archive: path, message: "out of memory") }
        defer { archive_entry_free(entry) }
        var policy = ArchiveEntryPolicy(excluding: exclude)
        while true {
            let status = archive_read_next_header2(archive, entry)
            if status == ARCHIVE_EOF { break }
            if status < ARCHIVE_WARN { throw unreadable(archive, stream) }
            try extract(entry, from: archive, stream: stream, policy: &policy, writer: writer)
        }
        if policy.top == nil { throw .notOneTopLevelDirectory(archive: path, entries: []) }
        let unmatched = policy.unmatchedExclusions
        if !unmatched.isEmpty { throw .excludeMatchedNothing(archive: path, paths: unmatched) }
        do { try writer.finish() } catch { throw failure(error, entry: "") }
    }

    private func extract(_ entry: OpaquePointer, from archive: OpaquePointer, stream: DecompressedStream,
                         policy: inout ArchiveEntryPolicy,
                         writer: DirectoryWriter) throws(ExtractError) {
        guard let cName = archive_entry_pathname(entry) else {
            throw .refusedEntry(archive: path, entry: "?", reason: "entry without a name")
        }
        let name = try text(cName, entry: cName)
        let mode = UInt32(archive_entry_mode(entry))
        let hardlink = try archive_entry_hardlink(entry).map { (target) throws(ExtractError) in try text(target, entry: cName) }
        let kind: ArchiveEntryPolicy.Kind = hardlink == nil ? .init(mode: mode) : .hardlink
        let mtime = keepsTimes && archive_entry_mtime_is_set(entry) != 0
            ? timespec(tv_sec: archive_entry_mtime(entry), tv_nsec: archive_entry_mtime_nsec(entry)) : nil
        do {
            let target = try policy.destination(of: name, kind: kind)
            if policy.isExcluded(target) { return }  // libarchive skips its data at the next header
            switch kind {
            case .directory:
                try writer.directory(target, mode: mode, mtime: mtime)
            case .hardlink:
                try writer.hardlink(target, to: try policy.hardlinkTarget(hardlink!))
            case .symlink:
                let link = try archive_entry_symlink(entry).map { (target) throws(ExtractError) in try text(target, entry: cName) } ?? ""
                try ArchiveEntryPolicy.checkSymlink(target: link, at: target, allowingAbsolute: absoluteLinks)
                try writer.symlink(target, target: link, mtime: mtime)
            default:
                let file = try writer.createFile(target, mode: mode)
                let written = try copyData(archive, stream: stream, to: file, name: name)
                let size = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : written
                try writer.finishFile(file, path: target, size: size, written: written, mtime: mtime)
            }
        } catch let error as ArchiveEntryPolicy.Refusal {
            throw refusal(error, entry: name)
        } catch let error as DirectoryWriter.Failure {
            throw failure(error, entry: name)
        } catch let error as ExtractError {
            throw error
        } catch {
            throw .unreadable(archive: path, message: "\(error)")
        }
    }

    /// Writes the entry's data blocks at their offsets (holes in sparse files stay holes).
    private func copyData(_ archive: OpaquePointer, stream: DecompressedStream, to file: Int32, name: String) throws(ExtractError) -> Int64 {
        var block: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        var end: Int64 = 0
        while true {
            let status = archive_read_data_block(archive, &block, &size, &offset)
            if status == ARCHIVE_EOF { return end }
            if status < ARCHIVE_WARN {
                close(file)
                throw unreadable(archive, stream)
            }
            var done = 0
            while done < size {
                let n = pwrite(file, block! + done, size - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(file)
                    throw .write(archive: path, path: name, message: SystemFailure("\(destination)/\(name)", code: code).text)
                }
                done += n
            }
            end = max(end, Int64(offset) + Int64(size))
        }
    }

    /// The decompressing thread: the whole file through libarchive's filters, as one raw entry.
    private static func decompress(_ descriptor: Int32, into stream: DecompressedStream) {
        guard let archive = archive_read_new() else { return stream.end(failure: "out of memory") }
        defer { archive_read_free(archive) }
        archive_read_support_filter_all(archive)
        archive_read_support_format_raw(archive)
        var entry: OpaquePointer?
        guard archive_read_open_fd(archive, descriptor, DecompressedStream.bufferSize) == ARCHIVE_OK,
              archive_read_next_header(archive, &entry) == ARCHIVE_OK else {
            return stream.end(failure: message(archive))
        }
        while let buffer = stream.emptyBuffer() {
            var count = 0
            while count < buffer.count {
                let n = archive_read_data(archive, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    stream.push(buffer, count: 0)
                    return stream.end(failure: message(archive))
                }
                if n == 0 { break }
                count += n
            }
            stream.push(buffer, count: count)
            if count < buffer.count { return stream.end(failure: nil) }
        }
        stream.end(failure: nil)
    }

    static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    private func unreadable(_ archive: OpaquePointer, _ stream: DecompressedStream) -> ExtractError {
        stream.close()
        stream.waitForEnd()
        return .unreadable(archive: path, message: stream.failure ?? Self.message(archive))
    }

    private func refusal(_ refusal: ArchiveEntryPolicy.Refusal, entry: String) -> ExtractError {
        switch refusal {
        case .unsafe(let reason): .refusedEntry(archive: path, entry: entry, reason: reason)
        case .topLevel(let entries): .notOneTopLevelDirectory(archive: path, entries: entries)
        }
    }

    private func failure(_ failure: DirectoryWriter.Failure, entry: String) -> ExtractError {
        switch failure {
        case .refused(let reason): .refusedEntry(archive: path, entry: entry, reason: reason)
        case let .system(file, code):
            .write(archive: path, path: entry.isEmpty ? file : entry, message: SystemFailure("\(destination)/\(file)", code: code).text)
        }
    }

    /// An entry's name or link target as text; one that is not UTF-8 refuses the archive,
    /// naming the entry with its bytes escaped, rather than let two names decode alike.
    private func text(_ cString: UnsafePointer<CChar>, entry: UnsafePointer<CChar>) throws(ExtractError) -> String {
        if let text = String(validatingCString: cString) { return text }
        throw .nameNotUTF8(archive: path, entry: Self.escaped(entry))
    }

    /// Printable ASCII as is, every other byte as \xNN.
    static func escaped(_ cString: UnsafePointer<CChar>) -> String {
        var text = ""
        for byte in UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: strlen(cString)) {
            text += (0x20..<0x7f).contains(byte) && byte != UInt8(ascii: "\\") ? String(UnicodeScalar(byte)) : "\\x" + FileDigest.hex([byte])
        }
        return text
    }
}
