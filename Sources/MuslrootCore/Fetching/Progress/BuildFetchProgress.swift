import Foundation

/// The downloads of `bootstrap` and `add`, passed on to what shows them: each source found in
/// the cache is reported once, not again when each recipe's sources are unpacked (after the
/// up-front fetch every one of them is in the cache).
public final class BuildFetchProgress: FetchProgress, @unchecked Sendable {
    private let lock = NSLock()
    private let next: any FetchProgress
    private var reported: Set<String> = []

    public init(reporting next: any FetchProgress) {
        self.next = next
    }

    public func record(_ event: FetchEvent) {
        let key = "\(event.source.sha256)/\(event.source.file)"
        let shown = lock.withLock {
            switch event {
            case .cached: return reported.insert(key).inserted
            case .done:
                reported.insert(key)
                return true
            default: return true
            }
        }
        if shown { next.record(event) }
    }
}
