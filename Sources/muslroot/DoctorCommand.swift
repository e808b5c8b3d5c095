import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Doctor: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the host tools the recipes need, and optionally a toolchain prefix.",
            discussion: """
            Exits 0 when every required tool is present (and, with --prefix, the toolchain passes its \
            smoke test), 1 otherwise; a missing tool is named with the Debian package to install. \
            Says whether Debian's cross gcc for `bootstrap --toolchain host` and the qemu that runs \
            the programs of the target (--target, the prefix's, or x86_64) are installed. \
            Names the Meson version found, and which of the prefix's Meson cross files it reads.

            Examples:
              muslroot doctor
              muslroot doctor --json
              muslroot doctor --prefix ~/cross
              muslroot doctor --prefix ~/cross --target aarch64-linux-musl
            """)

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @Option(help: ArgumentHelp("Also smoke-test the toolchain in this prefix: static C, C++ and static-pie programs.", valueName: "dir"))
        var prefix: String?

        @OptionGroup var targetOption: TargetOption

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let report = HostReport(path: context.environment["PATH"] ?? "/usr/bin:/bin")
                var meson = await MesonReport.find(path: context.environment["PATH"] ?? "/usr/bin:/bin", environment: context.environment)
                var smoke: [String]? = nil
                var manifest: Manifest? = nil
                var smokeError: (any Error)? = nil
                if let prefix {
                    do {
                        if Manifest.load(prefix: context.absolute(prefix)) != nil {
                            let (chosen, note) = try targetOption.choose(in: context.absolute(prefix))
                            context.say(targetNote: note, json: json)
                            manifest = chosen
                            meson.files = ExportPaths(triple: try chosen.triple(),
                                                      isFirstTarget: Manifest.load(prefix: context.absolute(prefix))?.target == chosen.target)
                        }
                        smoke = try await SmokeTest(root: context.absolute(prefix), triple: try manifest?.triple() ?? targetOption.requested() ?? .default,
                                                    staticProblem: StaticInspection.problem,
                                                    environment: BuildEnvironment.cleaned(context.environment)).checkingCompiler().run().checks
                    } catch {
                        smokeError = error
                    }
                }
                // The target checked: the one asked for, the prefix's, or the default; none when
                // which one could not be told (the error says so).
                let triple = try manifest?.triple() ?? targetOption.requested() ?? .default
                let target = smokeError is TargetError ? nil
                    : TargetListing(try TargetProfile(triple), machine: BuildHost.current().architecture,
                                    path: context.environment["PATH"] ?? "/usr/bin:/bin")
                if json {
                    struct Output: Encodable {
                        var host: HostReport; var target: TargetListing?; var meson: MesonReport; var smokeTest: [String]?; var smokeTestError: String?
                        var toolchain: ToolchainFlavor?; var malloc: Allocator?
                    }
                    context.output.line(try JSONOutput.encode(Output(host: report, target: target, meson: meson, smokeTest: smoke,
                                                       smokeTestError: smokeError.map { Failure.describe($0) },
                                                       toolchain: manifest?.flavor, malloc: manifest?.allocator)))
                } else {
                    context.output.line(report.text)
                    if let target { context.output.line(target.doctorText) }
                    context.output.line(meson.text(prefix: prefix.map(context.absolute)))
                    if let manifest {
                        context.output.line("toolchain: \(manifest.flavor.rawValue)\(manifest.flavor == .host ? " (C only: the host's gcc with the prefix's musl)" : " (C and C++)"); "
                              + "malloc in libc.a: \(manifest.allocator.rawValue)")
                    }
                    if let smoke { context.output.line(smoke.map { "smoke test: \($0)" }.joined(separator: "\n")) }
                }
                if let smokeError { throw smokeError }
                if !report.missingRequired.isEmpty { throw ExitCode(ExitStatus.failure.rawValue) }
            }
        }
    }
}
