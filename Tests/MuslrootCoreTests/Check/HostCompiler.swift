import Foundation
import Testing

/// C programs compiled at test time into a temporary directory, with whatever compilers the
/// machine has. A test whose compiler or flags do not work here is skipped with the reason.
enum HostCompiler {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("muslroot-check-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let hello = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"
    static let dlopenCaller = """
        #include <dlfcn.h>
        #include <stdio.h>
        int main(int argc, char **argv) { if (argc > 1 && !dlopen(argv[1], RTLD_NOW)) puts("no"); return 0; }

        """
    static let library = "int answer(void) { return 42; }\n"
    /// No libc at all: links for any target with only a compiler and a linker.
    static let freestanding = "void _start(void) { for (;;) {} }\nvoid __start(void) { for (;;) {} }\n"

    /// Compiles `source` to `name` in `directory`, or skips the test saying why it cannot.
    static func build(_ name: String, source: String, compiler: String = "cc", flags: [String]) throws -> String {
        switch attempt(name, source: source, compiler: compiler, flags: flags) {
        case let .success(path): return path
        case let .failure(reason): try skip(reason.description)
        }
    }

    /// Compiles like `build`, or returns nil when the compiler or the flags do not work here.
    static func buildIfPossible(_ name: String, source: String, compiler: String = "cc", flags: [String]) -> String? {
        try? attempt(name, source: source, compiler: compiler, flags: flags).get()
    }

    private static func attempt(_ name: String, source: String, compiler: String, flags: [String]) -> Result<String, Skipped> {
        guard let path = locate(compiler) else { return .failure(Skipped(description: "\(compiler) is not on PATH")) }
        let sourceFile = directory.appendingPathComponent("\(name).c")
        let output = directory.appendingPathComponent(name).path
        do {
            try source.write(to: sourceFile, atomically: true, encoding: .utf8)
            let (status, log) = try run(path, flags + [sourceFile.path, "-o", output])
            guard status == 0 else {
                let complaint = log.split(separator: "\n").first { $0.contains("error") } ?? log.split(separator: "\n").first ?? ""
                return .failure(Skipped(description: "\(compiler) \(flags.joined(separator: " ")) does not work here: \(complaint)"))
            }
            return .success(output)
        } catch {
            return .failure(Skipped(description: "cannot run \(compiler): \(error)"))
        }
    }

    static func locate(_ command: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let result = try runProgram(executable, arguments)
        return (result.status, result.stdout + result.stderr)
    }

    /// The `uname -m` spelling of the machine the tests run on.
    static var hostArchitecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "aarch64"
        #else
        "unknown"
        #endif
    }
}

struct Skipped: Error, CustomStringConvertible { var description: String }

/// Skips the current test, saying why.
func skip(_ reason: String) throws -> Never {
    #if compiler(>=6.3)
    try Test.cancel(Comment(rawValue: "skipped: \(reason)"))
    #else
    throw Skipped(description: "skipped: \(reason)") // no Test.cancel before Swift 6.3: this shows as a failure
    #endif
}
