import Foundation
import Testing
@testable import MuslrootCore

@Suite("Jobserver", .hangGuard)
struct JobserverTests {
    let scratch = TemporaryDirectory()

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
        // Raised just before the slot is given back: a waiter that got a slot before that
        // finds it down. The release waits for the waiter to be on its way into acquire().
        let released = StopFlag()
        let (started, starting) = AsyncStream<Void>.makeStream()
        let waiter = Task {
            starting.yield()
            try await jobserver.acquire()
            return released.isRaised
        }
        for await _ in started { break }
        released.raise()
        jobserver.release()
        #expect(try await waiter.value, "the waiter got a slot while none was free")
        #expect(try freeSlots(jobserver) == 0, "the waiter holds the one slot")
        jobserver.release()
        #expect(try freeSlots(jobserver) == 1)
    }

    @Test func cancellingAWaitEndsItWithoutTakingASlot() async throws {
        let jobserver = try Jobserver(path: "\(scratch.path)/jobserver", slots: 2)
        try await jobserver.acquire()
        try await jobserver.acquire()
        let waiter = Task { try await jobserver.acquire() }
        waiter.cancel()
        // Were the wait not ended (however far it got), this would hang until the suite's time limit.
        await #expect(throws: CancellationError.self) { try await waiter.value }
        jobserver.release()
        jobserver.release()
        #expect(try freeSlots(jobserver) == 2)
    }
}
