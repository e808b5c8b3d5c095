import Foundation

/// `muslroot add`: library recipes built with a prefix's own toolchain into its sysroot, as
/// one transaction. The prefix is copied into a stage by hard links; each library installs
/// into its `dest/`, is merged into the stage as soon as it is done (so that what depends on
/// it builds against it), and the finished stage is exchanged with the prefix.
public struct Add: Sendable {
    public enum Outcome: Sendable {
        /// `modules`: the pkg-config modules of the packages asked for, to link them with.
        case upToDate(prefix: String, packages: [String], modules: [String])
        case installed(prefix: String, built: [String], logs: String, modules: [String])
    }

    public var book: RecipeBook
    public var requested: [String]
    public var prefix: String
    public var workspace: Workspace
    public var jobs: Int
    public var keepWork: Bool
    public var environment: [String: String]
    public var sources: any SourcePreparing
    public var observer: (any BuildObserver)?
    /// The command line, for messages and the lock's note (`CommandContext.commandLine`).
    public var commandLine: [String] = ["muslroot", "add"]
    /// Where libraries built before are looked for first, and new builds kept (nil: `--no-cache`).
    public var cache: BinaryCache?
    /// Which of the prefix's targets to add to (nil: its only one, or x86_64 of several).
    public var target: Triple?

    public init(book: RecipeBook, requested: [String], prefix: String, workspace: Workspace, jobs: Int, keepWork: Bool,
                environment: [String: String], sources: any SourcePreparing, observer: (any BuildObserver)?) {
        self.book = book
        self.requested = requested
        self.prefix = prefix
        self.workspace = workspace
        self.jobs = jobs
        self.keepWork = keepWork
        self.environment = environment
        self.sources = sources
        self.observer = observer
    }

    /// The requested libraries and what they need, in build order; toolchain recipes, and
    /// recipes that cannot be built for the book's target, refused.
    public func plan() throws -> Plan {
        let plan = try Resolver(book: book).plan(for: requested)
        try book.checkSupported(requested)
        let toolchainParts = plan.recipes.filter { $0.kind == .toolchain }
        if let part = toolchainParts.first(where: { requested.contains($0.name) }) ?? toolchainParts.first {
            throw PrefixError.notAddable(package: part.name, prefix: prefix,
                                         reason: "it is part of the toolchain, which `muslroot bootstrap --prefix \(prefix)` builds")
        }
        return plan
    }

    /// Unpacks each library of `buildPlan` a binary cache holds and installs it into the
    /// transaction, with the manifest entry a build of it would have. Returns their names.
    private func installCached(_ buildPlan: Plan, from plan: Plan, keys: [String: String],
                               into transaction: PrefixTransaction) async throws -> Set<String> {
        guard let cache else { return [] }
        var cached: Set<String> = []
        for recipe in buildPlan.recipes {
            guard let hit = try await cache.fetch(keys[recipe.name]!, package: recipe.name, into: workspace.package(recipe.name),
                                                  observer: observer),
                  let stored = hit.packages.first else { continue }
            var entry = Manifest.entry(for: recipe, key: keys[recipe.name]!, depends: plan.dependencies(of: recipe))
            entry.files = stored.files
            try await transaction.install(BuiltPackage(entry: entry, tree: stored.tree))
            cached.insert(recipe.name)
        }
        return cached
    }

    /// Builds `buildPlan` with the stage's toolchain; each library goes into the stage as soon
    /// as it is built, so that what depends on it builds against it.
    private func build(_ buildPlan: Plan, from plan: Plan, keys: [String: String], target: Triple,
                       into transaction: PrefixTransaction, collecting built: BuiltPackages) async throws {
        let stage = workspace.stage
        let sysroot = "\(stage)/\(target)"
        var configuration = BuildConfiguration(
            workspace: workspace, target: target, jobs: jobs, prefix: prefix, sysroot: sysroot,
            environment: LibraryEnvironment.make(from: BuildEnvironment.cleaned(environment), toolchain: "\(stage)/bin",
                                                 sysroot: sysroot, triple: target))
        configuration.fingerprintInputs = keys.mapValues { [$0] }
        configuration.rerunCommand = CommandContext.rerunCommand(commandLine)
        configuration.toolchain = stage
        var executor = Executor(plan: buildPlan, configuration: configuration, sources: sources, observer: observer)
        let workRoot = workspace.root, workspace = workspace
        executor.recipeFinished = { recipe in
            let entry = Manifest.entry(for: recipe, key: keys[recipe.name]!, depends: plan.dependencies(of: recipe))
            let package = try await LibraryMerge(stage: stage, output: workspace.package(recipe.name), sysroot: target.description,
                                                 recipe: recipe.name, workRoot: workRoot)
                .package(entry, from: workspace.destination(recipe.name))
            try await transaction.install(package)
            built.append(package)
        }
        try await executor.run()
    }

    public func run() async throws -> Outcome {
        try await BuildError.reportingInterruption(rerun: commandLine) { try await build() }
    }

    private func build() async throws -> Outcome {
        let manifest = try InstalledPrefix.requireToolchain(prefix, target: self.target).manifest
        let target = try manifest.triple()
        let plan = try plan()
        let keys = try PackageKeys.libraries(plan, toolchain: PackageKeys.toolchain(of: manifest), target: target)
        let needed = Set(plan.recipes.filter { manifest.package($0.name)?.fingerprint != keys[$0.name] }.map(\.name))
        if needed.isEmpty {
            return .upToDate(prefix: prefix, packages: plan.recipes.map(\.name), modules: manifest.pkgConfigModules(of: requested, in: prefix))
        }

        try await Installer.checkUsable(prefix: prefix)
        let locks = try PrefixLocks(prefix: prefix, workspace: workspace, commandLine: commandLine)
        defer { withExtendedLifetime(locks) {} }

        let buildPlan = plan.restricted(to: needed)
        // A library built again leaves its old files out of the stage: the new build's come in.
        let replaced = manifest.packages.filter { needed.contains($0.name) }
        let transaction = PrefixTransaction(prefix: prefix, stage: workspace.stage, target: target)
        try await transaction.begin(leaving: Set(replaced.flatMap(\.files)))
        // What a binary cache holds goes into the stage first, as a build's package would.
        let cached = try await installCached(buildPlan, from: plan, keys: keys, into: transaction)
        let toBuild = plan.restricted(to: needed.subtracting(cached))
        let built = BuiltPackages()
        if !toBuild.recipes.isEmpty {
            try await sources.fetchAll(for: toBuild.recipes)
            try await build(toBuild, from: plan, keys: keys, target: target, into: transaction, collecting: built)
        }

        await observer?.handle(.message("installing \(buildPlan.recipes.map(\.name).joined(separator: ", ")) into \(prefix)"))
        var kept = manifest
        kept.packages.removeAll { needed.contains($0.name) }
        let (installed, _) = try await transaction.commit(kept)
        if let cache {
            for package in built.packages {
                await cache.keep([package], key: package.entry.fingerprint, package: package.name, version: package.entry.version,
                                 target: target.description, observer: observer)
            }
        }
        await TreeWork.remove(workspace.installedTrees + (keepWork ? [] : workspace.buildTrees))
        return .installed(prefix: prefix, built: buildPlan.recipes.map(\.name), logs: workspace.logs,
                          modules: installed.pkgConfigModules(of: requested, in: prefix))
    }
}
