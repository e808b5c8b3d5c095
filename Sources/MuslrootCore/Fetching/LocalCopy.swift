import Crypto
import Foundation

/// Copies a source from a local file (a directory mirror's, or a file:// URL's) into the
/// partial download, hashing it on the way; what `Downloader` does for the network.
///
/// Only a regular file is read (see `RegularFile`): a FIFO does not block the fetch, a link
/// to /dev/zero does not fill the disk. Never more than the size fstat reported at the open
/// is copied, so a file that keeps growing cannot fill it either (its hash will not match).
struct LocalCopy: Sendable {
    let path: String
    let url: String
    let partial: String
    /// At most one byte more than this is copied (enough to tell that the file is longer).
    var limit: Int64? = nil

    /// The local path a file:// URL names (percent-escapes decoded); nil for any other URL.
    static func path(of url: String) -> String? {
        guard url.lowercased().hasPrefix("file://") else { return nil }
        return URLComponents(string: url)?.path
    }

    func run(events: @escaping @Sendable (Downloader.Event) -> Void) async throws(FetchError) -> Downloader.Download {
        let stop = StopFlag()
        let result = await withTaskCancellationHandler {
            await DedicatedThread.run("muslroot copy") { Result { () throws(FetchError) in try copy(stop: stop, events: events) } }
        } onCancel: {
            stop.raise()
        }
        if case .failure = result { unlink(partial) }  // no half copy for the next URL to resume
        return try result.get()
    }

    private func copy(stop: StopFlag, events: @Sendable (Downloader.Event) -> Void) throws(FetchError) -> Downloader.Download {
        let source: RegularFile
        do {
            source = try RegularFile.open(path)
        } catch {
            switch error {
            case .notRegular(let kind): throw .notARegularFile(path: path, kind: kind)
            case .system(let failure):
                throw .unreadableFile(path: path, message: failure.code == ENOENT ? "there is no such file" : failure.text)
            }
        }
        defer { source.close() }
        let target = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard target >= 0 else { throw .cache(path: partial, message: SystemFailure(partial).text) }
        defer { close(target) }
        events(.started(offset: 0))
        var hasher = SHA256()
        var copied: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        let end = min(source.size, limit.map { $0 + 1 } ?? .max)
        while copied < end {
            if stop.isRaised { throw .cancelled }
            let n = read(source.descriptor, buffer.baseAddress, Int(min(Int64(buffer.count), end - copied)))
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw .unreadableFile(path: path, message: SystemFailure(path).text) }
            if n == 0 { break }  // it shrank: the hash will say so
            try write(UnsafeRawBufferPointer(rebasing: buffer[..<n]), to: target)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
            copied += Int64(n)
            events(.progress(bytes: copied, total: source.size))
        }
        return Downloader.Download(url: url, bytes: copied, sha256: FileDigest.hex(hasher.finalize()), resumedFrom: 0)
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to target: Int32) throws(FetchError) {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(target, bytes.baseAddress! + done, bytes.count - done)
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw .cache(path: partial, message: SystemFailure(partial).text) }
            done += n
        }
    }
}
