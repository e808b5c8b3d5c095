import ArgumentParser
import Foundation
@testable import muslroot
import MuslrootCore
import Testing

/// `muslroot check` as a script sees it: exit 0 when every file is static, 1 when one is not,
/// 2 when one is not a readable ELF file (2 wins over 1).
@Suite("Check: the command and its exit codes")
struct CheckCommandTests {
    static func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = HostCompiler.directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static let staticFile = Result { try write("cli-static", ELFBuilder(type: 3, flags1: CheckKindRuleTests.pie).build()) }
    static let dynamicFile = Result { try write("cli-dynamic", ELFBuilder(interpreter: "/lib/ld-musl-x86_64.so.1", needed: ["libc.so"]).build()) }
    static let garbageFile = Result { try write("cli-garbage", Array("#!/bin/sh\nexit 0\n".utf8)) }

    /// Runs `muslroot ARGUMENTS` through the argument parser and returns its exit code.
    static func exitCode(_ arguments: [String]) async throws -> Int32 {
        var command = try #require(try Muslroot.parseAsRoot(arguments) as? any AsyncParsableCommand)
        do {
            try await command.run()
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        }
    }

    @Test func exitCodes() async throws {
        let (good, dynamic, garbage) = (try Self.staticFile.get(), try Self.dynamicFile.get(), try Self.garbageFile.get())
        #expect(try await Self.exitCode(["check", good]) == 0)
        #expect(try await Self.exitCode(["check", good, good]) == 0)
        #expect(try await Self.exitCode(["check", dynamic]) == 1)
        #expect(try await Self.exitCode(["check", good, dynamic]) == 1)
        #expect(try await Self.exitCode(["check", garbage]) == 2)
        #expect(try await Self.exitCode(["check", dynamic, garbage, good]) == 2)
        #expect(try await Self.exitCode(["check", "--json", good, dynamic]) == 1)
        #expect(try await Self.exitCode(["check", "/nonexistent/file"]) == 2)
    }

    @Test func noFilesIsAUsageError() throws {
        #expect(throws: (any Error).self) { try Muslroot.parseAsRoot(["check"]) }
    }

    @Test func exitStatusOfResults() {
        let staticReport = try? StaticCheck.check(bytes: ELFBuilder().build(), file: "a")
        let dynamicReport = try? StaticCheck.check(bytes: ELFBuilder(needed: ["libc.so"]).build(), file: "b")
        let bad = CheckError.notELF(file: "c", found: "text")
        #expect(StaticCheck.exitStatus([.success(staticReport!)]) == .success)
        #expect(StaticCheck.exitStatus([.success(staticReport!), .success(dynamicReport!)]) == .failure)
        #expect(StaticCheck.exitStatus([.failure(bad), .success(dynamicReport!)]) == .usage)
        #expect(ExitStatus.forError(bad) == .usage)
    }

    @Test func jsonHasEveryFieldAndTheErrors() throws {
        let results = StaticCheck.check(paths: [try Self.dynamicFile.get(), try Self.garbageFile.get()])
        let json = try CheckFormatter.json(results)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        let keys = ["file", "kind", "static", "interpreter", "needed", "soname", "libc", "glibcVersions", "dlopen",
                    "stripped", "architecture", "machine", "bits", "endianness", "warnings"]
        #expect(Set(objects[0].keys) == Set(keys))
        #expect(objects[0]["kind"] as? String == "dynamic")
        #expect(objects[0]["static"] as? Bool == false)
        #expect(objects[0]["interpreter"] as? String == "/lib/ld-musl-x86_64.so.1")
        #expect(objects[0]["soname"] is NSNull)
        #expect(objects[1]["file"] as? String == (try Self.garbageFile.get()))
        #expect((objects[1]["error"] as? String)?.contains("a script") == true)
    }
}
