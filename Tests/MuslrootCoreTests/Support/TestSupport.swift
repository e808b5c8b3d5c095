import Foundation
@testable import MuslrootCore

/// Paths and helpers shared by the tests.
enum TestPaths {
    /// The repository root (this file is Tests/MuslrootCoreTests/Support/TestSupport.swift).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let recipes = "\(repository)/recipes"
    static let mirrorOverlay = "\(repository)/Tests/mirror-overlay"
    static let mirror = URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared/mirror").path

    static var mirrorAvailable: Bool { FileManager.default.fileExists(atPath: "\(mirror)/SHA256SUMS") }

    /// The `muslroot` executable `swift test` built beside the test bundle.
    static var executable: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("muslroot").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return "\(repository)/.build/debug/muslroot"
    }
}

/// A fresh directory under /tmp for one test, removed by `remove()` or when the last
/// reference to it goes (read-only directories a build left included).
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "test") {
        path = NSTemporaryDirectory() + "muslroot-\(label)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// At a path of the test's choosing (made if needed).
    init(at path: String) {
        self.path = path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = "\(path)/\(name)"
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A directory inside, made if needed.
    func sub(_ name: String) -> String {
        let full = "\(path)/\(name)"
        try? FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    func remove() { FileTree.remove(path) }

    /// Every path below `directory`, relative, sorted.
    static func listing(_ directory: String) -> [String] {
        ((FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []).sorted()
    }
}

/// Runs a program to its end; its exit status and both outputs (read side by side, so that
/// neither pipe fills up while the other is read).
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                directory: String? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errors = Thread.detachedRead(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.wait()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

extension Thread {
    /// Reads `handle` to its end on a thread of its own; `wait()` returns what it read.
    static func detachedRead(_ handle: FileHandle) -> PendingRead {
        let pending = PendingRead()
        Thread { pending.finish(handle.readDataToEndOfFile()) }.start()
        return pending
    }
}

final class PendingRead: @unchecked Sendable {
    // The condition guards `data`.
    private let condition = NSCondition()
    private var data: Data?

    func finish(_ read: Data) { condition.withLock { data = read; condition.signal() } }

    func wait() -> Data {
        condition.withLock {
            while data == nil { condition.wait() }
            return data!
        }
    }
}

/// A minimal valid recipe, for fixtures.
func recipeText(_ name: String, depends: [String] = [], phases: String? = nil, extra: String = "") -> String {
    let dependencies = depends.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
    name = "\(name)"
    version = "1.0"
    summary = "test recipe \(name)"
    homepage = "https://example.invalid/\(name)"
    license = "MIT"
    depends = [\(dependencies)]
    \(extra)

    [[source]]
    url = "https://example.invalid/\(name)-1.0.tar.gz"
    sha256 = "\(String(repeating: "a", count: 64))"

    \(phases ?? """
    [[phase]]
    name = "build"
    run = [["true"]]
    """)
    """
}
