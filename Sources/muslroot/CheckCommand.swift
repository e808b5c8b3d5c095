import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Check: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tell whether binaries are really static.",
            discussion: """
            Reads each file as ELF (no readelf, no ldd) and reports its kind (static, static-pie, \
            dynamic, dynamic PIE, shared object, relocatable object), interpreter, needed libraries, \
            libc (glibc, musl, ...) and glibc versions asked for, whether it references dlopen, \
            whether it is stripped, and its architecture, word size and byte order.

            Exit codes: 0 when every file is fully static (no interpreter, no needed library), \
            1 when any is not, 2 when any file is not ELF, is empty, truncated or malformed.

            Examples:
              muslroot check ./hello
              muslroot check --json bin/* | jq -r '.[] | select(.static == false) | .file'
              muslroot check "$prefix"/bin/* || echo "something is not static"
            """)

        @Flag(help: "Print a JSON array, one object per file, for scripts.")
        var json = false

        @Argument(help: ArgumentHelp("The files to check.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file, for example: muslroot check ./hello") }
        }

        func run(in context: CommandContext) async throws {
            let results = StaticCheck.check(paths: files)
            try await Failure.report(context) {
                if json { context.output.line(try CheckFormatter.json(results)) }
                for result in results {
                    switch result {
                    case let .success(report): if !json { context.output.line(CheckFormatter.text(report)) }
                    case let .failure(error): context.errorOutput.line("muslroot: error: \(error)")
                    }
                }
            }
            let status = StaticCheck.exitStatus(results)
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
