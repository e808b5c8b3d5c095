import Foundation

/// One JSON object per line, for scripts: the `fetch-*` events of docs/json.md, the same in
/// `fetch --json` and in the streams of `bootstrap --json` and `add --json`. Every object has
/// `event`, `source` and `file`; the others as the event has them:
///
///     {"event":"fetch-cached","source":"gcc","file":"gcc-14.2.0.tar.xz","path":"...","sha256":"..."}
///     {"event":"fetch-started","source":"gcc","file":"...","url":"...","offset":0}
///     {"event":"fetch-progress","source":"gcc","file":"...","bytes":1048576,"total":92306584}
///     {"event":"fetch-retrying","source":"gcc","file":"...","url":"...","attempt":1,"delay":2,"error":"..."}
///     {"event":"fetch-failed","source":"gcc","file":"...","url":"...","error":"..."}
///     {"event":"fetch-done","source":"gcc","file":"...","path":"...","sha256":"...","bytes":92306584,"url":"..."}
///
/// (keys in alphabetical order, with `elapsed` and `self_cpu_seconds`). `fetch-progress`
/// comes at most once a second per file.
public final class JSONFetchProgress: FetchProgress, @unchecked Sendable {
    private let lock = NSLock()
    private let stream: EventStream
    private let clock: @Sendable () -> Double
    private var lastProgress: [String: Double] = [:]

    /// `clock` gives the time in seconds (tests pass their own, to step it).
    public init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate }, stream: EventStream) {
        self.stream = stream
        self.clock = clock
    }

    /// `write` gets one line at a time, without its newline.
    public convenience init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate },
                            write: @escaping @Sendable (String) -> Void) {
        self.init(clock: clock, stream: EventStream(write: write))
    }

    public func record(_ event: FetchEvent) {
        if case .progress(let source, _, _) = event {
            let now = clock()
            let key = "\(source.sha256)/\(source.file)"
            let due = lock.withLock {
                if now - (lastProgress[key] ?? 0) < 1 { return false }
                lastProgress[key] = now
                return true
            }
            if !due { return }
        }
        stream.progress(.fetch(event))
    }
}
