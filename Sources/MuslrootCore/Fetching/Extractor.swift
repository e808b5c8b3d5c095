import Foundation

/// Unpacks a source archive into a directory, its single top-level directory stripped.
/// Entries go to a scratch directory beside the destination, renamed into place once all
/// are written: an interrupted or refused extraction leaves nothing at the destination.
public enum Extractor {
    /// `exclude`: paths below the archive's top-level directory left out, with everything
    /// under them.
    public static func extract(_ archive: String, into destination: String, excluding exclude: [String] = []) async throws(ExtractError) {
        let result: Result<Void, ExtractError> = await DedicatedThread.run("muslroot extract") {
            Result { () throws(ExtractError) in try extractBlocking(archive, into: destination, excluding: exclude) }
        }
        try result.get()
    }

    static func extractBlocking(_ archive: String, into destination: String, excluding exclude: [String] = [],
                                absoluteLinks: Bool = false, keepingTimes: Bool = true) throws(ExtractError) {
        let file = try open(archive)
        defer { file.close() }
        let destination = FileTree.normalized(destination)
        let parent = (destination as NSString).deletingLastPathComponent
        var info = stat()
        if lstat(destination, &info) == 0,
           (info.st_mode & S_IFMT) != S_IFDIR || (try? FileManager.default.contentsOfDirectory(atPath: destination))?.isEmpty != true {
            throw .destinationExists(path: destination)
        }
        do {
            try SystemFailure.makeDirectories(parent)
        } catch {
            throw .write(archive: archive, path: parent, message: error.text)
        }
        FileTree.sweepScratch(beside: destination, for: "extracting")
        let scratch = FileTree.scratchPath(beside: destination, for: "extracting")
        guard mkdir(scratch, 0o755) == 0 else {
            throw .write(archive: archive, path: scratch, message: SystemFailure(scratch).text)
        }
        do throws(ExtractError) {
            guard let writer = try? DirectoryWriter(root: scratch) else {
                throw .write(archive: archive, path: scratch, message: SystemFailure(scratch).text)
            }
            try ArchiveReader(path: archive, file: file, destination: destination, exclude: exclude, absoluteLinks: absoluteLinks,
                              keepsTimes: keepingTimes)
                .extract(into: writer)
        } catch {
            FileTree.remove(scratch)
            throw error
        }
        if rename(scratch, destination) != 0 {
            let failure = SystemFailure(destination)
            FileTree.remove(scratch)
            throw .write(archive: archive, path: destination, message: failure.text)
        }
    }

    /// The archive, if it is a regular file: a FIFO or a device is refused without blocking.
    private static func open(_ archive: String) throws(ExtractError) -> RegularFile {
        do {
            return try RegularFile.open(archive)
        } catch {
            switch error {
            case .notRegular(let kind): throw .notARegularFile(archive: archive, kind: kind)
            case .system(let failure):
                throw .unreadable(archive: archive, message: failure.code == ENOENT ? "there is no such file" : failure.text)
            }
        }
    }
}
