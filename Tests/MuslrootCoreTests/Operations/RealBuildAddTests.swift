import Foundation
import Testing

/// `muslroot add` on a `--toolchain host` prefix, proved the way a user would: static programs
/// compiled with the prefix's gcc and flags from its pkg-config, checked and run.
@Suite("add: static libraries in a host-toolchain prefix", .tags(.realBuild),
       .enabled(if: TestPaths.mirrorAvailable, "the source mirror ../shared/mirror is absent"))
struct RealBuildAddTests {
    /// A program of Fixtures/programs, the pkg-config modules it links, what it prints.
    struct Program: Sendable, CustomTestStringConvertible {
        var source: String
        var modules: String
        var arguments: String = ""
        var input: String? = nil
        var expect: String
        var testDescription: String { source }
    }

    static let programs = [
        Program(source: "crypto", modules: "openssl", expect: "crypto ok: sha256, aes-256-gcm, tls client context (OpenSSL 3.5.7"),
        Program(source: "media", modules: "libavformat libavcodec libavutil libswscale libswresample", arguments: "tone.wav",
                expect: "codec pcm_s16le, 8000 Hz, 4000 samples, duration 0.50 s"),
        Program(source: "edit", modules: "libedit", input: "first line\nsecond\nthird one\n",
                expect: "edit ok: 3 lines, last \"third one\", newest in history \"third one\""),
        Program(source: "curses", modules: "ncursesw", expect: "curses ok: ncurses 6.5"),
        Program(source: "zlib", modules: "zlib", expect: "zlib ok: 4096 bytes"),
    ]

    static let fixtures = "\(TestPaths.repository)/Tests/MuslrootCoreTests/Fixtures/programs"

    @Test("bootstrap --toolchain host: a C-only toolchain that says so")
    func hostToolchain() async throws {
        let result = try await HostPrefix.shared.toolchain()
        try #require(result.status == 0, "\(result.stderr)")
        let prefix = await HostPrefix.shared.prefix
        #expect(result.stdout.contains("smoke test: C program: compiled, linked statically, ran"))
        #expect(result.stdout.contains("C only"))
        #expect(FileManager.default.isExecutableFile(atPath: "\(prefix)/bin/x86_64-linux-musl-gcc"))
        #expect(FileManager.default.isExecutableFile(atPath: "\(prefix)/bin/x86_64-unknown-linux-musl-gcc"))
        #expect(!FileManager.default.fileExists(atPath: "\(prefix)/bin/x86_64-linux-musl-g++"))
        let doctor = try await CLI.process(["doctor", "--prefix", prefix])
        #expect(doctor.status == 0, "\(doctor.stderr)")
        #expect(doctor.stdout.contains("C only"))
    }

    @Test("add openssl ffmpeg libedit zlib (and curl libpq xz pcre2 libffi) builds ncurses and zstd too, static only, inside the sysroot")
    func added() async throws {
        let result = try await HostPrefix.shared.withLibraries()
        try #require(result.status == 0, "add failed: \(result.stderr)\n\(result.stdout.suffix(2000))")
        let prefix = await HostPrefix.shared.prefix
        let listing = try await CLI.process(["list", "--installed", "--prefix", prefix, "--json"])
        #expect(listing.status == 0, "\(listing.stderr)")
        let installed = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let libraries = Set(installed.filter { $0["kind"] as? String == "library" }.compactMap { $0["name"] as? String })
        // ncurses comes with libedit, zstd with curl.
        #expect(libraries == Set(HostPrefix.libraries + ["ncurses"] + (HostPrefix.clientLibrariesBuildable ? ["zstd"] : [])))
        #expect(installed.allSatisfy { ($0["version"] as? String)?.isEmpty == false })
        // list --prefix, with the recipes add read: every library and musl installed, none outdated.
        let status = try await CLI.process(["list", "--prefix", prefix, "--json", "--recipes", TestPaths.mirrorOverlay])
        #expect(status.status == 0, "\(status.stderr)")
        let recipes = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        for name in libraries.sorted() + ["musl", "linux-headers"] {
            let recipe = recipes.first { $0["name"] as? String == name }
            #expect(recipe?["installed"] as? Bool == true && recipe?["outdated"] as? Bool == false, "\(name): \(recipe ?? [:])")
        }

        let sysroot = "\(prefix)/x86_64-linux-musl"
        #expect(!FileManager.default.fileExists(atPath: "\(prefix)/usr"), "nothing lands in PREFIX/usr")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(sysroot)/usr")) == ".", "the sysroot's usr -> . link survives")
        for archive in ["libssl.a", "libcrypto.a", "libavcodec.a", "libavformat.a", "libedit.a", "libncursesw.a", "libz.a"] {
            #expect(FileManager.default.fileExists(atPath: "\(sysroot)/lib/\(archive)"), "\(archive) in the sysroot")
        }
        let found = try await shell("find . -name '*.so' -o -name '*.so.*' -o -name '*.la' | grep -v '^./x86_64-linux-musl/lib/libc.so$' | grep -v ld-musl", in: prefix)
        #expect(found.output.isEmpty, "no shared object or .la file from a library: \(found.output)")
        let work = await HostPrefix.shared.root.path
        let pc = try await shell("grep -l '\(work)' x86_64-linux-musl/lib/pkgconfig/*.pc", in: prefix)
        #expect(pc.status == 1, ".pc files name no build path: \(pc.output)")
    }

    @Test("static and static-pie programs link with flags from the prefix's pkg-config, pass check and run",
          arguments: programs, ["-static", "-static-pie"])
    func program(_ program: Program, linking: String) async throws {
        let result = try await HostPrefix.shared.withLibraries()
        try #require(result.status == 0, "add failed: \(result.stderr)")
        let prefix = await HostPrefix.shared.prefix
        try await Self.build(program, linking: linking, prefix: prefix)
    }

