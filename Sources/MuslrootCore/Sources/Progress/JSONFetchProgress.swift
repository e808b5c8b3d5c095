import Foundation

/// One JSON object per line, for scripts. Every object has `event` and `source`, `file`;
/// the others as the event has them:
///
///     {"event":"cached","source":"gcc","file":"gcc-14.2.0.tar.xz","path":"...","sha256":"..."}
///     {"event":"started","source":"gcc","file":"...","url":"...","offset":0}
///     {"event":"progress","source":"gcc","file":"...","bytes":1048576,"total":92306584}
///     {"event":"retrying","source":"gcc","file":"...","url":"...","attempt":1,"delay":2,"error":"..."}
///     {"event":"failed","source":"gcc","file":"...","url":"...","error":"..."}
///     {"event":"done","source":"gcc","file":"...","path":"...","sha256":"...","bytes":92306584,"url":"..."}
///
/// (keys in alphabetical order). `progress` comes at most once a second per file.
public final class JSONFetchProgress: FetchProgress, @unchecked Sendable {
    struct Record: Encodable {
        var event: String
        var source: String
        var file: String
        var url: String?
        var path: String?
        var sha256: String?
        var bytes: Int64?
        var total: Int64?
        var offset: Int64?
        var attempt: Int?
        var delay: Double?
        var error: String?

        init(_ event: String, _ source: Source) {
            self.event = event
            self.source = source.name
            file = source.file
        }
    }

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private var lastProgress: [String: Double] = [:]

    /// `clock` gives the time in seconds (tests pass their own, to step it).
    public init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate },
                write: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.clock = clock
    }

    public func record(_ event: FetchEvent) {
        var record: Record
        switch event {
        case let .cached(source, path):
            record = Record("cached", source)
            (record.path, record.sha256) = (path, source.sha256)
        case let .started(source, url, offset):
            record = Record("started", source)
            (record.url, record.offset) = (url, offset)
        case let .progress(source, bytes, total):
            let now = clock()
            let key = "\(source.sha256)/\(source.file)"
            let due = lock.withLock {
                if now - (lastProgress[key] ?? 0) < 1 { return false }
                lastProgress[key] = now
                return true
            }
            if !due { return }
            record = Record("progress", source)
            (record.bytes, record.total) = (bytes, total)
        case let .retrying(source, url, attempt, reason, delay):
            record = Record("retrying", source)
            (record.url, record.attempt, record.delay, record.error) = (url, attempt, delay, reason)
        case let .failed(source, url, error):
            record = Record("failed", source)
            (record.url, record.error) = (url, error.description)
        case let .done(source, path, url, bytes):
            record = Record("done", source)
            (record.path, record.sha256, record.bytes, record.url) = (path, source.sha256, bytes, url)
        }
        write(JSONLine.encode(record))
    }

}
