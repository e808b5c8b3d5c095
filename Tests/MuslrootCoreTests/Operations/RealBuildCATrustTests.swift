import Foundation
import Testing

/// A static TLS client built against the prefix's OpenSSL verifies a server's certificate on
/// each common distribution's layout of CA certificates, with no environment variable set.
/// Each layout is a scratch root holding only the test CA (where that distribution keeps its
/// bundle) and the client, which runs chrooted in it against a local TLS server.
@Suite("openssl: CA certificates found on every common layout", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: getuid() == 0, "chroot into the scratch roots needs root"),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "the host's openssl makes the test CA"))
struct RealBuildCATrustTests {
    /// Where each distribution keeps its CA bundle: files, and links as the distribution makes them.
    static let layouts: [(name: String, file: String, links: [(String, String)])] = [
        ("debian", "etc/ssl/certs/ca-certificates.crt", []),
        ("fedora", "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
         [("etc/pki/tls/certs/ca-bundle.crt", "../../../ca-trust/extracted/pem/tls-ca-bundle.pem"), ("etc/ssl/certs", "../pki/tls/certs")]),
        ("alpine", "etc/ssl/cert.pem", []),
        ("arch", "etc/ca-certificates/extracted/tls-ca-bundle.pem",
         [("etc/ssl/cert.pem", "../ca-certificates/extracted/tls-ca-bundle.pem"),
          ("etc/ssl/certs/ca-certificates.crt", "../../ca-certificates/extracted/tls-ca-bundle.pem")]),
        ("opensuse", "etc/ssl/ca-bundle.pem", []),
    ]

    @Test("Debian, Fedora/RHEL, Alpine, Arch and openSUSE layouts verify; no CA fails; SSL_CERT_FILE wins")
    func layouts() async throws {
        try #require(try await HostPrefix.shared.withLibraries().status == 0)
        let prefix = await HostPrefix.shared.prefix
        let dir = TemporaryDirectory("ca-layouts")
        defer { dir.remove() }
        let fixtures = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures"
        let made = try await shell("""
            set -e
            "$P/bin/x86_64-linux-musl-gcc" -static -O2 -o tls-client '\(fixtures)/programs/tls-client.c' \
                $("$P/bin/x86_64-linux-musl-pkg-config" --static --cflags --libs openssl)
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=muslroot-test-ca 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
            """, in: dir.path, environment: ["P": prefix])
        try #require(made.status == 0, "\(made.output)")

        let server = try TLSServer(certificate: "\(dir.path)/server.pem", key: "\(dir.path)/server.key",
                                   connections: Self.layouts.count + 2, script: "\(fixtures)/tls_server.py")
        defer { server.stop() }
        for layout in Self.layouts {
            let root = try makeRoot("\(dir.path)/\(layout.name)", client: "\(dir.path)/tls-client")
            try place("\(dir.path)/ca.pem", at: "\(root)/\(layout.file)")
            for (link, target) in layout.links {
                try FileManager.default.createDirectory(atPath: ("\(root)/\(link)" as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: "\(root)/\(link)", withDestinationPath: target)
            }
            let run = try await shell("env -i /usr/sbin/chroot '\(root)' /tls-client \(server.port)", in: dir.path)
            #expect(run.status == 0, "\(layout.name): \(run.output)")
            #expect(run.output.contains("tls ok: verified localhost, server said \"hello\""), "\(layout.name): \(run.output)")
        }
        // Without the CA, the same client refuses the server: the successes above are the bundles'.
        let bare = try makeRoot("\(dir.path)/bare", client: "\(dir.path)/tls-client")
        let refused = try await shell("env -i /usr/sbin/chroot '\(bare)' /tls-client \(server.port)", in: dir.path)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("certificate"), "\(refused.output)")
        // SSL_CERT_FILE still wins.
        try place("\(dir.path)/ca.pem", at: "\(bare)/opt/custom-ca.pem")
        let custom = try await shell("env -i SSL_CERT_FILE=/opt/custom-ca.pem /usr/sbin/chroot '\(bare)' /tls-client \(server.port)", in: dir.path)
        #expect(custom.status == 0, "\(custom.output)")
    }

    private func makeRoot(_ root: String, client: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: client, toPath: "\(root)/tls-client")
        return root
    }

    private func place(_ file: String, at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: path)
    }
}

/// Fixtures/tls_server.py, started on 127.0.0.1; its port read from its first line.
final class TLSServer {
    let process: Process
    let port: Int

    init(certificate: String, key: String, connections: Int, script: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, certificate, key, String(connections)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the TLS server printed no port"])
        }
        self.port = port
    }

    /// SIGKILL: a child of the test runner may have SIGTERM blocked.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
