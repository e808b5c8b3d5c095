import Foundation
import Testing
@testable import MuslrootCore

/// `muslroot check` reads only the parts of a file it looks at, so a file far larger than the
/// memory it may use is checked all the same.
@Suite("Check: large files")
struct CheckLargeFileTests {
    /// A small static-pie ELF file at the start of a sparse file of `size` bytes (no disk used).
    static func sparseELF(_ name: String, size: Int64) throws -> String {
        let path = try CheckCommandTests.write(name, ELFBuilder(type: 3, flags1: CheckKindRuleTests.pie).build())
        #expect(truncate(path, off_t(size)) == 0)
        return path
    }

    @Test("an 8 GiB file checked with its address space capped at 2 GiB")
    func eightGiBUnderTwoGiB() throws {
        guard let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            try skip("prlimit (util-linux) is not installed")
        }
        let path = try Self.sparseELF("sparse-8g", size: 8 << 30)
        defer { unlink(path) }
        let result = try run(prlimit, ["--as=\(2 << 30)", TestPaths.executable, "check", path])
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("\(path): static-pie executable"))
    }

    @Test("the reader holds a few pages of a large file, never the file")
    func readerHoldsFewPages() throws {
        let path = try Self.sparseELF("sparse-1g", size: 1 << 30)
        defer { unlink(path) }
        guard case let .success(source) = ByteSource.open(path) else { Issue.record("cannot open \(path)"); return }
        let reader = ByteReader(source: source)
        // Reads spread over the whole file: each costs one page, and old pages are let go.
        for offset in stride(from: 0, to: 1 << 30, by: 1 << 24) { _ = try reader.u64(offset) }
        #expect(source.pagesHeld <= ByteSource.pageLimit)
        #expect(source.bytesHeld <= ByteSource.pageLimit * ByteSource.pageSize)
        #expect(StaticCheck.check(path: path).map(\.kind) == .success(.staticPIE))
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> CLIResult {
        try runProgram(executable, arguments)
    }
}
