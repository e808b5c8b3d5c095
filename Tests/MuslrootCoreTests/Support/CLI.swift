import ArgumentParser
import Foundation
import Synchronization
@testable import muslroot
import MuslrootCore

/// What a muslroot command line did: its exit status and both outputs.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The one way the tests run muslroot, as a user does, from its command line: in this process
/// (`run`: the command's context is the test's, its output captured), or as the built
/// executable (`process`: where a test needs a process of its own, to kill it or to run it
/// beside others for real). Both see the repository's recipes and none of the caller's overlays.
enum CLI {
    /// The environment a command runs with: the test's, the repository's data, `extra` on top.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["MUSLROOT_DATA_DIR"] = TestPaths.repository
        environment["MUSLROOT_RECIPES"] = nil
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs the command line in this process.
    static func run(_ arguments: [String], environment extra: [String: String] = [:],
                    workingDirectory: String? = nil) async -> CLIResult {
        let out = CapturedText(), err = CapturedText()
        let context = CommandContext(environment: environment(extra), output: out.output, errorOutput: err.output,
                                     commandLine: [TestPaths.executable] + arguments, processorCount: 2, outputIsTerminal: false,
                                     workingDirectory: workingDirectory ?? FileManager.default.currentDirectoryPath)
        var status: Int32 = 0
        do {
            let command = try Muslroot.parseAsRoot(arguments)
            guard let runnable = command as? any MuslrootCommand else { return CLIResult(status: 99, stdout: "", stderr: "not a MuslrootCommand") }
            try await runnable.run(in: context)
        } catch let exit as ExitCode {
            status = exit.rawValue
        } catch {
            status = Muslroot.exitCode(for: error) == .validationFailure ? ExitStatus.usage.rawValue : Muslroot.exitCode(for: error).rawValue
            err.output.line(Muslroot.fullMessage(for: error))
        }
        return CLIResult(status: status, stdout: out.value, stderr: err.value)
    }

    /// Runs the built executable, on a thread of its own, to its end.
    static func process(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> CLIResult {
        let environment = environment(extra)
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runProgram(TestPaths.executable, arguments, environment: environment) }) }.start()
        }
    }
}

/// Text a command wrote, collected for a test.
final class CapturedText: Sendable {
    private let text = Mutex("")
    var value: String { text.withLock { $0 } }
    var output: TextOutput { TextOutput { piece in self.text.withLock { $0 += piece } } }
}
