import Foundation

extension SmokeTest {
    /// The smoke test of a foreign target whose emulator is not installed: the same programs
    /// compiled and linked, checked static, and not run; the report says so.
    func compileOnly(gcc: String, gxx: String, in directory: String, emulation: Emulation) async throws -> Result {
        var checks: [String] = []
        try await compile([gcc, "-static", "-O2", "-o", "hello-c", "hello.c"], in: directory, what: "static C program")
        try requireStatic("hello-c", in: directory, what: "static C program")
        checks.append("C program: compiled, linked statically\(emulation.note)")
        if FileManager.default.isExecutableFile(atPath: gxx) {
            try await compile([gxx, "-static", "-O2", "-pthread", "-o", "hello-cxx", "hello.cpp"], in: directory, what: "static C++ program")
            try requireStatic("hello-cxx", in: directory, what: "static C++ program")
            checks.append("C++ program (exceptions, iostream, std::thread): compiled, linked statically\(emulation.note)")
        } else {
            checks.append("C++: this toolchain is C only (\(triple)-g++ is absent: bootstrap with --toolchain gcc for C++)")
        }
        try await compile([gcc, "-static-pie", "-fPIE", "-O2", "-o", "hello-pie", "hello.c"], in: directory, what: "static-pie C program")
        try requireStatic("hello-pie", in: directory, what: "static-pie C program")
        checks.append("static-pie C program: compiled, linked\(emulation.note)")
        return Result(checks: checks)
    }

    private func requireStatic(_ program: String, in directory: String, what: String) throws {
        if let problem = staticProblem("\(directory)/\(program)") {
            throw PrefixError.smokeTestFailed(check: "\(what) is not static", detail: problem, nextStep: nextStep)
        }
    }
}
