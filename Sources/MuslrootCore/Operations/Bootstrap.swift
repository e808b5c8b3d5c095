import Foundation

/// `muslroot bootstrap`: the toolchain recipes built into a work directory, merged into a
/// stage, smoke-tested, and only then moved into the prefix.
public struct Bootstrap: Sendable {
    public enum Outcome: Sendable {
        case upToDate(prefix: String)
        case installed(prefix: String, checks: [String], logs: String)
    }

    public var book: RecipeBook
    public var prefix: String
    public var workspace: Workspace
    public var jobs: Int
    public var target: Triple = .default
    /// The full cross gcc, or the host's gcc driving the recipes' musl.
    public var flavor: ToolchainFlavor = .gcc
    /// The allocator in the toolchain's libc.a.
    public var allocator: Allocator = .musl
    /// The machine the toolchain is built on and will run on.
    public var buildHost: BuildHost = .current()
    /// The command line, for messages and the lock's note (`CommandContext.commandLine`).
    public var commandLine: [String] = ["muslroot", "bootstrap"]
    public var keepWork: Bool
    public var environment: [String: String]
    public var sources: any SourcePreparing
    public var observer: (any BuildObserver)?
    public var staticProblem: @Sendable (String) -> String?
    /// Where a toolchain built before is looked for first, and this one kept (nil: `--no-cache`).
    public var cache: BinaryCache?

    public init(book: RecipeBook, prefix: String, workspace: Workspace, jobs: Int, keepWork: Bool,
                environment: [String: String], sources: any SourcePreparing, observer: (any BuildObserver)?,
                staticProblem: @escaping @Sendable (String) -> String?) {
        self.book = book
        self.prefix = prefix
        self.workspace = workspace
        self.jobs = jobs
        self.keepWork = keepWork
        self.environment = environment
        self.sources = sources
        self.observer = observer
        self.staticProblem = staticProblem
    }

    /// The recipes that make the toolchain of the gcc flavour: every non-optional recipe of kind `toolchain`.
    public static func toolchainRecipes(in book: RecipeBook) -> [String] {
        ToolchainFlavor.gcc.recipes(in: book)
    }

    /// The phases of the toolchain (and allocator). A recipe whose `[[unsupported]]` names the
    /// target is `TargetError.unsupported`, before anything is fetched or built.
    public func plan() throws -> Plan {
        let requests = flavor.recipes(in: book) + (allocator == .mimalloc ? ["mimalloc"] : [])
        try book.checkSupported(requests)
        return try Resolver(book: book).plan(for: requests)
    }

    /// What, besides the recipes, decides this toolchain's bytes.
    public func context(hostCompiler: HostCompiler?) -> PackageKeys.ToolchainContext {
        PackageKeys.ToolchainContext(target: target, flavor: flavor, allocator: allocator, buildHost: buildHost,
                                     hostCompiler: hostCompiler?.identity)
    }

    /// True when the prefix already holds exactly the packages, with the keys, that would be built.
    public func isUpToDate(keys: [String: String]) -> Bool {
        guard let manifest = Manifest.load(prefix: prefix, target: target.description),
              manifest.flavor == flavor, manifest.allocator == allocator else { return false }
        let toolchain = manifest.packages.filter { !$0.isLibrary }
        return toolchain.count == keys.count && toolchain.allSatisfy { keys[$0.name] == $0.fingerprint }
    }

    public func run() async throws -> Outcome {
        try await BuildError.reportingInterruption(rerun: commandLine) { try await build() }
    }

