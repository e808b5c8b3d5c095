import Foundation
@testable import MuslrootCore
import Testing

/// The libraries static binaries link next: libcurl, libpq, liblzma, pcre2 and libffi, added
/// to the shared host prefix with openssl and zlib (HostPrefix.libraries), each proved by a
/// static program (flags from the prefix's pkg-config) that uses it for real: HTTPS and HTTP
/// transfers from local servers, a PostgreSQL server started from the build machine's
/// packages, an .xz round trip, a JIT match, calls through libffi.
@Suite("add: curl, libpq, xz, pcre2 and libffi, proved by programs that use them", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"),
       .enabled(if: HostPrefix.clientLibrariesBuildable,
                "the mirror's libffi tag archive needs autoconf, automake, libtool and ltdl.m4 (Debian: autoconf, automake, libtool, libltdl-dev)"))
struct RealBuildClientLibrariesTests {
    typealias Program = RealBuildAddTests.Program
    static let fixtures = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures"
    static let opensslAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")

    @Test("they install static archives only, and libpq's .pc names libpgcommon and libpgport, which are installed")
    func added() async throws {
        let (prefix, result) = try await Self.added()
        try #require(result.status == 0, "add failed: \(result.stderr)\n\(result.stdout.suffix(2000))")
        let listing = try await CLI.process(["list", "--installed", "--prefix", prefix])
        for library in ["curl", "libpq", "xz", "pcre2", "libffi", "zstd"] {
            #expect(listing.stdout.contains(library), "\(library) is installed: \(listing.stdout)")
        }
        let lib = "\(prefix)/x86_64-linux-musl/lib"
        for archive in ["libcurl.a", "libpq.a", "libpgcommon.a", "libpgport.a", "liblzma.a", "libpcre2-8.a", "libpcre2-posix.a", "libffi.a"] {
            #expect(FileManager.default.fileExists(atPath: "\(lib)/\(archive)"), "\(archive) in the sysroot")
        }
        let found = try await shell("find . -name '*.so' -o -name '*.so.*' -o -name '*.la' | grep -v '^./x86_64-linux-musl/lib/libc.so$' | grep -v ld-musl",
                                    in: prefix)
        #expect(found.output.isEmpty, "no shared object or .la file: \(found.output)")
        let work = await HostPrefix.shared.root.path
        let pc = try await shell("grep -l '\(work)' x86_64-linux-musl/lib/pkgconfig/*.pc x86_64-linux-musl/bin/curl-config", in: prefix)
        #expect(pc.status == 1, ".pc files and curl-config name no build path: \(pc.output)")

        let libs = try await shell("\"$P/bin/x86_64-linux-musl-pkg-config\" --static --libs libpq", in: prefix, environment: ["P": prefix])
        for flag in ["-lpq", "-lpgcommon", "-lpgport", "-lssl", "-lcrypto"] {
            #expect(libs.output.split(separator: " ").contains(Substring(flag)), "pkg-config --static --libs libpq: \(libs.output)")
        }
        // libpq.a carries libpgcommon's and libpgport's code too, so a bare -lpq links (pq-sys).
        let members = try await shell("x86_64-linux-musl-ar t '\(lib)/libpq.a'", in: prefix, environment: ["PATH": "\(prefix)/bin:/usr/bin:/bin"])
        #expect(members.output.contains("scram-common_shlib.o") && members.output.contains("snprintf_shlib.o"), "\(members.output)")
    }

    @Test("liblzma, pcre2 (JIT) and libffi: static and static-pie programs link, pass check and run",
          arguments: [Program(source: "lzma", modules: "liblzma", expect: "lzma ok: 28 bytes"),
                      Program(source: "pcre2", modules: "libpcre2-8", expect: "pcre2 ok: jit (x86 64bit"),
                      Program(source: "ffi", modules: "libffi",
                              expect: "ffi ok: ffi_call weigh(4, 10.25, 1, 'g') = 42.5, closure 3 + 4 + 100 = 107")],
          ["-static", "-static-pie"])
    func program(_ program: Program, linking: String) async throws {
        let (prefix, result) = try await Self.added()
        try #require(result.status == 0, "add failed: \(result.stderr)")
        try await RealBuildAddTests.build(program, linking: linking, prefix: prefix)
    }

