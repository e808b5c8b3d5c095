import MuslrootCore
import Testing

/// musl, 32-bit and other-architecture binaries, from whatever compilers this machine has:
/// musl-gcc (Debian's musl-tools), gcc -m32, and the clang and lld that ship with Swift.
@Suite("Check: musl, 32-bit and other architectures")
struct CheckForeignBinaryTests {
    func check(_ path: String) throws -> StaticReport { try StaticCheck.check(path: path).get() }

    @Test func staticMusl() throws {
        let report = try check(try HostCompiler.build("musl-static", source: HostCompiler.hello, compiler: "musl-gcc", flags: ["-static"]))
        #expect(report.kind == .staticExecutable)
        #expect(report.libc == .musl)
        #expect(report.referencesDlopen == false)
        #expect(report.warnings.isEmpty)
    }

    @Test func staticMuslThatCallsDlopenWillFailAtRunTime() throws {
        let report = try check(try HostCompiler.build("musl-dlopen", source: HostCompiler.dlopenCaller, compiler: "musl-gcc", flags: ["-static"]))
        #expect(report.isFullyStatic)
        #expect(report.referencesDlopen == true)
        #expect(report.warnings.contains { $0.contains("will fail at run time") })
    }

    @Test func dynamicMusl() throws {
        let report = try check(try HostCompiler.build("musl-dynamic", source: HostCompiler.hello, compiler: "musl-gcc", flags: []))
        #expect(!report.isFullyStatic)
        #expect(report.interpreter?.contains("ld-musl-") == true)
        #expect(report.libc == .musl)
        #expect(report.glibcVersions.isEmpty)
    }

    @Test func thirtyTwoBitX86() throws {
        // With gcc-multilib a hosted program; without it, a program with no libc still links.
        let path: String
        if let hosted = HostCompiler.buildIfPossible("i386-hosted", source: HostCompiler.hello, flags: ["-m32", "-static"]) {
            path = hosted
        } else {
            path = try HostCompiler.build("i386", source: HostCompiler.freestanding, flags: ["-m32", "-static", "-nostdlib", "-ffreestanding"])
        }
        let report = try check(path)
        #expect(report.bits == 32)
        #expect(report.architecture == "i386")
        #expect(report.kind == .staticExecutable)
    }

    @Test(.enabled(if: HostCompiler.locate("clang") != nil, "clang is not on PATH"), arguments: [
        ("aarch64-linux-gnu", "aarch64", 64, StaticReport.Endianness.little),
        ("powerpc64-linux-gnu", "powerpc64", 64, .big),
        ("armv7-linux-gnueabihf", "arm", 32, .little),
        ("mips-linux-gnu", "mips", 32, .big),
        ("riscv64-linux-gnu", "riscv64", 64, .little),
    ])
    func otherArchitecture(target: String, architecture: String, bits: Int, endianness: StaticReport.Endianness) throws {
        let path = try HostCompiler.build("freestanding-\(target)", source: HostCompiler.freestanding, compiler: "clang",
                                          flags: ["--target=\(target)", "-fuse-ld=lld", "-nostdlib", "-static", "-ffreestanding"])
        let report = try check(path)
        #expect(report.kind == .staticExecutable)
        #expect(report.architecture == architecture)
        #expect(report.bits == bits)
        #expect(report.endianness == endianness)
    }

    @Test func dynamicMuslForAnotherArchitecture() throws {
        let flags = ["--target=aarch64-linux-musl", "-fuse-ld=lld", "-nostdlib", "-ffreestanding"]
        let libc = try HostCompiler.build("libc.so", source: "int puts(const char *s) { return 0; }\n", compiler: "clang",
                                          flags: flags + ["-shared", "-fPIC", "-Wl,-soname,libc.so"])
        let program = try HostCompiler.build("aarch64-musl-dynamic", source: "int puts(const char *);\nvoid _start(void) { puts(\"x\"); for (;;) {} }\n",
                                             compiler: "clang", flags: flags + ["-fPIE", "-pie", "-Wl,-dynamic-linker,/lib/ld-musl-aarch64.so.1", libc])
        let report = try check(program)
        #expect(report.kind == .dynamicPIE)
        #expect(report.interpreter == "/lib/ld-musl-aarch64.so.1")
        #expect(report.needed == ["libc.so"])
        #expect(report.libc == .musl)
        #expect(report.architecture == "aarch64")
        let library = try check(libc)
        #expect(library.kind == .sharedObject)
        #expect(library.soname == "libc.so")
    }
}
