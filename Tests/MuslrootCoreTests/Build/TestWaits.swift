import Foundation
@testable import MuslrootCore

/// A named pipe a test waits on instead of sleeping, for a line a command writes into it. The
/// wait has a generous limit, so that a test that goes wrong fails instead of hanging.
final class NamedPipe: Sendable {
    let path: String
    private let descriptor: Int32

    init(_ path: String) {
        self.path = path
        precondition(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
        // Open for reading without waiting for a writer, so that `> path` in a command never blocks.
        descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        precondition(descriptor >= 0, "open \(path)")
    }

    deinit { close(descriptor) }

    /// The first line a writer writes, or nil when none comes within `limit`.
    func readLine(within limit: Duration = .seconds(60)) async -> String? {
        // The closures use `self`, so that the pipe stays open (not deinitialized) while they wait.
        await DedicatedThread.run("test pipe") {
            let deadline = ContinuousClock.now + limit
            var bytes: [UInt8] = []
            while !bytes.contains(UInt8(ascii: "\n")) {
                guard let events = self.poll(until: deadline) else { return nil }
                var buffer = [UInt8](repeating: 0, count: 256)
                let count = read(self.descriptor, &buffer, buffer.count)
                if count > 0 { bytes += buffer.prefix(count) } else if events & Int16(POLLHUP) != 0 { break }
            }
            return bytes.isEmpty ? nil : String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        }
    }

    /// The events on the pipe, or nil when none came before `deadline`.
    private func poll(until deadline: ContinuousClock.Instant) -> Int16? {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return nil }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let result = Glibc.poll(&entry, 1, milliseconds)
            if result > 0 { return entry.revents & Int16(POLLNVAL) != 0 ? nil : entry.revents }
            if result < 0 && errno != EINTR { return nil }
        }
    }
}

/// Waits until process `pid` (any process, not only a child) has exited, through a pidfd that
/// becomes readable at that moment; false when it still runs after `limit`.
func waitForExit(_ pid: Int32, within limit: Duration = .seconds(60)) async -> Bool {
    // pidfd_open(2) is in glibc 2.36 but not in Swift's Glibc module: called through dlsym.
    typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pidfd_open") else { return !isRunning(pid) }
    let descriptor = unsafeBitCast(symbol, to: PidfdOpen.self)(pid, 0)
    guard descriptor >= 0 else { return errno == ESRCH }
    defer { close(descriptor) }
    let milliseconds = Int32(clamping: limit.components.seconds * 1000)
    return await DedicatedThread.run("test wait") {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, milliseconds)
            if result < 0 && errno == EINTR { continue }
            return result > 0
        }
    }
}

/// True when `pid` exists and is not a zombie (in a container, nothing may reap orphans).
/// Reads /proc with stdio: Foundation sees procfs files as empty (their size is 0).
func isRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0, let file = fopen("/proc/\(pid)/stat", "r") else { return false }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
    let stat = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let close = stat.lastIndex(of: ")"), stat.distance(from: close, to: stat.endIndex) > 2 else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
