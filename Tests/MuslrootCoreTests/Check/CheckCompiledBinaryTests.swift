import MuslrootCore
import Testing

/// Binaries built with the host C compiler (gcc and glibc on Debian), checked as a user would.
@Suite("Check: binaries from the host compiler")
struct CheckCompiledBinaryTests {
    func check(_ path: String) throws -> StaticReport {
        try StaticCheck.check(path: path).get()
    }

    @Test func staticExecutable() throws {
        let report = try check(try HostCompiler.build("static", source: HostCompiler.hello, flags: ["-static"]))
        #expect(report.kind == .staticExecutable)
        #expect(report.isFullyStatic)
        #expect(report.interpreter == nil)
        #expect(report.needed.isEmpty)
        #expect(report.libc == .glibc)
        #expect(report.glibcVersions.isEmpty)
        #expect(!report.stripped)
        #expect(report.architecture == HostCompiler.hostArchitecture)
        #expect(report.bits == 64)
        #expect(report.endianness == .little)
        #expect(StaticCheck.exitStatus([.success(report)]) == .success)
    }

    @Test func strippedStaticExecutableStillShowsGlibcThroughItsABINote() throws {
        let report = try check(try HostCompiler.build("static-stripped", source: HostCompiler.hello, flags: ["-static", "-s"]))
        #expect(report.kind == .staticExecutable)
        #expect(report.stripped)
        #expect(report.libc == .glibc)
        #expect(report.referencesDlopen == nil, "no symbol table: cannot tell")
    }

    @Test func staticPIE() throws {
        let report = try check(try HostCompiler.build("static-pie", source: HostCompiler.hello, flags: ["-static-pie"]))
        #expect(report.kind == .staticPIE)
        #expect(report.isFullyStatic)
        #expect(report.interpreter == nil)
        #expect(report.needed.isEmpty)
        #expect(CheckFormatter.text(report).contains("static-pie executable"))
    }

    @Test func dynamicPIEAgainstGlibc() throws {
        let report = try check(try HostCompiler.build("dynamic-pie", source: HostCompiler.hello, flags: ["-pie", "-fPIE"]))
        #expect(report.kind == .dynamicPIE)
        #expect(!report.isFullyStatic)
        #expect(report.interpreter?.contains("ld-linux") == true)
        #expect(report.needed.contains("libc.so.6"))
        #expect(report.libc == .glibc)
        #expect(report.glibcVersions.contains { $0.hasPrefix("GLIBC_2.") })
        #expect(report.referencesDlopen == false)
        #expect(StaticCheck.exitStatus([.success(report)]) == .failure)
        let line = CheckFormatter.text(report)
        #expect(line.contains("dynamic PIE executable (interpreter /"))
        #expect(line.contains("needs libc.so.6"))
        #expect(line.contains("glibc (GLIBC_2."))
    }

    @Test func dynamicExecutableWithoutPIE() throws {
        let report = try check(try HostCompiler.build("dynamic-no-pie", source: HostCompiler.hello, flags: ["-no-pie", "-fno-pie"]))
        #expect(report.kind == .dynamicExecutable)
        #expect(report.needed.contains("libc.so.6"))
        #expect(!report.isFullyStatic)
    }

    @Test func sharedObject() throws {
        let report = try check(try HostCompiler.build("libanswer.so", source: HostCompiler.library,
                                                      flags: ["-shared", "-fPIC", "-Wl,-soname,libanswer.so.1"]))
        #expect(report.kind == .sharedObject)
        #expect(report.soname == "libanswer.so.1")
        #expect(!report.isFullyStatic)
        #expect(StaticCheck.exitStatus([.success(report)]) == .failure)
    }

    @Test func relocatableObject() throws {
        let report = try check(try HostCompiler.build("answer.o", source: HostCompiler.library, flags: ["-c"]))
        #expect(report.kind == .relocatable)
        #expect(!report.isFullyStatic)
        #expect(!report.stripped)
    }

    @Test func dynamicProgramThatCallsDlopen() throws {
        let report = try check(try HostCompiler.build("dlopen-dynamic", source: HostCompiler.dlopenCaller, flags: []))
        #expect(report.referencesDlopen == true)
        #expect(report.warnings.isEmpty, "dlopen works in a dynamic program")
        #expect(CheckFormatter.text(report).contains("references dlopen"))
    }

    @Test func staticGlibcProgramThatCallsDlopenIsWarnedAbout() throws {
        let report = try check(try HostCompiler.build("dlopen-static", source: HostCompiler.dlopenCaller, flags: ["-static"]))
        #expect(report.kind == .staticExecutable)
        #expect(report.referencesDlopen == true)
        #expect(report.warnings.contains { $0.contains("dlopen") })
        #expect(CheckFormatter.text(report).contains("warning: references dlopen"))
    }
}
