import Foundation

/// Gets sources into the cache: a cached file is used as is; otherwise the user's mirrors are
/// tried, then each of the source's URLs, until one gives bytes with the pinned sha256.
/// Several sources download at once, at most `maxConcurrent`.
public struct Fetcher: Sendable {
    public let cache: SourceCache
    public let mirrors: [Mirror]
    public let downloader: Downloader
    public let maxConcurrent: Int
    public let progress: (any FetchProgress)?

    public init(cache: SourceCache, mirrors: [Mirror] = [], downloader: Downloader = Downloader(),
                maxConcurrent: Int = 4, progress: (any FetchProgress)? = nil) {
        self.cache = cache
        self.mirrors = mirrors
        self.downloader = downloader
        self.maxConcurrent = max(1, maxConcurrent)
        self.progress = progress
    }

    /// The cache path of each source. Every source is attempted even when one fails; the
    /// failures are thrown together at the end.
    public func fetch(_ sources: [Source]) async throws(FetchError) -> [Source: String] {
        var unique: [Source] = []
        for source in sources where !unique.contains(where: { $0.sha256 == source.sha256 && $0.file == source.file }) {
            unique.append(source)
        }
        var paths: [String: String] = [:]
        var failures: [(index: Int, error: FetchError)] = []
        // Each task hands back its source (not an index into `unique`): a release build
        // mis-handled the index captured across the typed-throws closure and crashed.
        await withTaskGroup(of: (Source, String?, FetchError?).self) { group in
            var next = 0
            func addNext() {
                guard next < unique.count else { return }
                let source = unique[next]
                next += 1
                group.addTask {
                    do {
                        return (source, try await fetch(source), nil)
                    } catch let error as FetchError {
                        return (source, nil, error)
                    } catch {
                        return (source, nil, .cancelled)
                    }
                }
            }
            for _ in 0..<maxConcurrent { addNext() }
            for await (source, path, error) in group {
                if let path { paths["\(source.sha256)/\(source.file)"] = path }
                if let error { failures.append((unique.firstIndex(of: source) ?? 0, error)) }
                addNext()
            }
        }
        let errors = failures.sorted { $0.index < $1.index }.map(\.error)  // in the order asked for
        if errors.count == 1 { throw errors[0] }
        if errors.contains(.cancelled) { throw .cancelled }
        if !errors.isEmpty { throw .several(errors) }
        var result: [Source: String] = [:]
        for source in sources { result[source] = paths["\(source.sha256)/\(source.file)"] }
        return result
    }

    /// The URLs tried for `source`, in order.
    public func candidates(for source: Source) -> [String] {
        var urls = mirrors.map { $0.url(for: source) }
        for url in source.urls where !urls.contains(url) { urls.append(url) }
        return urls
    }

    /// One source: from the cache, or downloaded, verified and admitted to it.
    public func fetch(_ source: Source) async throws(FetchError) -> String {
        if let path = cache.cachedPath(for: source) {
            progress?.record(.cached(source: source, path: path))
            return path
        }
        try cache.prepareDirectories()
        let lock = try await FetchLock.acquire(cache.lockPath(for: source))
        defer { lock.release() }
        if let path = cache.cachedPath(for: source) {  // another muslroot fetched it meanwhile
            progress?.record(.cached(source: source, path: path))
            return path
        }
        // An earlier run may have been stopped between the last byte and the rename.
        let partial = cache.partialPath(for: source)
        if access(partial, F_OK) == 0,
           await DedicatedThread.run("muslroot hash", { FileDigest.sha256(ofFile: partial) }) == source.sha256 {
            let path = try cache.admit(partial, as: source)
            progress?.record(.cached(source: source, path: path))
            return path
        }
        var attempts: [FetchError.Attempt] = []
        for url in candidates(for: source) {
            do throws(FetchError) {
                return try await fetch(source, from: url)
            } catch {
                if error == .cancelled { throw error }
                progress?.record(.failed(source: source, url: url, error: error))
                attempts.append(.init(url: url, failure: error))
            }
        }
        throw .unavailable(source: source.name, file: source.file, sha256: source.sha256, attempts: attempts)
    }

    private func fetch(_ source: Source, from url: String) async throws(FetchError) -> String {
        let partial = cache.partialPath(for: source)
        let progress = self.progress
        let events: @Sendable (Downloader.Event) -> Void = { event in
            switch event {
            case .started(let offset): progress?.record(.started(source: source, url: url, offset: offset))
            case let .progress(bytes, total): progress?.record(.progress(source: source, bytes: bytes, total: total))
            case let .retrying(attempt, reason, delay):
                progress?.record(.retrying(source: source, url: url, attempt: attempt, reason: reason, delay: delay))
            }
        }
        if let path = LocalCopy.path(of: url) {
            let copy = try await LocalCopy(path: path, url: url, partial: partial).run(events: events)
            return try admit(copy, of: source, from: url, partial: partial)
        }
        var download = try await downloader.download(from: url, to: partial, events: events)
        if download.sha256 != source.sha256, download.resumedFrom > 0 {
            // The first bytes came from an earlier transfer, maybe from another server: the
            // mismatch may be theirs. Once more, from the first byte.
            unlink(partial)
            download = try await downloader.download(from: url, to: partial, events: events)
        }
        return try admit(download, of: source, from: url, partial: partial)
    }

    /// A finished download or copy into the cache, if its hash is the pinned one.
    private func admit(_ download: Downloader.Download, of source: Source, from url: String, partial: String) throws(FetchError) -> String {
        guard download.sha256 == source.sha256 else {
            let kept = cache.reject(partial, as: source, actual: download.sha256)
            throw .hashMismatch(url: url, expected: source.sha256, actual: download.sha256, keptAt: kept)
        }
        let path = try cache.admit(partial, as: source)
        progress?.record(.done(source: source, path: path, url: url, bytes: download.bytes))
        return path
    }
}