    @Test("libcurl: HTTPS verified through CURLOPT_CAINFO (refused without the test CA), plain HTTP, gzip decoded; curl-config links too",
          .enabled(if: opensslAvailable, "the host's openssl makes the test CA"))
    func curl() async throws {
        let (prefix, result) = try await Self.added()
        try #require(result.status == 0, "add failed: \(result.stderr)")
        let dir = TemporaryDirectory("curl-program")
        defer { dir.remove() }
        let made = try await shell("""
            set -e
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=muslroot-test-ca 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
            """, in: dir.path)
        try #require(made.status == 0, "\(made.output)")
        let https = try TLSServer(certificate: "\(dir.path)/server.pem", key: "\(dir.path)/server.key", connections: 4,
                                  script: "\(Self.fixtures)/http_server.py")
        defer { https.stop() }
        let http = try TLSServer(certificate: "plain", key: "-", connections: 4, script: "\(Self.fixtures)/http_server.py")
        defer { http.stop() }

        for linking in ["-static", "-static-pie"] {
            let program = try await Self.compile("curl", flags: "$(\"$P/bin/x86_64-linux-musl-pkg-config\" --static --cflags --libs libcurl)",
                                                 linking: linking, prefix: prefix, in: dir)
            let verified = try await shell("'\(program)' https://localhost:\(https.port)/ ca.pem", in: dir.path)
            #expect(verified.status == 0, "\(linking): \(verified.output)")
            #expect(verified.output.contains("curl ok: HTTP 200, 8000 bytes (gzip), \"static and verified static and \""), "\(linking): \(verified.output)")
            let plain = try await shell("'\(program)' http://127.0.0.1:\(http.port)/", in: dir.path)
            #expect(plain.status == 0 && plain.output.contains("curl ok: HTTP 200, 8000 bytes"), "\(linking): \(plain.output)")
            if linking == "-static" {
                // Without the test CA (only the build machine's bundle, through OpenSSL's default), the server is refused.
                let refused = try await shell("'\(program)' https://localhost:\(https.port)/", in: dir.path)
                #expect(refused.status == 1, "\(refused.output)")
                #expect(refused.output.contains("certificate"), "\(refused.output)")
            }
        }
        // curl-config --static-libs, as old build scripts use it, links as it is.
        let configured = try await Self.compile("curl", flags: "$(\"$S/bin/curl-config\" --cflags) $(\"$S/bin/curl-config\" --static-libs)",
                                                linking: "-static", prefix: prefix, in: dir)
        let run = try await shell("'\(configured)' https://127.0.0.1:\(https.port)/ ca.pem", in: dir.path)
        #expect(run.status == 0 && run.output.contains("curl ok: HTTP 200"), "curl-config: \(run.output)")
    }

