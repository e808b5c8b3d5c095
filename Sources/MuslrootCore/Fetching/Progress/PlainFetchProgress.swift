import Foundation

/// One line per event, for logs and pipes: no progress bars, no escape sequences.
public final class PlainFetchProgress: FetchProgress, @unchecked Sendable {
    private let write: @Sendable (String) -> Void

    /// `write` gets one line at a time, without its newline.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func record(_ event: FetchEvent) {
        guard let line = Self.line(for: event) else { return }
        write(line)
    }

    /// The permanent line an event leaves in a log (nil for progress ticks).
    static func line(for event: FetchEvent) -> String? {
        switch event {
        case let .cached(source, _):
            return "cached    \(source.file)"
        case let .started(source, url, offset):
            return "fetching  \(source.file) from \(url)" + (offset > 0 ? " (resuming at \(Quantity.bytes(offset)))" : "")
        case .progress:
            return nil
        case let .retrying(source, _, attempt, reason, delay):
            return "retrying  \(source.file) in \(Quantity.duration(delay)) (attempt \(attempt + 1)): \(reason)"
        case let .failed(source, _, error):
            return "failed    \(source.file): \(error.description.replacingOccurrences(of: "\n", with: "\n          "))"
        case let .done(source, _, _, bytes):
            return "verified  \(source.file) (\(Quantity.bytes(bytes)), sha256 ok)"
        }
    }
}
