/// Everything that can go wrong while unpacking a source archive. Exit code 1.
/// Whatever the failure, nothing is left at the destination.
public enum ExtractError: Error, Sendable, Equatable {
    /// libarchive could not open or read the archive (missing, truncated, corrupt, unknown format).
    case unreadable(archive: String, message: String)
    /// An entry that could write outside the destination, or that a source tree has no use
    /// for (a device node, a FIFO), so the whole archive is refused.
    case refusedEntry(archive: String, entry: String, reason: String)
    /// The archive does not hold exactly one top-level directory to strip.
    case notOneTopLevelDirectory(archive: String, entries: [String])
    /// The file system refused a write.
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
        case let .refusedEntry(archive, entry, reason):
            return "\(archive): refused entry '\(entry)': \(reason); nothing was extracted. The archive is unsafe or not a source tarball: check where it came from"
        case let .notOneTopLevelDirectory(archive, entries):
            return "\(archive): expected a single top-level directory, found \(entries.map { "'\($0)'" }.joined(separator: " and "))"
        case let .write(archive, path, message):
            return (archive.isEmpty ? "" : "\(archive): ") + "cannot write \(path): \(message); check free space and permissions"
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