    @Test("libpq: a PostgreSQL server from the build machine's packages, over TCP with sslmode=require and over a Unix socket",
          .enabled(if: PostgresServer.binaries != nil, "no PostgreSQL server (Debian: postgresql)"),
          .enabled(if: opensslAvailable, "the host's openssl makes the server's certificate"))
    func libpq() async throws {
        let (prefix, result) = try await Self.added()
        try #require(result.status == 0, "add failed: \(result.stderr)")
        let dir = TemporaryDirectory("libpq-program")
        defer { dir.remove() }
        let server = try await PostgresServer.start(in: dir)
        defer { server.stop() }
        let tcp = "host=127.0.0.1 port=\(server.port) user=muslroot dbname=postgres sslmode=require"
        let socket = "host=\(dir.path)/pg/socket port=\(server.port) user=muslroot dbname=postgres"
        for linking in ["-static", "-static-pie"] {
            let program = try await Self.compile("pq", flags: "$(\"$P/bin/x86_64-linux-musl-pkg-config\" --static --cflags --libs libpq)",
                                                 linking: linking, prefix: prefix, in: dir)
            let overTLS = try await shell("'\(program)' '\(tcp)'", in: dir.path)
            #expect(overTLS.status == 0, "\(linking): \(overTLS.output)")
            #expect(overTLS.output.contains("pq ok: tcp, ssl TLSv1.3, server "), "\(linking): \(overTLS.output)")
            #expect(overTLS.output.contains("3 rows, sum 6, \"apple,pear,quince\""), "\(linking): \(overTLS.output)")
            let overSocket = try await shell("'\(program)' '\(socket)'", in: dir.path)
            #expect(overSocket.status == 0 && overSocket.output.contains("pq ok: unix socket, ssl off, server "),
                    "\(linking): \(overSocket.output)")
        }
        // The server takes TCP only with TLS: without it the same program is refused.
        let program = "\(dir.path)/pq-static"
        let refused = try await shell("'\(program)' 'host=127.0.0.1 port=\(server.port) user=muslroot dbname=postgres sslmode=disable'", in: dir.path)
        #expect(refused.status == 1 && refused.output.contains("no encryption"), "\(refused.output)")
        // A bare -lpq (what pq-sys with PQ_LIB_STATIC links) with OpenSSL (what openssl-sys adds).
        let bare = try await Self.compile("pq", flags: "-lpq -lssl -lcrypto", linking: "-static", prefix: prefix, in: dir, name: "pq-bare")
        let run = try await shell("'\(bare)' '\(tcp)'", in: dir.path)
        #expect(run.status == 0 && run.output.contains("pq ok: tcp, ssl TLSv1.3"), "bare -lpq: \(run.output)")
    }

    /// The shared host prefix and its add's result.
    static func added() async throws -> (prefix: String, result: CLIResult) {
        let result = try await HostPrefix.shared.withLibraries()
        return (await HostPrefix.shared.prefix, result)
    }

    /// Compiles Fixtures/programs/SOURCE.c with the prefix's gcc and `flags` (a shell word
    /// list; `$P` is the prefix, `$S` its sysroot), checks it is static and names no dlopen;
    /// returns its path.
    static func compile(_ source: String, flags: String, linking: String, prefix: String, in dir: TemporaryDirectory,
                        name: String? = nil) async throws -> String {
        let output = "\(dir.path)/\(name ?? "\(source)\(linking)")"
        let pie = linking == "-static-pie" ? "-fPIE" : ""
        let compile = try await shell("""
            "$P/bin/x86_64-linux-musl-gcc" \(linking) \(pie) -O2 -o '\(output)' '\(RealBuildAddTests.fixtures)/\(source).c' \(flags)
            """, in: dir.path, environment: ["P": prefix, "S": "\(prefix)/x86_64-linux-musl"])
        try #require(compile.status == 0, "\(source) \(linking) does not link:\n\(compile.output)")
        let check = try await CLI.process(["check", output])
        #expect(check.status == 0, "muslroot check: \(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("dlopen"), "no library drags in dlopen: \(check.stdout)")
        return output
    }
}

/// A scratch PostgreSQL server (Fixtures/postgres.sh): initdb, a self-signed certificate,
/// 127.0.0.1 on a free port with TLS required, a Unix socket in `DIR/pg/socket`.
struct PostgresServer {
    let directory: String
    let port: Int

    /// The newest `/usr/lib/postgresql/N/bin` with initdb, pg_ctl and postgres, if any.
    static var binaries: String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin" }.first { bin in
            ["initdb", "pg_ctl", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(bin)/\($0)") }
        }
    }

    /// Runs `postgres.sh start` through swift-subprocess, not Foundation's Process: Foundation
    /// learns that a child exited when a socket the child inherits closes, and the server
    /// pg_ctl leaves running inherits it too, so waiting for the script never returned (it
    /// hung CI once). swift-subprocess closes every other descriptor in the child.
    static func start(in dir: TemporaryDirectory) async throws -> PostgresServer {
        let script = "\(RealBuildClientLibrariesTests.fixtures)/postgres.sh"
        let environment = ProcessInfo.processInfo.environment.merging(["PG_BIN": binaries ?? ""]) { $1 }
        let started = try await HostCommand(["/bin/sh", script, "start", dir.path], directory: dir.path, environment: environment).run()
        guard started.succeeded, let port = started.output.split(separator: "\n").last.flatMap({ Int($0) }) else {
            PostgresServer(directory: dir.path, port: 0).stop()
            throw NotStarted(output: started.output)
        }
        return PostgresServer(directory: dir.path, port: port)
    }

    struct NotStarted: Error, CustomStringConvertible {
        let output: String
        var description: String { "the PostgreSQL server did not start: \(output)" }
    }

    /// `pg_ctl stop -m immediate`, whatever happened.
    func stop() {
        let script = "\(RealBuildClientLibrariesTests.fixtures)/postgres.sh"
        _ = try? runProgram("/bin/sh", [script, "stop", directory],
                            environment: ProcessInfo.processInfo.environment.merging(["PG_BIN": Self.binaries ?? ""]) { $1 },
                            directory: directory)
    }
}
