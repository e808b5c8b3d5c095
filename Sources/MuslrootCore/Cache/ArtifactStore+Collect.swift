import Foundation

extension ArtifactStore {
    /// `cache gc`: removes every entry but the `keepLast` newest, and then the oldest until
    /// the rest take at most `maxSize` bytes. Returns what was removed, newest first.
    public func collect(keepLast: Int?, maxSize: Int64?) -> [ArtifactDescriptor] {
        var kept = list()
        var removed: [ArtifactDescriptor] = []
        if let keepLast, kept.count > keepLast {
            removed += kept[keepLast...]
            kept = Array(kept[..<keepLast])
        }
        if let maxSize {
            while let oldest = kept.last, kept.reduce(0, { $0 + $1.size }) > maxSize {
                removed.append(oldest)
                kept.removeLast()
            }
        }
        for entry in removed { remove(entry.key) }
        return removed
    }
}
