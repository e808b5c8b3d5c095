import Foundation

/// An advisory lock (flock) on a file beside the partial download, so that two muslroot
/// processes fetching the same source do not write the same partial file.
struct FetchLock: Sendable {
    let descriptor: Int32

    static func acquire(_ path: String) async throws(FetchError) -> FetchLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cache(path: path, message: SystemFailure(path).text) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // Held by another process for as long as its download takes: wait off the pool.
            _ = await DedicatedThread.run("muslroot lock") { flock(descriptor, LOCK_EX) }
        }
        return FetchLock(descriptor: descriptor)
    }

    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
