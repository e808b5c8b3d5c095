import Foundation
import Testing
@testable import MuslrootCore

@Suite("Jobserver", .timeLimit(.minutes(1)))
struct JobserverTests {
    let scratch = Scratch()

    /// The tokens in the pool right now, read out and written back.
    func freeSlots(_ jobserver: Jobserver) throws -> Int {
        let fifo = open(jobserver.path, O_RDWR | O_NONBLOCK)
        defer { close(fifo) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(fifo, &bytes, bytes.count)
        if count > 0 { _ = write(fifo, bytes, count) }
        return max(count, 0)
    }

    @Test func aWaitingPhaseGetsTheSlotWhenItIsGivenBack() async throws {
        let jobserver = try Jobserver(path: "\(scratch.path)/jobserver", slots: 1)
        try await jobserver.acquire()
        let acquired = StopFlag()
        let waiter = Task {
            try await jobserver.acquire()
            acquired.raise()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!acquired.isRaised, "no slot is free: the waiter is still waiting")
        jobserver.release()
        try await waiter.value
        #expect(acquired.isRaised)
        #expect(try freeSlots(jobserver) == 0, "the waiter holds the one slot")
        jobserver.release()
        #expect(try freeSlots(jobserver) == 1)
    }

    @Test func cancellingAWaitEndsItWithoutTakingASlot() async throws {
        let jobserver = try Jobserver(path: "\(scratch.path)/jobserver", slots: 2)
        try await jobserver.acquire()
        try await jobserver.acquire()
        let waiter = Task { try await jobserver.acquire() }
        try await Task.sleep(for: .milliseconds(200))
        waiter.cancel()
        // Were the wait not ended, this would hang until the suite's time limit.
        await #expect(throws: CancellationError.self) { try await waiter.value }
        jobserver.release()
        jobserver.release()
        #expect(try freeSlots(jobserver) == 2)
    }
}
