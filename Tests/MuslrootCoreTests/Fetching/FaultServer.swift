import Foundation

/// Fixtures/fault_server.py on 127.0.0.1: serves the files of `root` with faults chosen by
/// the path (/ok/, /404/, /flaky-500/KEY/, /cut/KEY/, /norange/, /stall/, /redirect/).
final class FaultServer {
    let root: String
    let port: Int
    private let process: Process
    private let logPath: String

    init(root: String) throws {
        self.root = root
        logPath = "\(root)/../requests.log"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "\(Fixtures.directory)/fault_server.py", root, logPath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is the port; it comes once the socket listens.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("fault_server.py did not start")
        }
        self.port = port
    }

    deinit { stop() }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The requests so far: "GET PATH RANGE" each.
    var requests: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() {
        // SIGKILL: a child of the test process may have SIGTERM blocked.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
