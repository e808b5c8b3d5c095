import Foundation
@testable import MuslrootCore

/// A prefix-shaped directory with stand-ins for the tools, a manifest naming `packages`, and
/// the sysroot's `usr -> .` link: enough for everything in Exports/ without a toolchain.
struct FakePrefix {
    /// Characters a path can hold that quoting must get right.
    static let awkwardName = "it's a \"$HOME\" `dir` \\ here"

    let directory: TemporaryDirectory
    let root: String

    init(name: String = "prefix", packages: [String] = [], cxx: Bool = true) throws {
        directory = TemporaryDirectory("exports")
        root = "\(directory.path)/\(name)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(root)/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: "\(root)/x86_64-linux-musl/lib/pkgconfig", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(root)/x86_64-linux-musl/usr", withDestinationPath: ".")
        for name in ["gcc", "ar", "ranlib", "nm", "strip"] + (cxx ? ["g++"] : []) {
            try tool(name, "#!/bin/sh\nexit 0\n")
        }
        let entries = packages.map {
            Manifest.Package(name: $0, version: "1", fingerprint: "f", sources: [], patches: [], files: [])
        }
        // As bootstrap writes it: with --malloc mimalloc the mimalloc package is there and the manifest says so.
        try Manifest(muslroot: "test", target: "x86_64-linux-musl", created: "now", packages: entries,
                     malloc: packages.contains("mimalloc") ? .mimalloc : nil).save(prefix: root)
    }

    /// Writes `bin/x86_64-linux-musl-NAME`, executable.
    func tool(_ name: String, _ script: String) throws {
        let path = "\(root)/bin/x86_64-linux-musl-\(name)"
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// Writes a file under the prefix.
    func write(_ relative: String, _ text: String) throws {
        let path = "\(root)/\(relative)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func description() throws -> PrefixDescription { try PrefixDescription.read(prefix: root) }

    func remove() { directory.remove() }
}

/// Runs a program with arguments, standard input and environment; returns its status and
/// output. Waits for the process itself (its pipes are read to the end first).
@discardableResult
func run(_ program: String, _ arguments: [String], input: String = "", environment: [String: String]? = nil,
         directory: String? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Standard error goes to a file, so a chatty program never blocks on a full pipe.
    let errorFile = NSTemporaryDirectory() + "muslroot-stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errorFile) }
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = FileManager.default.contents(atPath: errorFile) ?? Data()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self))
}

/// The full path of a program on the build machine's PATH, or nil.
func hostProgram(_ name: String) -> String? {
    for directory in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
        return "\(directory)/\(name)"
    }
    return nil
}
