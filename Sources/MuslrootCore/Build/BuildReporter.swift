import Foundation

/// Shows build progress: a live status line on a terminal, plain lines when the output is
/// a file or pipe, or one JSON object per line for scripts.
public actor BuildReporter: BuildObserver {
    public enum Style: Sendable { case terminal, plain, json }

    private let style: Style
    private let output: TextOutput
    private var total = 0
    private var finished = 0
    private var running: [PhaseNode: ContinuousClock.Instant] = [:]
    private var preparing: [String: ContinuousClock.Instant] = [:]
    private var ticker: Task<Void, Never>?
    private let events: EventStream

    /// `events` is the command's JSON stream (shared with its downloads, for one clock); by
    /// default one of the reporter's own on `output`.
    public init(style: Style, output: TextOutput, events: EventStream? = nil) {
        self.output = output
        self.style = style
        self.events = events ?? EventStream(output)
    }

    public static func style(json: Bool, terminal: Bool) -> Style {
        json ? .json : (terminal ? .terminal : .plain)
    }

    public func handle(_ event: BuildEvent) async {
        switch event {
        case let .planned(total, alreadyDone):
            self.total = total
            finished = alreadyDone
            emit(text: alreadyDone > 0 ? "resuming: \(alreadyDone) of \(total) phases already done" : "\(total) phases to run",
                 event: .planned(total: total, done: alreadyDone))
            if style == .terminal, ticker == nil {
                ticker = Task { [weak self] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(1))
                        await self?.redraw()
                    }
                }
            }
        case let .sourceStarted(recipe):
            preparing[recipe] = .now
            emit(text: nil, event: .sourceStarted(recipe: recipe))
        case let .sourceFinished(recipe, seconds):
            preparing[recipe] = nil
            emit(text: "sources ready: \(recipe) (\(Quantity.duration(seconds)))",
                 event: .sourceFinished(recipe: recipe, seconds: seconds))
        case let .phaseStarted(node, log):
            running[node] = .now
            emit(text: style == .plain ? "started \(node)  (log: \(log))" : nil,
                 event: .phaseStarted(phase: node.description, log: log))
        case let .phaseFinished(node, seconds):
            running[node] = nil
            finished += 1
            emit(text: "[\(finished)/\(total)] done \(node) (\(Quantity.duration(seconds)))",
                 event: .phaseFinished(phase: node.description, seconds: seconds))
        case let .phaseFailed(node, log):
            running[node] = nil
            emit(text: "FAILED \(node) (log: \(log))", event: .phaseFailed(phase: node.description, log: log))
        case let .message(text):
            emit(text: text, event: .message(text: text))
        case let .fromCache(package, key, origin):
            emit(text: "from the binary cache: \(package) (key \(key.prefix(12)), \(origin))",
                 event: .cacheHit(package: package, key: key, origin: origin))
        case let .stored(package, key, bytes):
            emit(text: "stored in the binary cache: \(package) (key \(key.prefix(12)), \(bytes) bytes)",
                 event: .cacheStored(package: package, key: key, bytes: bytes))
        }
    }

    public func finish() {
        ticker?.cancel()
        ticker = nil
        if style == .terminal { write("\r\u{1B}[K") }
    }

    private func emit(text: String?, event: Event) {
        switch style {
        case .json:
            events.progress(event)
        case .plain:
            if let text { write(text + "\n") }
        case .terminal:
            if let text { write("\r\u{1B}[K" + text + "\n") }
            redraw()
        }
    }

    private func redraw() {
        guard style == .terminal else { return }
        let now = ContinuousClock.now
        var items = running.sorted { $0.key < $1.key }.map { "\($0.key) \(Quantity.duration(($0.value).secondsUntil(now)))" }
        items += preparing.sorted { $0.key < $1.key }.map { "unpacking \($0.key) \(Quantity.duration($0.value.secondsUntil(now)))" }
        let line = "[\(finished)/\(total)] " + (items.isEmpty ? "waiting" : items.joined(separator: ", "))
        write("\r\u{1B}[K" + String(line.prefix(200)))
    }

    private func write(_ text: String) {
        output.write(text)
    }

}

extension ContinuousClock.Instant {
    /// Seconds from this instant to `other`, as a Double for reports.
    func secondsUntil(_ other: ContinuousClock.Instant) -> Double {
        let elapsed = other - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Seconds from this instant to now.
    var secondsSince: Double { secondsUntil(.now) }
}
