import Foundation

/// Where a command's `--json` events go, one JSON object per line. Events of the work under
/// way (the build's, the downloads') are stamped with `elapsed` (seconds since the stream
/// began) and `self_cpu_seconds` (muslroot's own CPU so far), so that a script can see where
/// time went between events; the outcome (`installed`, `resources`, ...) is not.
public struct EventStream: Sendable {
    private let start: ContinuousClock.Instant
    private let write: @Sendable (String) -> Void

    /// `write` gets one line at a time, without its newline.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.start = .now
        self.write = write
    }

    public init(_ output: TextOutput) {
        self.init(write: output.line)
    }

    /// An event of the work under way, stamped.
    public func progress(_ event: Event) {
        write(JSONLine.encode(Stamped(event: event, elapsed: Self.milliseconds(start.secondsUntil(.now)),
                                      selfCPUSeconds: Self.milliseconds(ResourceUsage.selfCPUSeconds))))
    }

    /// An outcome: no stamp.
    public func outcome(_ event: Event) {
        write(JSONLine.encode(event))
    }

    private static func milliseconds(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    private struct Stamped: Encodable {
        var event: Event
        var elapsed: Double
        var selfCPUSeconds: Double

        func encode(to encoder: any Encoder) throws {
            try event.encode(to: encoder)
            var fields = encoder.container(keyedBy: Event.Field.self)
            try fields.encode(elapsed, forKey: .elapsed)
            try fields.encode(selfCPUSeconds, forKey: .selfCPUSeconds)
        }
    }
}
