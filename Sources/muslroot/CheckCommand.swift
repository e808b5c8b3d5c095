import ArgumentParser

extension Muslroot {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not yet available.")
        func run() async throws { throw ExitCode(1) }
    }
}
