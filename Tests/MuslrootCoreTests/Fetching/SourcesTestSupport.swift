import Foundation
@testable import MuslrootCore

/// Files for the tests of the sources layer.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path
    /// ../shared/mirror beside the package.
    static let mirror = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/mirror").path
    static var mirrorPresent: Bool { FileManager.default.fileExists(atPath: "\(mirror)/SHA256SUMS") }
}

/// Runs a program to the end (tests may use Foundation's Process); returns status and output.
@discardableResult
func runTool(_ arguments: [String], input: String? = nil, directory: String? = nil) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// An archive built by Fixtures/make_tar.py from entries given as dictionaries.
func makeArchive(_ path: String, _ entries: [[String: Any]]) throws {
    let json = String(decoding: try JSONSerialization.data(withJSONObject: entries), as: UTF8.self)
    let (status, output) = try runTool(["python3", "\(Fixtures.directory)/make_tar.py", path], input: json)
    guard status == 0 else { throw TestFailure("make_tar.py failed: \(output)") }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func sha256(_ path: String) -> String { FileDigest.sha256(ofFile: path) ?? "" }

func source(_ file: String, url: String, sha256: String, name: String? = nil, destination: String = "") -> Source {
    Source(name: name ?? file, url: url, mirrors: [], sha256: sha256, file: file, destination: destination)
}

/// Records fetch events, for tests to look at.
final class EventLog: FetchProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [FetchEvent] = []

    func record(_ event: FetchEvent) { lock.withLock { recorded.append(event) } }
    var events: [FetchEvent] { lock.withLock { recorded } }
}

/// What a command line printed (stdout and stderr together) and its exit status; nil when it
/// had not ended within the time limit and was killed (a hang, reported instead of waited out).
struct CommandLineRun {
    var status: Int32?
    var output: String
}

/// Runs `script` with /bin/sh in `directory` as a user would, with "$MUSLROOT" the built
/// muslroot (and its recipes and patches found as in the checkout). Waits for it to end, for
/// at most `limit` seconds (coreutils' timeout): a generous bound that only a hang reaches.
/// Scripts `exec` muslroot, so that the kill reaches it.
func runCommandLine(_ script: String, in directory: String, limit: Int = 120) throws -> CommandLineRun {
    let log = "\(directory)/.command-output"
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["timeout", "-s", "KILL", "\(limit)", "/bin/sh", "-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["MUSLROOT"] = TestPaths.executable
    environment["MUSLROOT_DATA_DIR"] = TestPaths.repository
    environment["MUSLROOT_RECIPES"] = nil
    environment["MUSLROOT_MIRRORS"] = nil
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    unlink(log)
    return CommandLineRun(status: process.terminationStatus == 137 ? nil : process.terminationStatus, output: text)
}
