import Foundation

/// Live progress on a terminal: a line per transfer under way (bytes, rate, time left),
/// redrawn in place at most ten times a second, above it the lines of what is finished.
public final class TerminalFetchProgress: FetchProgress, @unchecked Sendable {
    private struct Row {
        var file: String
        var bytes: Int64
        var total: Int64?
        var startTime: Double
        var startBytes: Int64
    }

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private let width: Int
    private var rows: [(key: String, row: Row)] = []
    private var drawn = 0
    private var lastDraw = 0.0

    /// `write` gets raw text (escape sequences and newlines included). Live lines are cut
    /// to `width` columns (default: the terminal's), or redrawing them in place would fail.
    /// `clock` gives the time in seconds (tests pass their own, to step it).
    public init(width: Int? = nil, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate },
                write: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.clock = clock
        var size = winsize()
        self.width = width ?? (ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80)
    }

    public func record(_ event: FetchEvent) {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(event.source.sha256)/\(event.source.file)"
        let now = clock()
        switch event {
        case let .started(source, _, offset):
            rows.removeAll { $0.key == key }
            rows.append((key, Row(file: source.file, bytes: offset, total: nil, startTime: now, startBytes: offset)))
        case let .progress(_, bytes, total):
            guard let index = rows.firstIndex(where: { $0.key == key }) else { return }
            rows[index].row.bytes = bytes
            rows[index].row.total = total
            if now - lastDraw < 0.1 { return }
        case .done, .failed, .cached:
            rows.removeAll { $0.key == key }
        case .retrying:
            break
        }
        redraw(permanent: PlainFetchProgress.line(for: event), now: now)
    }

    private func redraw(permanent: String?, now: Double) {
        var text = drawn > 0 ? "\u{1B}[\(drawn)F\u{1B}[J" : ""
        if let permanent, !permanent.hasPrefix("fetching") { text += permanent + "\n" }
        for (_, row) in rows { text += String(Self.render(row, now: now).prefix(width - 1)) + "\n" }
        drawn = rows.count
        lastDraw = now
        write(text)
    }

    private static func render(_ row: Row, now: Double) -> String {
        let name = row.file.count > 32 ? String(row.file.prefix(29)) + "..." : row.file
        let elapsed = max(now - row.startTime, 0.001)
        let rate = Double(row.bytes - row.startBytes) / elapsed
        var parts = ["  " + name.padding(toLength: 32, withPad: " ", startingAt: 0)]
        if let total = row.total, total > 0 {
            parts.append("\(Quantity.bytes(row.bytes)) / \(Quantity.bytes(total))".leftPadded(to: 22))
            parts.append("\(row.bytes * 100 / total)%".leftPadded(to: 4))
            parts.append("\(Quantity.bytes(Int64(rate)))/s".leftPadded(to: 12))
            parts.append("ETA " + (rate > 0 ? Quantity.duration(Double(total - row.bytes) / rate) : "--"))
        } else {
            parts.append(Quantity.bytes(row.bytes).leftPadded(to: 22))
            parts.append("\(Quantity.bytes(Int64(rate)))/s".leftPadded(to: 12))
        }
        return parts.joined(separator: "  ")
    }
}
