import ArgumentParser
import Foundation
import MuslrootCore

/// What `cache export` and `cache push` publish, and with which key.
struct PublishOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The private key to sign with (from `muslroot cache keygen`); also MUSLROOT_SIGNING_KEY.", valueName: "file"))
    var signKey: String?

    @Option(help: ArgumentHelp("Publish what this prefix holds (its toolchain and libraries) instead of the whole local store.", valueName: "dir"))
    var prefix: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func publisher(_ context: CommandContext) throws -> ArtifactPublisher {
        guard let path = signKey ?? context.environment["MUSLROOT_SIGNING_KEY"] else {
            throw ValidationError("name the signing key: --sign-key FILE (make one with `muslroot cache keygen --output FILE`)")
        }
        return ArtifactPublisher(store: store.store(context), signingKey: try SigningKey.read(context.absolute(path)),
                                 environment: context.environment)
    }

    func report(_ artifacts: [ArtifactDescriptor], to destination: String, _ context: CommandContext) throws {
        if json {
            context.output.line(try JSONOutput.encode(artifacts.map(Muslroot.CacheEntry.init)))
        } else {
            for artifact in artifacts { context.output.line("published \(Muslroot.CacheEntry(artifact).line)") }
            context.output.line("\(artifacts.count) artifact\(artifacts.count == 1 ? "" : "s") signed and published to \(destination).")
        }
    }
}

extension Muslroot {
    struct CacheExport: MuslrootCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write signed artifacts to a directory, to serve over HTTPS or share as a directory cache.",
            discussion: """
                The directory is read by `--cache DIR`, `--cache file:///DIR`, or, served by any web \
                server or bucket, `--cache https://HOST/PATH`.
                Examples:
                  muslroot cache export /srv/www/muslroot --sign-key ~/cache-key --prefix ~/cross
                """)

        @Argument(help: ArgumentHelp("The directory to write (created if missing).", valueName: "dir"))
        var directory: String

        @OptionGroup var options: PublishOptions

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let publisher = try options.publisher(context)
                let artifacts = try publisher.artifacts(prefix: options.prefix.map(context.absolute))
                let destination = context.absolute(directory)
                try await publisher.export(artifacts, to: destination)
                try options.report(artifacts, to: destination, context)
            }
        }
    }

    struct CachePush: MuslrootCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Push signed artifacts to an OCI registry (oci://HOST[:PORT]/REPOSITORY), one manifest per artifact tagged by its key.",
            discussion: """
                Credentials: MUSLROOT_REGISTRY_AUTH=USER:PASSWORD, or Docker's config.json (`docker login`).
                Examples:
                  muslroot cache push oci://ghcr.io/acme/muslroot-cache --sign-key ~/cache-key --prefix ~/cross
                """)

        @Argument(help: ArgumentHelp("The repository: oci://HOST[:PORT]/REPOSITORY.", valueName: "url"))
        var url: String

        @OptionGroup var options: PublishOptions

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                guard case .oci(let reference) = try CacheLocation.parse(url, workingDirectory: context.workingDirectory) else {
                    throw ValidationError("cache push takes oci://HOST[:PORT]/REPOSITORY; for a directory or a web server, use `muslroot cache export DIR`")
                }
                let publisher = try options.publisher(context)
                let artifacts = try publisher.artifacts(prefix: options.prefix.map(context.absolute))
                try await publisher.push(artifacts, to: reference)
                try options.report(artifacts, to: reference.description, context)
            }
        }
    }
}
