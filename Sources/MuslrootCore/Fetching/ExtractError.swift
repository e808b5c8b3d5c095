/// Everything that can go wrong while unpacking a source archive. Exit code 1.
/// Whatever the failure, nothing is left at the destination.
public enum ExtractError: Error, Sendable, Equatable {
    /// libarchive could not open or read the archive (missing, truncated, corrupt, unknown format).
    case unreadable(archive: String, message: String)
    /// The archive's path is not a regular file (a FIFO, a device, a directory): nothing is
    /// read from it, so it cannot block or run forever.
    case notARegularFile(archive: String, kind: String)
    /// An entry that could write outside the destination, or that a source tree has no use
    /// for (a device node, a FIFO), so the whole archive is refused.
    case refusedEntry(archive: String, entry: String, reason: String)
    /// An entry whose name (or link target) is not valid UTF-8, shown with its bytes escaped
    /// (`\xff`). Names are kept as text, so two such names could become one file: the
    /// archive is refused instead.
    case nameNotUTF8(archive: String, entry: String)
    /// The archive does not hold exactly one top-level directory to strip.
    case notOneTopLevelDirectory(archive: String, entries: [String])
    /// The file system refused a write; `message` says why and what to do.
    case write(archive: String, path: String, message: String)
    /// The destination is there and not empty.
    case destinationExists(path: String)
    /// A source of the recipe has no downloaded archive (the caller skipped `muslroot fetch`).
    case missingArchive(recipe: String, source: String)
    /// Paths of the source's `exclude` that nothing in the archive is at: a stale list (the
    /// recipe moved to another version) that would silently unpack what it meant to leave out.
    case excludeMatchedNothing(archive: String, paths: [String])
}

extension ExtractError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension ExtractError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadable(archive, message):
            return "\(archive): cannot read the archive: \(message); if it is a cached download, delete it (rm \(archive)) and run 'muslroot fetch' again"
        case let .notARegularFile(archive, kind):
            return "\(archive) is \(kind), not a regular file; nothing was read from it. Give the path of the archive file itself"
        case let .refusedEntry(archive, entry, reason):
            return "\(archive): refused entry '\(entry)': \(reason); nothing was extracted. The archive is unsafe or not a source tarball: check where it came from"
        case let .nameNotUTF8(archive, entry):
            return "\(archive): entry '\(entry)' has a name that is not valid UTF-8 (bytes shown as \\xNN); nothing was extracted, "
                + "since such names could be merged into one file. Repack the archive with UTF-8 names, or use another release of the source"
        case let .notOneTopLevelDirectory(archive, entries):
            let found = entries.isEmpty ? "no directory" : entries.map { "'\($0)'" }.joined(separator: " and ")
            return "\(archive): expected a single top-level directory, found \(found); muslroot unpacks release tarballs, which hold "
                + "one NAME-VERSION/ directory: check that the recipe's url points at one (not a bare file or a repository snapshot), "
                + "or that this is the right file"
        case let .write(archive, path, message):
            return (archive.isEmpty ? "" : "\(archive): ") + "cannot write \(path): \(message)"
        case let .destinationExists(path):
            return "\(path) already exists (and is not an empty directory); remove it or choose another place"
        case let .missingArchive(recipe, source):
            return "recipe '\(recipe)': source '\(source)' has not been downloaded; run 'muslroot fetch \(recipe)'"
        case let .excludeMatchedNothing(archive, paths):
            return "\(archive) has nothing at \(paths.map { "'\($0)'" }.joined(separator: ", ")), which the recipe's exclude lists; "
                + "remove \(paths.count == 1 ? "it" : "them") from the source's exclude (or correct the path) and run again"
        }
    }
}