    @Test("a second add does nothing, and says so")
    func secondAddIsNoOp() async throws {
        try #require(try await HostPrefix.shared.withLibraries().status == 0)
        let prefix = await HostPrefix.shared.prefix
        let again = try await CLI.process(["add"] + HostPrefix.libraries + ["--prefix", prefix] + HostPrefix.shared.sourceArguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already installed"), "\(again.stdout)")
    }

    @Test("moved elsewhere, the prefix still links; remove refuses ncurses under libedit, then removes libedit exactly")
    func movedAndRemoved() async throws {
        try #require(try await HostPrefix.shared.withLibraries().status == 0)
        let original = await HostPrefix.shared.prefix
        let moved = TemporaryDirectory("moved-prefix")
        defer { moved.remove() }
        let prefix = "\(moved.path)/elsewhere"
        #expect(try await shell("cp -a '\(original)' '\(prefix)'", in: moved.path).status == 0)
        try await Self.build(Self.programs[0], linking: "-static", prefix: prefix)
        try await Self.build(Self.programs[2], linking: "-static-pie", prefix: prefix)

        let refused = try await CLI.process(["remove", "ncurses", "--prefix", prefix])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("libedit"), "\(refused.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(prefix)/.muslroot/manifest.json"))) as? [String: Any])
        let packages = try #require(manifest["packages"] as? [[String: Any]])
        let libeditFiles = try #require(packages.first { $0["name"] as? String == "libedit" }?["files"] as? [String])
        let before = try await shell("find . ! -type d | sort", in: prefix).output.split(separator: "\n").map { String($0.dropFirst(2)) }

        let removed = try await CLI.process(["remove", "libedit", "--prefix", prefix])
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try await shell("find . ! -type d | sort", in: prefix).output.split(separator: "\n").map { String($0.dropFirst(2)) }
        let gone = Set(before).subtracting(after).subtracting([".muslroot/manifest.json"])
        #expect(gone == Set(libeditFiles), "exactly libedit's files went")
        #expect(Set(after).subtracting(before).isEmpty)
        let listing = try await CLI.process(["list", "--installed", "--prefix", prefix])
        #expect(!listing.stdout.contains("libedit"))
        #expect(listing.stdout.contains("ncurses"))
    }

    @Test("the example recipe of docs/recipes.md (docs/examples/xz.toml, autotools template) builds and links")
    func exampleRecipe() async throws {
        let copy = TemporaryDirectory("example-recipe")
        defer { copy.remove() }
        let prefix = try await HostPrefix.shared.copyOfToolchain(in: copy)
        let added = try await CLI.process(["add", "xz", "--prefix", prefix, "--recipes", "\(TestPaths.repository)/docs/examples"]
                                               + HostPrefix.shared.sourceArguments)
        try #require(added.status == 0, "\(added.stderr)")
        let program = Program(source: "lzma", modules: "liblzma", expect: "lzma ok: 28 bytes")
        try await Self.build(program, linking: "-static-pie", prefix: prefix)
    }

    /// Compiles, checks and runs one program against `prefix`.
    /// For another target, `triple` names its tools, `emulator` runs the program and
    /// `architecture` is how `muslroot check` must name it.
    static func build(_ program: Program, linking: String, prefix: String, triple: String = "x86_64-linux-musl",
                      emulator: String? = nil, architecture: String? = nil) async throws {
        let directory = TemporaryDirectory("program-\(program.source)")
        defer { directory.remove() }
        if program.source == "media" { try ToneFile.wav().write(to: URL(fileURLWithPath: "\(directory.path)/tone.wav")) }
        let pie = linking == "-static-pie" ? "-fPIE" : ""
        let compile = try await shell("""
            "$P/bin/\(triple)-gcc" \(linking) \(pie) -O2 -o prog '\(fixtures)/\(program.source).c' \
            $("$P/bin/\(triple)-pkg-config" --static --cflags --libs \(program.modules))
            """, in: directory.path, environment: ["P": prefix])
        try #require(compile.status == 0, "\(triple) \(program.source) \(linking) does not link:\n\(compile.output)")
        let check = try await CLI.process(["check", "\(directory.path)/prog"])
        #expect(check.status == 0, "muslroot check: \(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("dlopen"), "no library drags in dlopen, which fails in a static program: \(check.stdout)")
        if let architecture {
            let kind = linking == "-static" ? "static executable" : "static-pie executable"
            #expect(check.stdout.contains("\(kind), \(architecture), musl"), "\(check.stdout)")
        }
        let input = program.input.map { "printf '%s' '\($0)' | " } ?? ""
        let run = try await shell("\(input)\(emulator.map { "\($0) " } ?? "")./prog \(program.arguments)", in: directory.path)
        #expect(run.status == 0, "\(triple) \(program.source) \(linking): \(run.output)")
        #expect(run.output.contains(program.expect), "\(triple) \(program.source) \(linking) printed: \(run.output)")
    }
}

/// A short tone as a 16-bit mono PCM WAV file, made by the test.
enum ToneFile {
    static func wav(rate: Int = 8000, samples: Int = 4000) -> Data {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16)); append(UInt16(1)); append(UInt16(1))
        append(UInt32(rate)); append(UInt32(rate * 2)); append(UInt16(2)); append(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); append(UInt32(samples * 2))
        for i in 0..<samples { append(Int16(8000 * sin(Double(i) * 2 * Double.pi * 440 / Double(rate)))) }
        return data
    }
}
