import Foundation

/// Runs blocking work (curl_easy_perform, libarchive, big file operations) on a thread of its
/// own, so that it never occupies one of the few threads of Swift's cooperative pool.
enum DedicatedThread {
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.start()
        }
    }
}

/// A flag one thread sets and another polls (a transfer's "stop now").
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}
