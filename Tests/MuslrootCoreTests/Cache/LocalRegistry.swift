import Foundation

/// Debian's `docker-registry` (the CNCF distribution registry) on 127.0.0.1, storing into
/// `root/data`; stopped when the test ends. Optionally behind Fixtures/token_proxy.py, which
/// asks for Bearer tokens as public registries do.
final class LocalRegistry {
    static let executable = "/usr/bin/docker-registry"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let root: String
    let port: Int
    private let process: Process
    private var proxy: Process?

    init(root: String) throws {
        self.root = root
        port = try Self.freePort()
        let config = """
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(root)/data
            http:
              addr: 127.0.0.1:\(port)
            """
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try config.write(toFile: "\(root)/config.yml", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "\(root)/config.yml"]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // It says so once the socket listens.
        guard Self.readLines(log.fileHandleForReading, until: { $0.contains("listening on") }) != nil else {
            stop()
            throw TestFailure("docker-registry did not start (see \(root)/config.yml)")
        }
        // Keep reading what it logs, so that it never blocks on a full pipe.
        log.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    }

    deinit { stop() }

    func reference(_ repository: String) -> String { "oci://127.0.0.1:\(port)/\(repository)" }

    /// Starts Fixtures/token_proxy.py in front of the registry; returns its oci:// base.
    func tokenProxy(credentials: String) throws -> String {
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proxy.arguments = ["python3", "\(Fixtures.directory)/token_proxy.py", "\(port)", credentials]
        let output = Pipe()
        proxy.standardOutput = output
        try proxy.run()
        self.proxy = proxy
        guard let line = Self.readLines(output.fileHandleForReading, until: { _ in true }), let port = Int(line) else {
            throw TestFailure("token_proxy.py did not start")
        }
        return "oci://127.0.0.1:\(port)"
    }

    /// Where the registry keeps a blob's bytes.
    func blobPath(_ digest: String) -> String {
        let hex = digest.replacingOccurrences(of: "sha256:", with: "")
        return "\(root)/data/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    func stop() {
        for process in [process, proxy].compactMap({ $0 }) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Reads lines until one matches (returned), or the stream ends (nil).
    private static func readLines(_ handle: FileHandle, until matches: (String) -> Bool) -> String? {
        var line = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { return nil }
            if byte == Data("\n".utf8) {
                let text = String(decoding: line, as: UTF8.self)
                if matches(text) { return text }
                line = Data()
            } else {
                line.append(byte)
            }
        }
    }

    /// A port nothing listens on now (bound, read, closed).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
