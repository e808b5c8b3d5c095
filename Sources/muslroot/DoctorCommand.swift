import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the host tools the recipes need.",
            discussion: """
            Exits 0 when every required tool is present, 1 when one is missing (and names the Debian package to install).

            Examples:
              muslroot doctor
              muslroot doctor --json
            """)

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            try await Failure.report {
                let report = HostReport(path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
                print(json ? try JSONOutput.encode(report) : report.text)
                if !report.missingRequired.isEmpty { throw ExitCode(ExitStatus.failure.rawValue) }
            }
        }
    }
}
