import Foundation
import Testing
@testable import MuslrootCore

/// These tests use SIGUSR1 and SIGUSR2, not SIGINT and SIGTERM: tests run in parallel, and a
/// SIGTERM sent to this process would also cancel another test's in-process bootstrap.
@Suite("Signals become cancellation, only while an operation runs", .serialized)
struct InterruptionTests {
    @Test("after the operation, the signal's disposition is the one it had before (here a handler of the test's)")
    func restored() async throws {
        var own = sigaction()
        own.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&own.sa_mask)
        var original = sigaction()
        sigaction(SIGUSR1, &own, &original)
        defer { sigaction(SIGUSR1, &original, nil) }
        let before = SignalWatch.currentHandler(SIGUSR1)
        #expect(before > 1, "the test's own handler is installed")
        let during = try await Interruption.cancelling(on: [SIGUSR1]) { SignalWatch.currentHandler(SIGUSR1) }
        #expect(during > 1 && during != before, "muslroot's own handler while the operation runs")
        #expect(SignalWatch.currentHandler(SIGUSR1) == before)
    }

    @Test("overlapping operations: the disposition comes back when the last one ends, not the first")
    func overlapping() async throws {
        var original = sigaction()
        sigaction(SIGUSR1, nil, &original)
        let before = SignalWatch.currentHandler(SIGUSR1)
        try await Interruption.cancelling(on: [SIGUSR1]) {
            try await Interruption.cancelling(on: [SIGUSR1]) {}
            #expect(SignalWatch.currentHandler(SIGUSR1) > 1, "still muslroot's handler: the outer operation runs")
        }
        #expect(SignalWatch.currentHandler(SIGUSR1) == before)
    }

    @Test("a signal during the operation cancels it, and again in the next operation (after the restore)")
    func cancels() async throws {
        for _ in 0..<2 {
            await #expect(throws: CancellationError.self) {
                try await Interruption.cancelling(on: [SIGUSR2]) {
                    kill(getpid(), SIGUSR2)
                    // Waits for the cancellation the signal brings (Task.sleep throws CancellationError).
                    try await Task.sleep(for: .seconds(300))
                }
            }
        }
    }

    @Test("the stop signals are Ctrl-C, kill and a closed terminal")
    func stopSignals() {
        #expect(Interruption.stopSignals == [SIGINT, SIGTERM, SIGHUP])
    }
}
