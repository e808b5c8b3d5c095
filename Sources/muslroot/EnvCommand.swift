import ArgumentParser
import Foundation
import MuslrootCore

extension ShellSyntax: ExpressibleByArgument {}

extension Muslroot {
    struct Env: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the environment a build needs to use a prefix.",
            discussion: """
            Prints PATH (the prefix's bin first, once), CC, CXX, AR, RANLIB, NM, STRIP and \
            PKG_CONFIG for autoconf, make and CMake; the target-scoped variables cargo, rustc \
            and the cc, pkg-config and cmake crates read, under the target's Rust name \
            (x86_64-unknown-linux-musl; armv7-unknown-linux-musleabihf for arm-linux-musleabihf); and \
            those of the -sys crates whose library is installed in the prefix (docs/env.md \
            explains each). With --cargo, --cmake or --meson, prints a cargo config, a CMake \
            toolchain file or a Meson cross file for the prefix where it is now; relocatable \
            copies are in PREFIX/share/muslroot.

            Exits 1 when the prefix has no toolchain.

            Examples:
              eval "$(muslroot env --prefix ~/cross)"
              muslroot env --prefix ~/cross --shell fish | source
              muslroot env --prefix ~/cross --shell json | jq -r .CC
              muslroot env --prefix ~/cross --meson > cross.ini
              eval "$(muslroot env --prefix ~/cross --target aarch64-linux-musl)"
            """)

        @Option(help: ArgumentHelp("The toolchain prefix.", valueName: "dir"))
        var prefix: String

        @Option(help: ArgumentHelp("The language of the output: sh (also bash and zsh), fish or json.", valueName: "shell"))
        var shell: ShellSyntax = .sh

        @Flag(help: "Print a .cargo/config.toml fragment instead.")
        var cargo = false

        @Flag(help: "Print a CMake toolchain file instead.")
        var cmake = false

        @Flag(help: "Print a Meson cross file instead.")
        var meson = false

        @OptionGroup var targetOption: TargetOption

        func validate() throws {
            if [cargo, cmake, meson].filter({ $0 }).count > 1 {
                throw ValidationError("choose one of --cargo, --cmake and --meson")
            }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let prefix = context.absolute(prefix)
                var triple = try targetOption.requested()
                if Manifest.load(prefix: prefix) != nil {
                    let (manifest, note) = try targetOption.choose(in: prefix)
                    // On standard error: the output is for eval, a file or jq.
                    if let note { context.errorOutput.line(note) }
                    triple = try manifest.triple()
                }
                let description = try PrefixDescription.read(prefix: prefix, triple: triple)
                let text: String
                if cargo {
                    text = CargoConfig.text(description, relocatable: false)
                } else if cmake {
                    text = CMakeToolchainFile.text(description, relocatable: false)
                } else if meson {
                    text = MesonCrossFile.text(description, relocatable: false)
                } else {
                    text = try ShellExports.text(PrefixEnvironment(description), syntax: shell,
                                                 currentPath: context.environment["PATH"])
                }
                context.output.write(text)
            }
        }
    }
}
