import Foundation

extension BuildReporter.Style {
    /// How a command in this style shows downloads: JSON events on `events`, live lines on a
    /// terminal, plain lines otherwise (line by line, unbuffered: a log shows each line as it
    /// happens, even if the process is killed).
    public func fetchProgress(output: TextOutput, events: EventStream) -> any FetchProgress {
        switch self {
        case .json: JSONFetchProgress(stream: events)
        case .terminal: TerminalFetchProgress(write: output.write)
        case .plain: PlainFetchProgress(write: output.line)
        }
    }
}
