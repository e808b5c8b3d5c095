import ArgumentParser
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
        subcommands: [List.self, Plan.self, Fetch.self, Bootstrap.self, Doctor.self, Check.self, Extract.self]
    )
}
