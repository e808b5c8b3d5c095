import MuslrootCore
import Testing

/// The kind rules and the libc guess, on hand-made ELF files of both word sizes and byte orders.
@Suite("Check: kind rules on hand-made ELF files")
struct CheckKindRuleTests {
    static let pie: UInt64 = 0x0800_0000
    static let shapes = [(true, false), (true, true), (false, false), (false, true)]

    func report(_ builder: ELFBuilder) throws -> StaticReport {
        try StaticCheck.check(bytes: builder.build(), file: "made")
    }

    @Test(arguments: shapes)
    func everyKind(wide: Bool, bigEndian: Bool) throws {
        let plain = ELFBuilder(wide: wide, bigEndian: bigEndian)
        let cases: [(ELFBuilder, BinaryKind)] = [
            (plain, .staticExecutable),
            (with(plain) { $0.forceDynamic = true }, .staticExecutable),
            (with(plain) { $0.interpreter = "/lib/ld-musl-x86_64.so.1"; $0.needed = ["libc.so"] }, .dynamicExecutable),
            (with(plain) { $0.needed = ["libc.so"] }, .dynamicExecutable),
            (with(plain) { $0.type = 3; $0.flags1 = Self.pie }, .staticPIE),
            (with(plain) { $0.type = 3; $0.forceDynamic = true }, .staticPIE),
            (with(plain) { $0.type = 3; $0.flags1 = Self.pie; $0.interpreter = "/lib/ld.so"; $0.needed = ["libc.so"] }, .dynamicPIE),
            (with(plain) { $0.type = 3; $0.interpreter = "/lib/ld.so"; $0.needed = ["libc.so"] }, .dynamicPIE),
            (with(plain) { $0.type = 3; $0.soname = "libz.so.1"; $0.needed = ["libc.so"] }, .sharedObject),
            (with(plain) { $0.type = 3; $0.entry = 0; $0.forceDynamic = true }, .sharedObject),
            (with(plain) { $0.type = 3; $0.interpreter = "/lib/ld.so"; $0.soname = "libc.so.6" }, .sharedObject),
            (with(plain) { $0.type = 1 }, .relocatable),
            (with(plain) { $0.type = 4 }, .core),
            (with(plain) { $0.type = 0xfe00 }, .unknown),
        ]
        for (builder, kind) in cases {
            let report = try report(builder)
            #expect(report.kind == kind, "\(builder)")
            #expect(report.isFullyStatic == (kind == .staticExecutable || kind == .staticPIE))
            #expect(report.bits == (wide ? 64 : 32))
            #expect(report.endianness == (bigEndian ? .big : .little))
            #expect(report.stripped, "no section headers, so no symbol table")
        }
    }

    @Test(arguments: [
        ("/lib/ld-musl-x86_64.so.1", [], Libc.musl),
        ("/lib64/ld-linux-x86-64.so.2", ["libc.so.6"], .glibc),
        ("/lib/ld-linux-aarch64.so.1", [], .glibc),
        ("/lib64/ld64.so.2", [], .glibc),
        ("/system/bin/linker64", ["libc.so"], .bionic),
        ("/lib/ld-uClibc.so.0", [], .uclibc),
        ("/opt/odd/loader", ["libc.so.6"], .glibc),
        ("/opt/odd/loader", ["libc.musl-x86_64.so.1"], .musl),
        ("/opt/odd/loader", ["libfoo.so"], .unknown),
    ])
    func libcFromInterpreterAndNeeded(interpreter: String, needed: [String], libc: Libc) throws {
        let report = try report(ELFBuilder(interpreter: interpreter, needed: needed))
        #expect(report.libc == libc)
        #expect(report.interpreter == interpreter)
        #expect(report.needed == needed)
    }

    @Test(arguments: [
        (UInt16(183), true, false, "aarch64"), (183, true, true, "aarch64_be"), (62, true, false, "x86_64"),
        (3, false, false, "i386"), (40, false, false, "arm"), (8, false, true, "mips"), (8, false, false, "mipsel"),
        (21, true, false, "powerpc64le"), (22, true, true, "s390x"), (243, true, false, "riscv64"),
        (258, true, false, "loongarch64"), (0x7777, true, false, "unknown machine 30583"),
    ])
    func architectureNames(machine: UInt16, wide: Bool, bigEndian: Bool, name: String) throws {
        let report = try report(ELFBuilder(wide: wide, bigEndian: bigEndian, machine: machine))
        #expect(report.architecture == name)
        #expect(report.machine == Int(machine))
    }

    @Test func textLineForAStaticAndADynamicFile() throws {
        let staticLine = CheckFormatter.text(try report(ELFBuilder(type: 3, flags1: Self.pie)))
        #expect(staticLine == "made: static-pie executable, x86_64 64-bit little-endian, libc unknown, stripped")
        let dynamicLine = CheckFormatter.text(try report(ELFBuilder(interpreter: "/lib/ld-musl-x86_64.so.1", needed: ["libc.so", "libz.so.1"])))
        #expect(dynamicLine == "made: dynamic executable (interpreter /lib/ld-musl-x86_64.so.1; needs libc.so, libz.so.1), x86_64 64-bit little-endian, musl, stripped")
    }
}

func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}
