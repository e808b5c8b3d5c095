import Foundation
import Synchronization

/// Signals turned into calls, for as long as someone watches them. While a signal is
/// watched, muslroot's handler is installed for it: it writes the signal's number to a pipe
/// (all a signal handler may safely do), and a thread reading that pipe calls the watchers.
/// When the last watcher of a signal goes, the disposition the process had before (the
/// default, a caller's handler, ignored) comes back, so that a program that runs a command
/// in-process can still be stopped after it. Installed with `sigaction`, synchronously: a
/// signal that comes once `watch` returns is seen.
enum SignalWatch {
    private struct Saved: @unchecked Sendable {
        var holders: Int
        var action: sigaction
    }

    private struct Watcher {
        var signals: [Int32]
        var call: @Sendable () -> Void
    }

    private struct State: @unchecked Sendable {
        var saved: [Int32: Saved] = [:]
        var watchers: [Int: Watcher] = [:]
        var next = 0
    }

    private static let state = Mutex(State())

    /// The pipe from the handler to the reading thread, made (and the thread started) once.
    /// The write end does not block: a handler never waits.
    private static let pipeEnds: (read: Int32, write: Int32) = {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return (-1, -1) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        let reader = ends[0]
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let count = read(reader, &byte, 1)
                if count == 1 { deliver(Int32(byte)) } else if count < 0, errno == EINTR { continue } else { return }
            }
        }
        return (ends[0], ends[1])
    }()

    /// The write end, for the handler (a plain global: read, never initialized, there).
    nonisolated(unsafe) private static var handlerPipe: Int32 = -1

    /// Calls `call` on each of `signals` until `unwatch` with the identifier returned.
    static func watch(_ signals: [Int32], _ call: @escaping @Sendable () -> Void) -> Int {
        let pipe = pipeEnds.write
        return state.withLock { state in
            handlerPipe = pipe
            for number in Set(signals) {
                if var entry = state.saved[number] {
                    entry.holders += 1
                    state.saved[number] = entry
                    continue
                }
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { number in
                    let saved = errno
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(SignalWatch.handlerPipe, &byte, 1)
                    errno = saved
                }
                action.sa_flags = SA_RESTART
                sigemptyset(&action.sa_mask)
                var previous = sigaction()
                sigaction(number, &action, &previous)
                state.saved[number] = Saved(holders: 1, action: previous)
            }
            state.next += 1
            state.watchers[state.next] = Watcher(signals: signals, call: call)
            return state.next
        }
    }

    /// Stops calling the watcher; the last watcher of a signal puts back its disposition.
    static func unwatch(_ identifier: Int) {
        state.withLock { state in
            guard let watcher = state.watchers.removeValue(forKey: identifier) else { return }
            for number in Set(watcher.signals) {
                guard var entry = state.saved[number] else { continue }
                entry.holders -= 1
                if entry.holders > 0 {
                    state.saved[number] = entry
                } else {
                    sigaction(number, &entry.action, nil)
                    state.saved[number] = nil
                }
            }
        }
    }

    private static func deliver(_ number: Int32) {
        let calls = state.withLock { state in state.watchers.values.filter { $0.signals.contains(number) }.map(\.call) }
        for call in calls { call() }
    }

    /// The handler the process has now for `number`, as a number (SIG_DFL is 0, SIG_IGN 1,
    /// else a function's address): what tests compare.
    static func currentHandler(_ number: Int32) -> Int {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
    }
}
