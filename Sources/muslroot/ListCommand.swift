import ArgumentParser
import MuslrootCore

extension Muslroot {
    struct List: MuslrootCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recipes muslroot knows.",
            discussion: """
            Examples:
              muslroot list
              muslroot list --json | jq -r '.[].name'
              muslroot list --recipes ./my-recipes
              muslroot list --prefix ~/cross      # also says which recipes are installed there
              muslroot list --installed --prefix ~/cross --json
              muslroot list --installed --prefix ~/cross --target aarch64-linux-musl
              muslroot list --targets             # the targets, and whether this machine builds and runs them
            """)

        @OptionGroup var recipes: RecipeOptions

        @Option(help: ArgumentHelp("A prefix to report installed packages from (its .muslroot/manifest.json).", valueName: "dir"))
        var prefix: String?

        @Flag(help: "List what the prefix holds (with --prefix): its toolchain and libraries, with versions.")
        var installed = false

        @Flag(help: "List the targets muslroot knows: Rust's name for each, the gcc `--toolchain host` builds it with here, and how its programs run here.")
        var targets = false

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @OptionGroup var targetOption: TargetOption

        func validate() throws {
            if targets && (installed || prefix != nil) { throw ValidationError("--targets lists the known targets; it takes no --prefix or --installed") }
            if installed && prefix == nil { throw ValidationError("--installed needs --prefix DIR: the prefix to list") }
            if targetOption.target != nil && prefix == nil { throw ValidationError("--target picks one of a prefix's targets: give --prefix DIR too") }
        }

        func run(in context: CommandContext) async throws {
            try await Failure.report(context) {
                if targets {
                    let machine = BuildHost.current().architecture
                    let listings = TargetListing.all(machine: machine, path: context.environment["PATH"] ?? "/usr/bin:/bin")
                    context.output.line(json ? try JSONOutput.encode(listings) : TargetListing.text(listings, machine: machine))
                    return
                }
                if installed, let prefix {
                    let path = context.absolute(prefix)
                    let (manifest, note) = try InstalledPrefix.requireToolchain(path, target: try targetOption.requested())
                    context.say(targetNote: note, json: json)
                    let packages = InstalledPackage.all(in: manifest)
                    context.output.line(json ? try JSONOutput.encode(packages) : InstalledPackage.text(packages, prefix: path, flavor: manifest.flavor))
                    return
                }
                let chosen = try prefix.map { try InstalledPrefix.requireToolchain(context.absolute($0), target: try targetOption.requested()) }
                context.say(targetNote: chosen?.note, json: json)
                let manifest = chosen?.manifest
                // With a prefix, the recipes as its toolchain's flavour, allocator and target read them.
                let book = try recipes.book(context, flavor: manifest?.flavor ?? .gcc, allocator: manifest?.allocator ?? .musl,
                                            target: try manifest.map { try TargetProfile(parsing: $0.target) } ?? .default)
                let status = if let manifest { try await PrefixStatus.of(book, manifest: manifest, environment: context.environment) } else { PrefixStatus?.none }
                let summaries = book.names.compactMap { book[$0] }.map { recipe in
                    var summary = RecipeSummary(recipe)
                    if let state = status?.states[recipe.name] {
                        summary.installed = state != .absent
                        summary.outdated = state == .absent ? nil : state == .outdated
                    }
                    return summary
                }
                if json {
                    context.output.line(try JSONOutput.encode(summaries))
                } else {
                    context.output.line(RecipeListing.text(summaries))
                }
            }
        }
    }
}
