import Foundation
@testable import MuslrootCore
import Testing

/// Rust's linker wrapper and unwinder shim: the wrapper runs the prefix's gcc with `-L` for
/// the shim (from wherever the prefix is), and the shim names the archive gcc's unwinder is in.
@Suite("Exports: the Rust linker and unwinder shim")
struct RustLinkerTests {
    @Test func linkerRunsThePrefixGccWithTheShimDirectory() throws {
        let prefix = try FakePrefix(name: "rust prefix")
        defer { prefix.remove() }
        // A gcc that prints its arguments, one a line.
        try prefix.tool("gcc", "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\"\n")
        try PrefixExports.write(into: prefix.root)
        let moved = "\(prefix.directory.path)/moved"
        try FileManager.default.moveItem(atPath: prefix.root, toPath: moved)
        let link = "\(prefix.directory.path)/cc-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "\(moved)/\(RustLinker.linkerPath)")
        let result = try run(link, ["-o", "out", "main.o", "-lunwind"], directory: "/")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let gcc = URL(fileURLWithPath: try #require(lines.first)).standardized.path
        #expect(gcc == "\(moved)/bin/x86_64-linux-musl-gcc")
        #expect(Array(lines.dropFirst()) == ["-L", "\(moved)/lib/muslroot/rust", "-o", "out", "main.o", "-lunwind"])
    }

    @Test func shimNamesTheUnwinder() throws {
        #expect(RustLinker.unwindShim(.gccEH).contains("INPUT(-lgcc_eh)"))
        #expect(RustLinker.unwindShim(.gcc).contains("INPUT(-lgcc)"))
        let prefix = try FakePrefix()
        defer { prefix.remove() }
        try prefix.write("lib/gcc/x86_64-linux-musl/14.2.0/libgcc.a", "")
        try PrefixExports.write(into: prefix.root)
        let shim = try String(contentsOfFile: "\(prefix.root)/lib/muslroot/rust/libunwind.a", encoding: .utf8)
        #expect(shim.contains("INPUT(-lgcc)\n"))
    }

    /// ld reads the shim as a linker script and finds gcc's unwinder through it (with the
    /// build machine's gcc, which has libgcc_eh.a).
    @Test(.enabled(if: hostProgram("gcc") != nil, "gcc is not installed"))
    func ldLinksTheUnwinderThroughTheShim() throws {
        let gcc = try #require(hostProgram("gcc"))
        let directory = TemporaryDirectory("unwind-shim")
        defer { directory.remove() }
        directory.write("libunwind.a", RustLinker.unwindShim(.gccEH))
        let source = directory.write("main.c", """
            #include <unwind.h>
            static _Unwind_Reason_Code step(struct _Unwind_Context *c, void *n) { (void)c; ++*(int *)n; return _URC_NO_REASON; }
            int main(void) { int n = 0; _Unwind_Backtrace(step, &n); return n > 0 ? 0 : 1; }
            """)
        let program = "\(directory.path)/main"
        let link = try run(gcc, ["-static", source, "-o", program, "-nodefaultlibs", "-L", directory.path,
                                 "-Wl,--start-group", "-lunwind", "-lc", "-lgcc", "-Wl,--end-group"])
        #expect(link.status == 0, "\(link.stderr)")
        #expect(try run(program, []).status == 0)
    }
}
