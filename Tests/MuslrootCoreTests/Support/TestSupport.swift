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

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "test") {
        path = NSTemporaryDirectory() + "muslroot-\(label)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = "\(path)/\(name)"
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs the built `muslroot` with arguments; returns exit code, stdout and stderr.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

func runMuslroot(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestPaths.executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["MUSLROOT_DATA_DIR"] = TestPaths.repository
    env["MUSLROOT_RECIPES"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
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
