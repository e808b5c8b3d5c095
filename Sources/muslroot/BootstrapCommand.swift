import ArgumentParser

extension Muslroot {
    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not yet available.")
        func run() async throws { throw ExitCode(1) }
    }
}
