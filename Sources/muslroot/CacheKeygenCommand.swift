import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct CacheKeygen: MuslrootCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Make an Ed25519 key pair to sign artifacts with: FILE (private, mode 0600) and FILE.pub.",
            discussion: """
                Publish with the private key (`cache push|export --sign-key FILE`); give FILE.pub to \
                the machines that install (`--trust FILE.pub`).
                Examples:
                  muslroot cache keygen --output ~/.config/muslroot/cache-key
                """)

        @Option(help: ArgumentHelp("Where to write the private key; the public one goes to FILE.pub. Nothing is overwritten.", valueName: "file"))
        var output: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let path = context.absolute(output)
                let key = SigningKey.generate()
                try key.write(to: path)
                if json {
                    context.output.line(try JSONOutput.encode(["private": path, "public": "\(path).pub", "key": key.publicKey.text, "id": key.publicKey.id]))
                } else {
                    context.output.line("private key: \(path) (keep it secret; sign with --sign-key \(path))")
                    context.output.line("public key:  \(path).pub (trust it with --trust \(path).pub)")
                    context.output.line(key.publicKey.text)
                }
            }
        }
    }
}
