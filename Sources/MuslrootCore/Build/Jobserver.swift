#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Foundation
import Synchronization

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

    /// Waits for a free slot. The wait is a poll(2) on a thread of its own: no CPU while
    /// waiting, woken as soon as a token is written (as make's own blocking reads are, so
    /// muslroot's phases do not lose every token to them), and woken through a pipe of its own
    /// when the task is cancelled.
    public func acquire() async throws {
        if takeToken() { return }
        let wakeup = try Wakeup(for: path)
        defer { wakeup.close() }
        let fifo = descriptor
        let outcome = await withTaskCancellationHandler {
            await DedicatedThread.run("muslroot jobserver") { Self.waitForToken(fifo, wakeup: wakeup.readEnd) }
        } onCancel: {
            wakeup.signal()
        }
        switch outcome {
        case .taken: return
        case .woken: throw CancellationError()
        case let .failed(code):
            throw BuildError.workspace(path: path, reason: "waiting for a jobserver slot: poll: \(String(cString: strerror(code)))")
        }
    }

    private enum Wait: Sendable { case taken, woken, failed(Int32) }

    private func takeToken() -> Bool {
        var byte: UInt8 = 0
        return read(descriptor, &byte, 1) == 1
    }

    /// Blocks until a token is read from `fifo` or `wakeup` becomes readable.
    private static func waitForToken(_ fifo: Int32, wakeup: Int32) -> Wait {
        var byte: UInt8 = 0
        while true {
            var fds = [pollfd(fd: fifo, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return .failed(errno)  // bad descriptors or no memory: nothing to wait for
            }
            if fds[1].revents != 0 { return .woken }
            // Another reader may have taken the token first: then wait again.
            if read(fifo, &byte, 1) == 1 { return .taken }
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

/// A pipe that wakes a thread blocked in poll(2): written once to wake it, closed after the
/// wait (a signal that comes later does nothing). The lock makes a signal and the close
/// exclude each other, so that a signal never writes to a descriptor already reused.
private final class Wakeup: Sendable {
    let readEnd: Int32
    private let writeEnd: Int32
    private let closed = Mutex(false)

    /// A wake-up pipe for a wait on the jobserver at `jobserver`, named in the error.
    init(for jobserver: String) throws {
        var ends: [Int32] = [0, 0]
        guard clinux_pipe_cloexec(&ends) == 0 else {
            throw BuildError.workspace(path: jobserver, reason: "cannot create a pipe to wait on it: \(String(cString: strerror(errno))) "
                + "(too many open files? raise 'ulimit -n' or lower --jobs)")
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    func signal() {
        closed.withLock { closed in
            guard !closed else { return }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    func close() {
        closed.withLock { closed in
            guard !closed else { return }
            closed = true
            _ = Glibc.close(readEnd)
            _ = Glibc.close(writeEnd)
        }
    }
}
