import ArgumentParser
import Foundation
import Synchronization
@testable import muslroot
import MuslrootCore

/// Text a command wrote, collected for a test.
final class CapturedText: Sendable {
    private let text = Mutex("")
    var value: String { text.withLock { $0 } }
    var output: TextOutput { TextOutput { piece in self.text.withLock { $0 += piece } } }
}

/// Runs a muslroot command line in this process, with a context of the test's making (its
/// environment, captured output, no terminal, its working directory: by default the test
/// process's); returns the exit status and both outputs.
func runInProcess(_ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil) async -> CLIResult {
    let out = CapturedText(), err = CapturedText()
    var env = ProcessInfo.processInfo.environment
    env["MUSLROOT_DATA_DIR"] = TestPaths.repository
    env["MUSLROOT_RECIPES"] = nil
    for (key, value) in environment { env[key] = value }
    let context = CommandContext(environment: env, output: out.output, errorOutput: err.output,
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
