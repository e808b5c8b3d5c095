import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Remove: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove libraries from a prefix: exactly the files its manifest lists for them.",
            discussion: """
            Refused, naming them, while an installed library needs one of those named. The prefix \
            changes in one step: an interrupted remove leaves it as it was.

            Examples:
              muslroot remove libedit --prefix ~/cross
              muslroot remove libedit ncurses --prefix ~/cross
              muslroot remove zlib --prefix ~/cross --target aarch64-linux-musl
            """)

        @Option(help: ArgumentHelp("The prefix to remove from.", valueName: "dir"))
        var prefix: String

        @Option(help: ArgumentHelp("Where to keep its lock (default: .NAME.muslroot beside the prefix, which also holds the stage).", valueName: "dir"))
        var workDir: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @OptionGroup var targetOption: TargetOption

        @Argument(help: "Libraries to remove.")
        var packages: [String] = []

        func validate() throws {
            if packages.isEmpty { throw ValidationError("name at least one library, for example: muslroot remove zlib --prefix ~/cross") }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let prefix = context.absolute(self.prefix)
                // remove builds nothing: any work directory will do for its lock.
                let (manifest, note) = try targetOption.choose(in: prefix)
                let target = try manifest.triple()
                context.say(targetNote: note, json: json)
                let workspace = (workDir.map { Workspace(root: context.absolute($0), stage: Workspace.stage(for: prefix)) }
                    ?? .standard(for: prefix)).scoped(to: target)
                var remove = MuslrootCore.Remove(packages: packages, prefix: prefix, workspace: workspace)
                remove.commandLine = context.commandLine
                remove.target = target
                let removed = try await remove.run()
                if json {
                    EventStream(context.output).outcome(.removed(prefix: prefix, target: target.description, files: removed))
                } else {
                    for (name, files) in removed.sorted(by: { $0.key < $1.key }) {
                        context.output.line("Removed \(name) from \(prefix) (\(files.count) files).")
                    }
                }
            }
        }
    }
}
