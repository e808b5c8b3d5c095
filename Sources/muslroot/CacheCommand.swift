import ArgumentParser
import Foundation
import MuslrootCore

extension Muslroot {
    struct Cache: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the binary cache: list, trim, sign and publish artifacts (see docs/cache.md).",
            subcommands: [CacheList.self, CacheGC.self, CacheKeygen.self, CacheExport.self, CachePush.self])
    }

    /// One entry of `cache list --json`.
    struct CacheEntry: Encodable {
        var key: String
        var package: String
        var version: String
        var target: String
        var size: Int64
        var origin: String
        var created: String

        init(_ descriptor: ArtifactDescriptor) {
            (key, package, version, target, size, origin, created) = (descriptor.key, descriptor.package, descriptor.version,
                                                                      descriptor.target, descriptor.size, descriptor.origin, descriptor.created)
        }

        var line: String { "\(key.prefix(16))  \(package)  \(version)  \(target)  \(size) bytes  \(origin)  \(created)" }
    }

    struct CacheList: MuslrootCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the local store's artifacts, newest first: key, package, version, target, size, origin.",
            discussion: "Examples:\n  muslroot cache list\n  muslroot cache list --json | jq -r '.[].package'")

        @OptionGroup var store: StoreOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let store = store.store(context)
                let entries = store.list().map(CacheEntry.init)
                if json {
                    context.output.line(try JSONOutput.encode(entries))
                } else if entries.isEmpty {
                    context.output.line("\(store.directory) holds no artifact.")
                } else {
                    for entry in entries { context.output.line(entry.line) }
                }
            }
        }
    }

    struct CacheGC: MuslrootCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc", abstract: "Remove artifacts from the local store: all but the newest N, or the oldest beyond a size.",
            discussion: "Examples:\n  muslroot cache gc --keep-last 10\n  muslroot cache gc --max-size 2G")

        @OptionGroup var store: StoreOptions

        @Option(help: "Keep the N newest artifacts.")
        var keepLast: Int?

        @Option(help: ArgumentHelp("Keep at most this many bytes (suffixes K, M, G).", valueName: "size"))
        var maxSize: String?

        func validate() throws {
            if keepLast == nil, maxSize == nil { throw ValidationError("name --keep-last N or --max-size SIZE, for example: muslroot cache gc --keep-last 10") }
            if let keepLast, keepLast < 0 { throw ValidationError("--keep-last must be 0 or more") }
            if let maxSize, Self.bytes(maxSize) == nil { throw ValidationError("--max-size '\(maxSize)' is not a size: give bytes, or a number with K, M or G (2G)") }
        }

        static func bytes(_ text: String) -> Int64? {
            let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
            if let last = text.uppercased().last, let unit = units[last] { return Int64(text.dropLast()).map { $0 * unit } }
            return Int64(text)
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                let store = store.store(context)
                let removed = store.collect(keepLast: keepLast, maxSize: maxSize.flatMap(Self.bytes))
                for entry in removed { context.output.line("removed \(CacheEntry(entry).line)") }
                context.output.line("\(removed.count) artifact\(removed.count == 1 ? "" : "s") removed, \(removed.reduce(0) { $0 + $1.size }) bytes.")
            }
        }
    }
}

/// `--cache-dir`, and the local store under it, for the cache subcommands.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("The cache directory (artifacts in DIR/artifacts).", valueName: "dir"))
    var cacheDirectory: String?

    func store(_ context: CommandContext) -> ArtifactStore {
        ArtifactStore(directory: ArtifactStore.directory(cacheDirectory: cacheDirectory.map(context.absolute), environment: context.environment))
    }
}
