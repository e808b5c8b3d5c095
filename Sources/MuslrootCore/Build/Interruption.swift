import Foundation
import Synchronization

/// Turns Ctrl-C and SIGTERM into task cancellation, so that running commands are torn down
/// through their process groups (they live in sessions of their own and would not see the
/// terminal's signal) and the state on disk stays consistent.
///
/// muslroot handles the signals only while an operation runs; when the last such operation
/// ends, their previous dispositions come back (`SignalWatch`), so a program that runs a
/// command in-process can still be stopped afterwards.
public enum Interruption {
    /// The signals that stop a command: Ctrl-C, `kill`, and a closed terminal.
    public static let stopSignals = [SIGINT, SIGTERM, SIGHUP]

    public static func cancelling<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await cancelling(on: stopSignals, operation)
    }

    /// `cancelling` on other signals: tests use signals no other test turns into cancellation.
    static func cancelling<T: Sendable>(on signals: [Int32], _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        // Watched before the operation starts: a signal it brings on itself (or one that
        // comes at once) cancels it instead of killing the process.
        let cancellation = SignalledCancellation()
        let watch = SignalWatch.watch(signals) { cancellation.signal() }
        defer { SignalWatch.unwatch(watch) }
        let task = Task { try await operation() }
        cancellation.attach { task.cancel() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }
}

/// The cancellation a signal asks for, whether it comes before or after the task exists.
private final class SignalledCancellation: Sendable {
    private let state = Mutex<(signalled: Bool, cancel: (@Sendable () -> Void)?)>((false, nil))

    func signal() {
        let cancel = state.withLock { state in
            state.signalled = true
            return state.cancel
        }
        cancel?()
    }

    func attach(_ cancel: @escaping @Sendable () -> Void) {
        let signalled = state.withLock { state in
            state.cancel = cancel
            return state.signalled
        }
        if signalled { cancel() }
    }
}
