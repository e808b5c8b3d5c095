import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Add: AsyncParsableCommand {
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
            """)

        @OptionGroup var recipes: RecipeOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var build: BuildOptions

        @Argument(help: "Library recipes to add (see: muslroot list).")
        var packages: [String] = []

        func validate() throws {
            if packages.isEmpty { throw ValidationError("name at least one library, for example: muslroot add zlib --prefix ~/cross") }
        }

        func run() async throws {
            try await Failure.report {
                let add = MuslrootCore.Add(
                    book: try recipes.book(), requested: packages, prefix: build.absolutePrefix, workspace: build.workspace,
                    jobs: build.jobCount, keepWork: build.keepWork, environment: ProcessInfo.processInfo.environment,
                    sources: SourceStore(fetcher: try sourceOptions.fetcher()), observer: nil)
                let outcome = try await build.run { reporter in
                    var add = add
                    add.observer = reporter
                    return try await add.run()
                }
                switch outcome {
                case let .upToDate(prefix, names):
                    print(build.json ? JSONLine.encode(["event": "up-to-date", "prefix": prefix, "packages": names])
                                     : "\(names.joined(separator: ", ")) already installed in \(prefix); nothing to do.")
                case let .installed(prefix, built, logs):
                    print(build.json ? JSONLine.encode(["event": "installed", "prefix": prefix, "logs": logs, "packages": built])
                                     : "Installed \(built.joined(separator: ", ")) in \(prefix) (logs in \(logs)).")
                    build.printResources()
                    if !build.json {
                        print("Link with: \(prefix)/bin/\(Triple.x86_64Musl)-pkg-config --static --libs \(built.last ?? "")")
                    }
                }
            }
        }
    }
}
