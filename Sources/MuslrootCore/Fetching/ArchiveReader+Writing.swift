import CArchive
import Foundation

/// Writing, the other half of the one libarchive type: a binary cache's artifact is a tar
/// archive compressed with zstd, whose entries sit under one top-level directory so that
/// `Extractor` (and its `ArchiveEntryPolicy`) reads it back like any source archive.
extension ArchiveReader {
    /// One tree's files to put in an archive: paths relative to `root` (files and symbolic
    /// links; directories are made as their files need them).
    struct Tree: Sendable {
        var root: String
        var files: [String]
    }

    /// Writes `trees` into a new tar.zst at `archive`, each file at `top/PATH`. A path listed
    /// twice is written once, from the last tree that lists it (a later package's file wins,
    /// as it does in a stage). Hard links are written as separate files. Blocking: call it off
    /// the cooperative pool. The archive is flushed to disk (fsync) before this returns.
    ///
    /// The same files give the same bytes, whenever and by whomever they were made: entries in
    /// the byte order of their paths, every time `BuildEnvironment.sourceDateEpoch`, owner and
    /// group 0 with no names, no group or other write permission whatever the builder's umask
    /// (docs/cache.md, "Reproducibility"). Installing an artifact does not restore the times.
    static func write(_ trees: [Tree], top: String, to archive: String, level: Int = 3) throws(ExtractError) {
        var owner: [String: String] = [:]
        var order: [String] = []
        for tree in trees {
            for file in tree.files {
                if owner[file] == nil { order.append(file) }
                owner[file] = tree.root
            }
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard let writer = archive_write_new() else { throw .write(archive: archive, path: archive, message: "out of memory") }
        defer { archive_write_free(writer) }
        archive_write_set_format_pax_restricted(writer)
        archive_write_add_filter_zstd(writer)
        archive_write_set_filter_option(writer, "zstd", "compression-level", "\(level)")
        guard archive_write_open_filename(writer, archive) == ARCHIVE_OK else {
            throw .write(archive: archive, path: archive, message: message(writer))
        }
        guard let entry = archive_entry_new() else { throw .write(archive: archive, path: archive, message: "out of memory") }
        defer { archive_entry_free(entry) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        for file in order {
            let path = "\(owner[file]!)/\(file)"
            var info = stat()
            guard lstat(path, &info) == 0 else {
                throw .write(archive: archive, path: path, message: "listed in its package but \(SystemFailure(path).text)")
            }
            archive_entry_clear(entry)
            archive_entry_copy_pathname(entry, "\(top)/\(file)")
            archive_entry_set_mode(entry, info.st_mode & ~mode_t(0o022))  // the builder's umask is not the package's
            archive_entry_set_mtime(entry, time_t(BuildEnvironment.sourceDateEpoch), 0)
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                    throw .write(archive: archive, path: path, message: "cannot read the symbolic link")
                }
                archive_entry_copy_symlink(entry, target)
                archive_entry_set_size(entry, 0)
                try header(writer, entry, archive: archive, path: path)
            case S_IFREG:
                archive_entry_set_size(entry, la_int64_t(info.st_size))
                try header(writer, entry, archive: archive, path: path)
                try copy(path, into: writer, buffer: buffer, archive: archive)
            default:
                throw .write(archive: archive, path: path, message: "neither a file nor a symbolic link")
            }
        }
        guard archive_write_close(writer) == ARCHIVE_OK else { throw .write(archive: archive, path: archive, message: message(writer)) }
        let descriptor = open(archive, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    private static func header(_ writer: OpaquePointer, _ entry: OpaquePointer, archive: String, path: String) throws(ExtractError) {
        if archive_write_header(writer, entry) < ARCHIVE_WARN {
            throw .write(archive: archive, path: path, message: message(writer))
        }
    }

    private static func copy(_ path: String, into writer: OpaquePointer, buffer: UnsafeMutableRawBufferPointer,
                             archive: String) throws(ExtractError) {
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard file >= 0 else { throw .write(archive: archive, path: path, message: SystemFailure(path).text) }
        defer { close(file) }
        while true {
            let n = read(file, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .write(archive: archive, path: path, message: SystemFailure(path).text)
            }
            if n == 0 { return }
            if archive_write_data(writer, buffer.baseAddress, n) < 0 {
                throw .write(archive: archive, path: path, message: message(writer))
            }
        }
    }
}
