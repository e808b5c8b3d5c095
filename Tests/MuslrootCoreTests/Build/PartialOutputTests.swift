import Foundation
import Testing
@testable import MuslrootCore

@Suite("Partial outputs of an interrupted phase")
struct PartialOutputTests {
    @Test("cut-off objects and programs are found; whole ones, text and older files are not")
    func classification() throws {
        let dir = TemporaryDirectory("partial")
        defer { dir.remove() }
        // A real object file from the host compiler (the test is skipped, saying why, without one).
        let object = try HostCompiler.build("partial-whole", source: HostCompiler.library, flags: ["-c"])
        let whole = try Data(contentsOf: URL(fileURLWithPath: object))
        func put(_ name: String, _ data: Data) { #expect(FileManager.default.createFile(atPath: "\(dir.path)/\(name)", contents: data)) }
        put("whole.o", whole)
        put("cut.o", whole.prefix(whole.count / 2))
        put("empty.o", Data())
        put("cc1", Data(count: 8192))
        put("Makefile", Data("all:\n".utf8))
        put("stamp", Data())
        put("old.o", Data())
        let old = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, "\(dir.path)/old.o", old, 0) == 0)
        let found = PartialOutput.find(in: [dir.path], since: Date().addingTimeInterval(-60))
        #expect(found == ["cc1", "cut.o", "empty.o"].map { "\(dir.path)/\($0)" })
    }

}
