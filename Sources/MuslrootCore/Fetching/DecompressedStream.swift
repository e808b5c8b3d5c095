import Foundation

/// Hands decompressed bytes from one thread (decompressing) to another (writing files), so
/// that both run at once, as `tar` does with an `xz -d` child. A few fixed 1 MiB buffers go
/// round: the producer fills free ones, the consumer lends each to libarchive until it asks
/// for the next one.
final class DecompressedStream: @unchecked Sendable {
    static let bufferSize = 1 << 20

    private let condition = NSCondition()
    private var free: [UnsafeMutableRawBufferPointer]
    private var filled: [(buffer: UnsafeMutableRawBufferPointer, count: Int)] = []
    private var lent: UnsafeMutableRawBufferPointer?
    private var ended = false
    private var closed = false
    private(set) var failure: String?

    init(buffers: Int = 4) {
        free = (0..<buffers).map { _ in .allocate(byteCount: Self.bufferSize, alignment: 64) }
    }

    deinit {
        for buffer in free + filled.map(\.buffer) + (lent.map { [$0] } ?? []) { buffer.deallocate() }
    }

    // MARK: Producer

    /// A buffer to fill, or nil once the consumer has stopped reading.
    func emptyBuffer() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !closed { condition.wait() }
        return closed ? nil : free.removeLast()
    }

    func push(_ buffer: UnsafeMutableRawBufferPointer, count: Int) {
        condition.lock()
        if count > 0 { filled.append((buffer, count)) } else { free.append(buffer) }
        condition.broadcast()
        condition.unlock()
    }

    /// No more bytes: the end of the data, or a failure (its message).
    func end(failure: String?) {
        condition.lock()
        ended = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Consumer

    /// The next bytes (count 0 at the end, -1 on failure); they stay valid until the next call.
    func next() -> (UnsafeRawPointer?, Int) {
        condition.lock()
        defer { condition.unlock() }
        if let lent {
            free.append(lent)
            self.lent = nil
            condition.broadcast()
        }
        while filled.isEmpty, !ended { condition.wait() }
        if !filled.isEmpty {
            let (buffer, count) = filled.removeFirst()
            lent = buffer
            return (UnsafeRawPointer(buffer.baseAddress), count)
        }
        return (nil, failure == nil ? 0 : -1)
    }

    /// The consumer is done (finished or failed): the producer stops at its next buffer.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the producer has ended.
    func waitForEnd() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }
}
