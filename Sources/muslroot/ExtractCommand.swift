import ArgumentParser
import MuslrootCore

extension Muslroot {
    /// Hidden: unpacks one archive the way source trees are unpacked (for scripts/bench-extract.sh).
    struct Extract: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unpack a source archive, its top-level directory stripped.",
            discussion: """
            Entries that could write outside DIR (absolute paths, '..', escaping links) and device nodes are refused.
            DIR must not exist or be empty.

            Example:
              muslroot extract gcc-14.2.0.tar.xz /tmp/gcc-src
            """,
            shouldDisplay: false)

        @Argument(help: "The archive (tar, compressed or not).")
        var archive: String

        @Argument(help: "Where to unpack it.")
        var directory: String

        @Option(help: "A path below the archive's top-level directory to leave out, with everything under it (repeatable).")
        var exclude: [String] = []

        func validate() throws {
            if let path = exclude.first(where: { !Source.isExcludablePath($0) }) {
                throw ValidationError("--exclude '\(path)' must be a path inside the archive's top-level directory, such as gcc/testsuite")
            }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                try await Extractor.extract(context.absolute(archive), into: context.absolute(directory), excluding: exclude)
            }
        }
    }
}
