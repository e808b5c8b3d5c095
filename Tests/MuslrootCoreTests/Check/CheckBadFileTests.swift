import Foundation
import MuslrootCore
import Testing

/// Files that are not ELF, empty, truncated or malformed: exit 2 with a message naming the file
/// and what is wrong, never a crash.
@Suite("Check: bad files")
struct CheckBadFileTests {
    func error(_ bytes: [UInt8], file: String = "bad") -> CheckError? {
        do {
            _ = try StaticCheck.check(bytes: bytes, file: file)
            return nil
        } catch {
            return error
        }
    }

    static var fixtures: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/check") }

    @Test func emptyFile() {
        #expect(error([]) == .empty(file: "bad"))
        #expect(CheckError.empty(file: "x").description == "x: empty file, not an ELF binary")
    }

    @Test(arguments: [
        ("script.sh", "a script: #!/bin/sh"),
        ("garbage.bin", "not 7f 45 4c 46"),
        ("notes.txt", "starts with bytes 70 6c 61 69"),
    ])
    func notELF(fixture: String, says: String) throws {
        let path = Self.fixtures.appendingPathComponent(fixture).path
        let result = StaticCheck.check(path: path)
        guard case let .failure(.notELF(file, found)) = result else { Issue.record("expected notELF, got \(result)"); return }
        #expect(file == path)
        #expect(found.contains(says))
        #expect("\(try #require(result.failure))".hasPrefix("\(path): not an ELF file ("))
        #expect(StaticCheck.exitStatus([result]) == .usage)
    }

    @Test(arguments: ["elf-magic-only", "elf-header-cut.bin"])
    func fixtureTooShortForAnELFHeader(fixture: String) throws {
        let path = Self.fixtures.appendingPathComponent(fixture).path
        guard case let .failure(.truncated(file, what)) = StaticCheck.check(path: path) else { Issue.record("expected truncated"); return }
        #expect(file == path)
        #expect(what.contains("bytes"))
    }

    @Test func everyTruncationOfAHandMadeELFIsReportedAsTruncated() {
        let bytes = ELFBuilder(interpreter: "/lib/ld-musl-x86_64.so.1", needed: ["libc.so"]).build()
        for length in 1..<bytes.count {
            guard case .truncated = error(Array(bytes.prefix(length))) else {
                Issue.record("a file cut to \(length) of \(bytes.count) bytes was not reported as truncated")
                return
            }
        }
    }

    @Test func truncatedCompiledBinary() throws {
        let path = try HostCompiler.build("truncate-me", source: HostCompiler.hello, flags: [])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for length in [20, 64, 100, bytes.count / 10, bytes.count / 2, bytes.count - 1] {
            guard case let .truncated(_, what)? = error(Array(bytes.prefix(length))) else {
                Issue.record("cut to \(length) of \(bytes.count) bytes: not reported as truncated")
                continue
            }
            #expect(what.contains("\(length) bytes"), "the message gives the file's length: \(what)")
        }
    }

    @Test func unknownClassAndByteOrder() {
        var bytes = ELFBuilder().build()
        bytes[4] = 3
        #expect(error(bytes) == .malformed(file: "bad", what: "unknown ELF class 3 (expected 1 for 32-bit or 2 for 64-bit)"))
        bytes[4] = 2
        bytes[5] = 0
        guard case .malformed? = error(bytes) else { Issue.record("bad byte order accepted"); return }
    }

    @Test func programHeaderOffsetThatOverflows() {
        var bytes = ELFBuilder().build()
        ELFWriter.patch(&bytes, at: 32, .max, size: 8)
        guard case let .malformed(_, what)? = error(bytes) else { Issue.record("overflowing offset accepted"); return }
        #expect(what.contains("overflow"))
    }

    @Test func programHeaderCountPastTheEndOfTheFile() {
        var bytes = ELFBuilder().build()
        ELFWriter.patch(&bytes, at: 56, 0xfffe, size: 2)
        guard case let .truncated(_, what)? = error(bytes) else { Issue.record("huge program header count accepted"); return }
        #expect(what.contains("program header table"))
    }

    @Test func programHeadersTooSmall() {
        var bytes = ELFBuilder().build()
        ELFWriter.patch(&bytes, at: 54, 8, size: 2)
        guard case .malformed? = error(bytes) else { Issue.record("8-byte program headers accepted"); return }
    }

    @Test func neededNameOutsideTheStringTable() {
        let builder = ELFBuilder(interpreter: "/lib/ld.so", needed: ["libc.so"])
        var (bytes, layout) = builder.layout()
        ELFWriter.patch(&bytes, at: layout.dynamic + 8, 0xdead_beef, size: 8) // DT_NEEDED's value
        guard case let .malformed(_, what)? = error(bytes) else { Issue.record("bad DT_NEEDED accepted"); return }
        #expect(what.contains("DT_NEEDED"))
    }

    @Test func stringTableOutsideEverySegment() {
        var (bytes, layout) = ELFBuilder(needed: ["libc.so"]).layout()
        ELFWriter.patch(&bytes, at: layout.dynamic + 24, 0x7000_0000, size: 8) // DT_STRTAB's value
        guard case let .malformed(_, what)? = error(bytes) else { Issue.record("unmapped DT_STRTAB accepted"); return }
        #expect(what.contains("DT_STRTAB"))
    }

    @Test func missingFileAndDirectory() {
        #expect(StaticCheck.check(path: "/nonexistent/muslroot-check") == .failure(.unreadable(file: "/nonexistent/muslroot-check", reason: "no such file")))
        guard case .failure(.unreadable)? = Optional(StaticCheck.check(path: NSTemporaryDirectory())) else {
            Issue.record("a directory was not refused"); return
        }
    }
}

extension Result {
    var failure: Failure? { if case let .failure(error) = self { error } else { nil } }
}
