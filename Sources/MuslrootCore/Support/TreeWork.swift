import Foundation

/// Blocking work on whole directory trees (merging the stage, exchanging the prefix, removing
/// build trees) goes through here: on a thread of its own, so that it never holds one of the
/// few threads of Swift's cooperative pool while the disk works.
enum TreeWork {
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await DedicatedThread.run("muslroot \(name)") { Result { try body() } }.get()
    }

    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await DedicatedThread.run("muslroot \(name)", body)
    }

    /// Removes each of `paths` with everything below it; what cannot be removed stays.
    static func remove(_ paths: [String]) async {
        await run("cleanup") {
            for path in paths { FileTree.remove(path) }
        }
    }

    /// What the system said about a failed file operation, without Foundation's wrapping:
    /// "No space left on device" rather than "The file couldn't be saved".
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }
}
