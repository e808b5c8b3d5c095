import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Add: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build static libraries with a prefix's toolchain into its sysroot.",
            discussion: """
            Dependencies come too (libedit brings ncurses). What is installed already with the same \
            recipe, toolchain and dependencies is skipped; the rest builds in parallel under one --jobs \
            budget, and is installed in one step: a failed or interrupted add leaves the prefix as it \
            was, and the next run resumes from the last completed phase.

            Examples:
              muslroot add openssl --prefix ~/cross
              muslroot add openssl ffmpeg libedit zlib --prefix ~/cross --jobs 2
              muslroot add zlib --prefix ~/cross --json
              muslroot add openssl zlib --prefix ~/cross --target aarch64-linux-musl
            """)

        @OptionGroup var recipes: RecipeOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var build: BuildOptions
        @OptionGroup var cacheOptions: CacheOptions
        @OptionGroup var targetOption: TargetOption

        @Argument(help: "Library recipes to add (see: muslroot list).")
        var packages: [String] = []

        /// The prefix's target this adds to (its recipes read that target's values), or the
        /// default when there is no toolchain yet (add then says to bootstrap), and the note
        /// saying which target was taken of several.
        func prefixTarget(_ context: CommandContext) throws -> (TargetProfile, note: String?) {
            guard Manifest.load(prefix: build.absolutePrefix(context)) != nil else {
                return (try targetOption.requested().map { try TargetProfile($0) } ?? .default, nil)
            }
            let (manifest, note) = try targetOption.choose(in: build.absolutePrefix(context))
            return (try TargetProfile(parsing: manifest.target), note)
        }

        func validate() throws {
            if packages.isEmpty { throw ValidationError("name at least one library, for example: muslroot add zlib --prefix ~/cross") }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let events = EventStream(context.output)
                let (target, note) = try prefixTarget(context)
                context.say(targetNote: note, json: build.json)
                var add = MuslrootCore.Add(
                    book: try recipes.book(context, target: target), requested: packages, prefix: build.absolutePrefix(context),
                    workspace: try build.workspace(context, target: target.triple),
                    jobs: build.jobCount(context), keepWork: build.keepWork, environment: context.environment,
                    sources: SourceStore(fetcher: try sourceOptions.fetcher(context, progress: build.fetchProgress(context, events: events))),
                    observer: nil)
                add.commandLine = context.commandLine
                add.target = target.triple
                add.cache = try cacheOptions.cache(context, sources: sourceOptions)
                let configured = add
                let outcome = try await build.run(context, events: events) { reporter in
                    var add = configured
                    add.observer = reporter
                    return try await add.run()
                }
                switch outcome {
                case let .upToDate(prefix, names, modules):
                    if build.json {
                        events.outcome(.upToDate(prefix: prefix, target: target.triple.description, packages: names, modules: modules))
                    } else {
                        context.output.line("\(names.joined(separator: ", ")) already installed in \(prefix); nothing to do.")
                    }
                    linkHint(context, prefix: prefix, target: target.triple, modules: modules)
                case let .installed(prefix, built, logs, modules):
                    if build.json {
                        events.outcome(.installed(prefix: prefix, target: target.triple.description, logs: logs, packages: built, modules: modules))
                    } else {
                        context.output.line("Installed \(built.joined(separator: ", ")) in \(prefix) (logs in \(logs)).")
                    }
                    build.printResources(context, events: events)
                    linkHint(context, prefix: prefix, target: target.triple, modules: modules)
                }
            }
        }

        /// The pkg-config line that links what was asked for (not in --json: the events carry the modules).
        private func linkHint(_ context: CommandContext, prefix: String, target: Triple, modules: [String]) {
            guard !build.json, !modules.isEmpty else { return }
            context.output.line("Link with: \(prefix)/bin/\(target)-pkg-config --static --libs \(modules.joined(separator: " "))")
        }
    }
}
