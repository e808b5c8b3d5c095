import Foundation

/// The downloaded tarballs, each at `DIR/SHA256/FILE`. A file enters only after its sha256
/// matched, by rename, so the cache never holds a partial or unverified file; a file found
/// there is trusted without hashing it again.
///
/// Two folders beside it (same file system, so renames work) hold what is not verified:
/// `DIR.partial/` for downloads in progress (resumed on the next run) and `DIR.rejected/`
/// for files whose hash did not match, kept for inspection.
public struct SourceCache: Sendable {
    public let directory: String

    /// `directory`: an absolute path (commands resolve the user's).
    public init(directory: String) {
        self.directory = FileTree.normalized(directory)
    }

    /// `$XDG_CACHE_HOME/muslroot/sources`, else `~/.cache/muslroot/sources`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return "\(xdg)/muslroot/sources"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.cache/muslroot/sources"
    }

    /// Where `source` lives once verified.
    public func path(for source: Source) -> String {
        "\(directory)/\(source.sha256)/\(source.file)"
    }

    /// The cached file for `source`, if it is there.
    public func cachedPath(for source: Source) -> String? {
        let path = path(for: source)
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return path
    }

    var partialDirectory: String { directory + ".partial" }
    var rejectedDirectory: String { directory + ".rejected" }

    /// Where a download of `source` accumulates until it is verified.
    func partialPath(for source: Source) -> String {
        "\(partialDirectory)/\(source.sha256)-\(source.file)"
    }

    /// A lock file that serializes muslroot processes fetching the same source.
    func lockPath(for source: Source) -> String {
        "\(partialDirectory)/\(source.sha256).lock"
    }

    func prepareDirectories() throws(FetchError) {
        for path in [directory, partialDirectory] {
            do {
                try SystemFailure.makeDirectories(path)
            } catch {
                throw .cache(path: path, message: "cannot create the directory: \(error.text)")
            }
        }
    }

    /// Moves a verified download into the cache.
    func admit(_ partial: String, as source: Source) throws(FetchError) -> String {
        let target = path(for: source)
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try SystemFailure.makeDirectories(folder)
        } catch {
            throw .cache(path: folder, message: "cannot create the directory: \(error.text)")
        }
        if rename(partial, target) != 0 {
            throw .cache(path: target, message: "cannot move the verified download there: \(SystemFailure(target).text)")
        }
        return target
    }

    /// Moves a download whose hash did not match out of the way, and says where.
    func reject(_ partial: String, as source: Source, actual: String) -> String {
        let target = "\(rejectedDirectory)/\(actual.prefix(12))-\(source.file)"
        try? SystemFailure.makeDirectories(rejectedDirectory)
        unlink(target)
        if rename(partial, target) != 0 {
            let failure = SystemFailure(target)
            unlink(partial)
            return "(could not be kept: \(failure.text))"
        }
        return target
    }
}
