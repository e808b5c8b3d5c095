import ArgumentParser
import Foundation
import MuslrootCore

@main
struct Muslroot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "muslroot",
        abstract: "Build a musl cross toolchain and a static sysroot from declarative recipes.",
        discussion: """
        Exit codes: 0 success, 1 failure while working, 2 bad usage or a bad recipe.

        Examples:
          muslroot bootstrap --prefix ~/cross
          muslroot plan gcc
          muslroot check ./my-binary
        """,
        version: MuslrootVersion.current,
        subcommands: [List.self, Plan.self, Fetch.self, Bootstrap.self, Add.self, Remove.self, Env.self, Doctor.self, Check.self, Extract.self, Cache.self]
    )

    /// Parses and runs, mapping argument errors to muslroot's exit code for bad usage (2)
    /// instead of the parser's default.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
