/// What happens to each source while it is fetched, for a terminal, a log or a script.
/// Events arrive from several transfers at once, on any thread.
public protocol FetchProgress: Sendable {
    func record(_ event: FetchEvent)
}

public enum FetchEvent: Sendable {
    /// Already in the cache: nothing to download.
    case cached(source: Source, path: String)
    /// A transfer from `url` began (`offset` > 0 when a partial download is resumed).
    case started(source: Source, url: String, offset: Int64)
    /// Bytes so far (counting resumed ones) and the size when the server said it.
    case progress(source: Source, bytes: Int64, total: Int64?)
    /// A transient failure; the same URL is tried again after `delay` seconds.
    case retrying(source: Source, url: String, attempt: Int, reason: String, delay: Double)
    /// This URL did not give the file; the next one is tried, if any.
    case failed(source: Source, url: String, error: FetchError)
    /// Verified and in the cache.
    case done(source: Source, path: String, url: String, bytes: Int64)
}

extension FetchEvent {
    public var source: Source {
        switch self {
        case let .cached(source, _), let .started(source, _, _), let .progress(source, _, _),
             let .retrying(source, _, _, _, _), let .failed(source, _, _), let .done(source, _, _, _):
            source
        }
    }
}

/// Sizes and durations as people read them.
enum Quantity {
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    /// The one duration format of muslroot's output: `4.2s`, `1m05s`, `1h02m03s` (`--` when unknown).
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%dh%02dm%02ds", total / 3600, total / 60 % 60, total % 60) }
        return total >= 60 ? String(format: "%dm%02ds", total / 60, total % 60) : String(format: "%.1fs", seconds)
    }
}