    private func build() async throws -> Outcome {
        let plan = try plan()
        let environment = BuildEnvironment.cleaned(environment)
        let hostCompiler = flavor == .host
            ? try await HostCompiler.find(path: environment["PATH"] ?? "/usr/bin:/bin", triple: target, machine: buildHost.architecture) : nil
        let context = context(hostCompiler: hostCompiler)
        let keys = try PackageKeys.toolchain(plan, context: context)
        if isUpToDate(keys: keys) { return .upToDate(prefix: prefix) }
        try await Installer.checkUsable(prefix: prefix)
        // The prefix may hold other targets: this one's toolchain goes in beside theirs.
        let existing = PrefixTargets.load(prefix: prefix)
        let own = existing.manifest(for: target.description)
        if let libraries = own?.libraries, !libraries.isEmpty {
            throw PrefixError.holdsLibraries(prefix: prefix, libraries: libraries.map(\.name))
        }
        let locks = try PrefixLocks(prefix: prefix, workspace: workspace, commandLine: commandLine)
        defer { withExtendedLifetime(locks) {} }

        var configuration = BuildConfiguration(
            workspace: workspace, target: target, jobs: jobs, prefix: prefix, sysroot: workspace.sysroot,
            environment: environment)
        configuration.fingerprintInputs = Dictionary(uniqueKeysWithValues: plan.recipes.map { ($0.name, [context.key]) })
        configuration.rerunCommand = CommandContext.rerunCommand(commandLine)
        // The whole toolchain is one artifact of the binary cache: its recipes share build trees.
        let toolchainKey = PackageKeys.toolchain(target: target.description, packageKeys: keys)
        let packages: [BuiltPackage]
        var treesRemoved: Task<Void, Never>?
        if let hit = try await cache?.fetch(toolchainKey, package: ArtifactDescriptor.toolchainPackage,
                                             into: workspace.package(ArtifactDescriptor.toolchainPackage), observer: observer) {
            packages = hit.packages
            await observer?.handle(.message("smoke-testing the toolchain from the binary cache"))
        } else {
            let built = try await buildPackages(plan, keys: keys, hostCompiler: hostCompiler, configuration: configuration)
            packages = built.0
            treesRemoved = built.1
        }
        let transaction = PrefixTransaction(prefix: prefix, stage: workspace.stage, target: target)
        let others = existing.files(besides: target.description)
        if others.isEmpty {
            try await transaction.beginEmpty()
        } else {
            // The other targets' files as they are; this target's old toolchain, if any, goes.
            try await transaction.begin(leaving: Set(own?.ownedFiles ?? []))
        }
        for package in packages { try await transaction.install(package, sparing: others) }
        let smokeTest = SmokeTest(root: workspace.stage, triple: target, staticProblem: staticProblem,
                                  environment: configuration.environment, logs: workspace.logs,
                                  rerunCommand: CommandContext.rerunCommand(commandLine))
        var manifest = Manifest(muslroot: MuslrootVersion.current, target: target.description,
                                created: ISO8601DateFormatter().string(from: Date()), packages: [], toolchain: flavor, malloc: allocator)
        manifest.buildHost = buildHost
        let (_, checks) = try await transaction.commit(manifest, smokeTest: smokeTest)
        if let treesRemoved {
            await cache?.keep(packages, key: toolchainKey, package: ArtifactDescriptor.toolchainPackage,
                              version: plan.recipes.map { "\($0.name) \($0.version)" }.joined(separator: ", "),
                              target: target.description, observer: observer)
            await treesRemoved.value
        }
        await TreeWork.remove(workspace.installedTrees)
        return .installed(prefix: prefix, checks: checks, logs: workspace.logs)
    }

    /// Builds the toolchain's packages in the work directory; the task removes the source
    /// and build trees meanwhile.
    private func buildPackages(_ plan: Plan, keys: [String: String], hostCompiler: HostCompiler?,
                               configuration: BuildConfiguration) async throws -> ([BuiltPackage], Task<Void, Never>) {
        try await sources.fetchAll(for: plan.recipes)
        try await Executor(plan: plan, configuration: configuration, sources: sources, observer: observer).run()
        // Every phase is done and its files are in dest/: the large source and build trees are
        // no longer needed (a re-run goes straight to staging), so they go while the stage is
        // made and tested rather than after.
        let trees = keepWork ? [] : workspace.buildTrees
        let treesRemoved = Task { await TreeWork.remove(trees) }

        await observer?.handle(.message("staging and smoke-testing the toolchain"))
        var packages: [BuiltPackage] = []
        for recipe in plan.recipes {
            packages.append(try await BuiltPackage.collecting(Manifest.entry(for: recipe, key: keys[recipe.name]!),
                                                              tree: workspace.destination(recipe.name)))
        }
        if let hostCompiler {
            packages.append(try await hostCompiler.package(key: keys[HostCompiler.packageName]!, tree: workspace.package(HostCompiler.packageName)))
        }
        return (packages, treesRemoved)
    }
}
