import Foundation

/// Counts what a fetch did (passing every event on to the reporter it wraps), for the
/// summary printed at the end.
public final class FetchTally: FetchProgress, @unchecked Sendable {
    public struct Summary: Sendable {
        public var sources: Int
        public var downloaded: Int
        public var cached: Int
        public var bytes: Int64
        public var cache: String
    }

    private let lock = NSLock()
    private let next: (any FetchProgress)?
    private var downloaded = 0
    private var cached = 0
    private var bytes: Int64 = 0

    public init(reporting next: (any FetchProgress)?) {
        self.next = next
    }

    public func record(_ event: FetchEvent) {
        lock.withLock {
            switch event {
            case .cached: cached += 1
            case let .done(_, _, _, count):
                downloaded += 1
                bytes += count
            default: break
            }
        }
        next?.record(event)
    }

    public func summary(cache: SourceCache) -> Summary {
        lock.withLock {
            Summary(sources: downloaded + cached, downloaded: downloaded, cached: cached, bytes: bytes, cache: cache.directory)
        }
    }
}

extension FetchTally.Summary {
    public var text: String {
        "\(sources) source\(sources == 1 ? "" : "s") verified in \(cache): \(downloaded) downloaded"
            + (downloaded > 0 ? " (\(Quantity.bytes(bytes)))" : "") + ", \(cached) already there"
    }

    public var json: String { JSONLine.encode(Event.fetchSummary(self)) }
}
