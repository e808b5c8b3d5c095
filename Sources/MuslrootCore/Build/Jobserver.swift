#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A GNU make jobserver shared by every command muslroot runs, so that `--jobs N` bounds all
/// work at once: two `make`s side by side share N slots instead of taking N each.
///
/// The pool is a named FIFO holding one byte per free slot. muslroot takes a byte before it
/// starts a phase (the slot the phase's own process uses) and gives it back after; every
/// `make` below reads further bytes for its parallel jobs. GNU make 4.3 only accepts the
/// jobserver as inherited file descriptors, so each command is started through
/// `/bin/sh -c 'exec 3<>FIFO; exec "$@"'` with `MAKEFLAGS=--jobserver-auth=3,3`.
public final class Jobserver: Sendable {
    public let slots: Int
    public let path: String
    private let descriptor: Int32

    public init(path: String, slots: Int) throws {
        self.slots = max(1, slots)
        self.path = path
        unlink(path)
        guard mkfifo(path, 0o600) == 0 else {
            throw BuildError.workspace(path: path, reason: "mkfifo: \(String(cString: strerror(errno)))")
        }
        descriptor = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BuildError.workspace(path: path, reason: "open: \(String(cString: strerror(errno)))")
        }
        let tokens = [UInt8](repeating: UInt8(ascii: "+"), count: self.slots)
        _ = tokens.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Waits for a free slot. Polls, so that waiting never blocks a thread of the cooperative
    /// pool and ends promptly when the task is cancelled.
    public func acquire() async throws {
        var byte: UInt8 = 0
        while true {
            if read(descriptor, &byte, 1) == 1 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    public func release() {
        var byte = UInt8(ascii: "+")
        _ = write(descriptor, &byte, 1)
    }

    /// Runs `body` holding one slot.
    public func withSlot<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// Environment for a command that should share the pool.
    public var environment: [String: String] {
        ["MAKEFLAGS": " -j\(slots) --jobserver-auth=3,3"]
    }

    /// The command, started so that fd 3 is the jobserver when it runs.
    public func wrap(_ argv: [String]) -> [String] {
        ["/bin/sh", "-c", "exec 3<>\"$0\" && exec \"$@\"", path] + argv
    }
}
