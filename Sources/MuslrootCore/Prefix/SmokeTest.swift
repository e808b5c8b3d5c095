import Foundation

/// Proves a toolchain works before it is installed, and again for `muslroot doctor --prefix`:
/// a C program and a C++ program (exceptions, iostream, std::thread) compiled, linked
/// statically and run; neither may have an ELF interpreter or needed libraries; and a
/// `-static-pie` C program that runs at a different address each time.
public struct SmokeTest: Sendable {
    public struct Result: Sendable {
        public var checks: [String]
    }

    public var root: String
    public var triple: Triple
    /// Says what is not static about an ELF file, or nil when it is fully static.
    public var staticProblem: @Sendable (String) -> String?

    public init(root: String, triple: Triple, staticProblem: @escaping @Sendable (String) -> String?) {
        self.root = root
        self.triple = triple
        self.staticProblem = staticProblem
    }

    static let cProgram = """
    #include <stdio.h>
    int main(void) { printf("hello from musl %p\\n", (void *)&main); return 0; }
    """

    static let cxxProgram = """
    #include <iostream>
    #include <stdexcept>
    #include <string>
    #include <thread>
    int main() {
        std::string caught;
        std::thread worker([&] {
            try { throw std::runtime_error("exception crossed"); }
            catch (const std::exception &e) { caught = e.what(); }
        });
        worker.join();
        std::cout << "c++ " << caught << std::endl;
        return caught == "exception crossed" ? 0 : 1;
    }
    """

    /// Fails early, and says what to do, when there is no toolchain at `root`.
    public func checkingCompiler() throws -> SmokeTest {
        let gcc = "\(root)/bin/\(triple)-gcc"
        guard FileManager.default.isExecutableFile(atPath: gcc) else {
            throw PrefixError.noToolchain(prefix: root, missing: gcc)
        }
        return self
    }

    public func run() async throws -> Result {
        let directory = NSTemporaryDirectory() + "muslroot-smoke-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.cProgram.write(toFile: "\(directory)/hello.c", atomically: true, encoding: .utf8)
        try Self.cxxProgram.write(toFile: "\(directory)/hello.cpp", atomically: true, encoding: .utf8)
        let gcc = "\(root)/bin/\(triple)-gcc", gxx = "\(root)/bin/\(triple)-g++"
        var checks: [String] = []

        try await compile([gcc, "-static", "-O2", "-o", "hello-c", "hello.c"], in: directory, what: "static C program")
        try await runStatic("hello-c", in: directory, expect: "hello from musl", what: "static C program")
        checks.append("C program: compiled, linked statically, ran")

        if FileManager.default.isExecutableFile(atPath: gxx) {
            try await compile([gxx, "-static", "-O2", "-pthread", "-o", "hello-cxx", "hello.cpp"], in: directory, what: "static C++ program")
            try await runStatic("hello-cxx", in: directory, expect: "c++ exception crossed", what: "static C++ program")
            checks.append("C++ program (exceptions, iostream, std::thread): compiled, linked statically, ran")
        } else {
            checks.append("C++: this toolchain is C only (\(triple)-g++ is absent: bootstrap with --toolchain gcc for C++)")
        }

        try await compile([gcc, "-static-pie", "-fPIE", "-O2", "-o", "hello-pie", "hello.c"], in: directory, what: "static-pie C program")
        let first = try await runStatic("hello-pie", in: directory, expect: "hello from musl", what: "static-pie C program")
        let second = try await runStatic("hello-pie", in: directory, expect: "hello from musl", what: "static-pie C program")
        let randomized = (try? String(contentsOfFile: "/proc/sys/kernel/randomize_va_space", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        if randomized && first == second {
            throw PrefixError.smokeTestFailed(check: "static-pie C program is not relocated at run time",
                                              detail: "two runs printed the same address: \(first)", directory: directory)
        }
        checks.append(randomized ? "static-pie C program: ran at two different addresses"
                                 : "static-pie C program: ran (address randomization is off on this host)")
        try? FileManager.default.removeItem(atPath: directory)
        return Result(checks: checks)
    }

    private func compile(_ argv: [String], in directory: String, what: String) async throws {
        let outcome = try await HostCommand(argv, directory: directory).run()
        guard outcome.succeeded else {
            throw PrefixError.smokeTestFailed(check: "\(what) does not compile",
                                              detail: "$ \(argv.joined(separator: " "))\n\(outcome.output)", directory: directory)
        }
    }

    @discardableResult
    private func runStatic(_ program: String, in directory: String, expect: String, what: String) async throws -> String {
        let path = "\(directory)/\(program)"
        if let problem = staticProblem(path) {
            throw PrefixError.smokeTestFailed(check: "\(what) is not static", detail: problem, directory: directory)
        }
        let outcome = try await HostCommand([path], directory: directory).run()
        guard outcome.succeeded, outcome.output.contains(expect) else {
            throw PrefixError.smokeTestFailed(check: "\(what) does not run",
                                              detail: "exit \(outcome.exitCode.map(String.init) ?? "by signal"): \(outcome.output)",
                                              directory: directory)
        }
        return outcome.output
    }
}
