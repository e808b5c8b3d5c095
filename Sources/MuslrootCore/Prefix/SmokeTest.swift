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
    /// The environment the compilers and programs run with: the builds' own (see
    /// `BuildEnvironment`). Its `TMPDIR` holds the test's scratch directory.
    public var environment: [String: String]
    /// The bootstrap's log directory when `root` is a stage it just built; nil for a prefix
    /// that is already installed. Failures say where to look from it.
    public var logs: String?
    /// The bootstrap to run again after a failure (`CommandContext.rerunCommand`).
    public var rerunCommand: String

    public init(root: String, triple: Triple, staticProblem: @escaping @Sendable (String) -> String?,
                environment: [String: String], logs: String? = nil, rerunCommand: String = "muslroot bootstrap") {
        self.root = root
        self.triple = triple
        self.staticProblem = staticProblem
        self.environment = environment
        self.logs = logs
        self.rerunCommand = rerunCommand
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
            throw PrefixError.noToolchain(prefix: root, missing: gcc, target: triple.description)
        }
        return self
    }

    public func run() async throws -> Result {
        let directory = (environment["TMPDIR"] ?? "/tmp") + "/muslroot-smoke-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Self.scratchFailure(directory, error)
        }
        // The directory goes whatever happens: success, a failed check, cancellation.
        defer { FileTree.remove(directory) }
        try write(Self.cProgram, to: "\(directory)/hello.c")
        try write(Self.cxxProgram, to: "\(directory)/hello.cpp")
        let gcc = "\(root)/bin/\(triple)-gcc", gxx = "\(root)/bin/\(triple)-g++"
        var checks: [String] = []
        let emulation = Emulation.of(triple, path: environment["PATH"] ?? "/usr/bin:/bin")
        if case .unavailable = emulation {
            return try await compileOnly(gcc: gcc, gxx: gxx, in: directory, emulation: emulation)
        }

        try await compile([gcc, "-static", "-O2", "-o", "hello-c", "hello.c"], in: directory, what: "static C program")
        try await runStatic("hello-c", in: directory, expect: "hello from musl", what: "static C program")
        checks.append("C program: compiled, linked statically, ran\(emulation.note)")

        if FileManager.default.isExecutableFile(atPath: gxx) {
            try await compile([gxx, "-static", "-O2", "-pthread", "-o", "hello-cxx", "hello.cpp"], in: directory, what: "static C++ program")
            try await runStatic("hello-cxx", in: directory, expect: "c++ exception crossed", what: "static C++ program")
            checks.append("C++ program (exceptions, iostream, std::thread): compiled, linked statically, ran\(emulation.note)")
        } else {
            checks.append("C++: this toolchain is C only (\(triple)-g++ is absent: bootstrap with --toolchain gcc for C++)")
        }

        try await compile([gcc, "-static-pie", "-fPIE", "-O2", "-o", "hello-pie", "hello.c"], in: directory, what: "static-pie C program")
        let first = try await runStatic("hello-pie", in: directory, expect: "hello from musl", what: "static-pie C program")
        let second = try await runStatic("hello-pie", in: directory, expect: "hello from musl", what: "static-pie C program")
        let randomized = (try? String(contentsOfFile: "/proc/sys/kernel/randomize_va_space", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        if emulation == .native && randomized && first == second {
            throw failure("static-pie C program is not relocated at run time",
                          detail: "two runs of hello-pie printed the same address: \(first)")
        }
        if emulation != .native {
            checks.append("static-pie C program: ran\(emulation.note) (where it is loaded is the emulator's choice)")
        } else {
            checks.append(randomized ? "static-pie C program: ran at two different addresses"
                                     : "static-pie C program: ran (address randomization is off on this host)")
        }
        return Result(checks: checks)
    }

    /// What to do when a check fails: for a stage, where its compiler was installed from.
    var nextStep: String {
        if let logs {
            return "nothing was installed; look at the log of gcc's install phase (\(logs)/gcc/install.log) for why the compiler is missing or broken, "
                + "fix the cause, then run the bootstrap again: \(rerunCommand)"
        }
        return "this toolchain does not work; build it again with: muslroot bootstrap --prefix \(root)"
    }

    private func failure(_ check: String, detail: String) -> PrefixError {
        .smokeTestFailed(check: check, detail: detail, nextStep: nextStep)
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw Self.scratchFailure(path, error)
        }
    }

    /// The test's own files cannot be written: nothing is wrong with the toolchain.
    private static func scratchFailure(_ path: String, _ error: any Error) -> PrefixError {
        .smokeTestFailed(check: "cannot write its test programs", detail: "\(path): \(TreeWork.reason(error))",
                         nextStep: "set TMPDIR to a directory you can write to, then run the same command again")
    }

    func compile(_ argv: [String], in directory: String, what: String) async throws {
        let command = "$ \(argv.joined(separator: " "))"
        guard FileManager.default.isExecutableFile(atPath: argv[0]) else {
            throw failure("\(what) does not compile", detail: "\(argv[0]) is not there (or not executable)\n\(command)")
        }
        let outcome = try await launch(argv, in: directory, check: "\(what) does not compile")
        guard outcome.succeeded else {
            throw failure("\(what) does not compile", detail: "\(command)\n\(outcome.output)")
        }
    }

    @discardableResult
    private func runStatic(_ program: String, in directory: String, expect: String, what: String) async throws -> String {
        let path = "\(directory)/\(program)"
        if let problem = staticProblem(path) {
            throw failure("\(what) is not static", detail: problem)
        }
        let argv = Emulation.of(triple, path: environment["PATH"] ?? "/usr/bin:/bin").command(path) ?? [path]
        let outcome = try await launch(argv, in: directory, check: "\(what) does not run")
        guard outcome.succeeded, outcome.output.contains(expect) else {
            throw failure("\(what) does not run",
                          detail: "$ \(argv.joined(separator: " "))\nexit \(outcome.exitCode.map(String.init) ?? "by signal"): \(outcome.output)")
        }
        return outcome.output
    }

    /// Runs one command of the test; a command that cannot even start fails the check that ran it.
    private func launch(_ argv: [String], in directory: String, check: String) async throws -> HostCommand.Outcome {
        do {
            return try await HostCommand(argv, directory: directory, environment: environment).run()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw failure(check, detail: "could not run \(argv[0]): \(error)\n$ \(argv.joined(separator: " "))")
        }
    }
}
