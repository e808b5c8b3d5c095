import Dispatch
import Foundation

/// Turns Ctrl-C and SIGTERM into task cancellation, so that running commands are torn down
/// through their process groups (they live in sessions of their own and would not see the
/// terminal's signal) and the state on disk stays consistent.
public enum Interruption {
    public static func cancelling<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        let sources = [SIGINT, SIGTERM, SIGHUP].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        return try await task.value
    }
}
