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
    public var target: Triple = .x86_64Musl
    /// The full cross gcc, or the host's gcc driving the recipes' musl.
    public var flavor: ToolchainFlavor = .gcc
    /// The allocator in the toolchain's libc.a.
    public var allocator: Allocator = .musl
    /// The command line, for messages and the lock's note (`CommandContext.commandLine`).
    public var commandLine: [String] = ["muslroot", "bootstrap"]
    public var keepWork: Bool
    public var environment: [String: String]
    public var sources: any SourcePreparing
    public var observer: (any BuildObserver)?
    public var staticProblem: @Sendable (String) -> String?

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

    public func plan() throws -> Plan {
        try Resolver(book: book).plan(for: flavor.recipes(in: book) + (allocator == .mimalloc ? ["mimalloc"] : []))
    }

    /// True when the prefix already holds exactly what the recipes would build.
    public func isUpToDate(_ plan: Plan, hostCompiler: HostCompiler? = nil) -> Bool {
        guard let manifest = Manifest.load(prefix: prefix), manifest.target == target.description,
              manifest.flavor == flavor, manifest.allocator == allocator else { return false }
        if let hostCompiler, manifest.package(HostCompiler.packageName)?.fingerprint != hostCompiler.fingerprint { return false }
        return plan.recipes.allSatisfy { manifest.package($0.name)?.fingerprint == (try? Fingerprint.of($0, target: target)) }
    }

    public func run() async throws -> Outcome {
        try await BuildError.reportingInterruption(rerun: commandLine) { try await build() }
    }

    private func build() async throws -> Outcome {
        let plan = try plan()
        let environment = BuildEnvironment.cleaned(environment)
        let hostCompiler = flavor == .host
            ? try await HostCompiler.find(path: environment["PATH"] ?? "/usr/bin:/bin", triple: target) : nil
        if isUpToDate(plan, hostCompiler: hostCompiler) { return .upToDate(prefix: prefix) }
        try await Installer.checkUsable(prefix: prefix)
        if let libraries = Manifest.load(prefix: prefix)?.libraries, !libraries.isEmpty {
            throw PrefixError.holdsLibraries(prefix: prefix, libraries: libraries.map(\.name))
        }
        let locks = try PrefixLocks(prefix: prefix, workspace: workspace, commandLine: commandLine)
        defer { withExtendedLifetime(locks) {} }

        try await sources.fetchAll(for: plan.recipes)
        var configuration = BuildConfiguration(
            workspace: workspace, target: target, jobs: jobs, prefix: prefix, sysroot: workspace.sysroot,
            environment: environment)
        configuration.rerunCommand = CommandContext.rerunCommand(commandLine)
        try await Executor(plan: plan, configuration: configuration, sources: sources, observer: observer).run()
        // Every phase is done and its files are in dest/: the large source and build trees are
        // no longer needed (a re-run goes straight to staging), so they go while the stage is
        // made and tested rather than after.
        async let treesRemoved: Void = TreeWork.remove(keepWork ? [] : workspace.buildTrees)

        await observer?.handle(.message("staging and smoke-testing the toolchain"))
        let stage = Stage(root: workspace.stage)
        try await stage.reset()
        var files: [String: [String]] = [:]
        var owner: [String: String] = [:]
        for recipe in plan.recipes {
            files[recipe.name] = try await stage.merge(from: workspace.destination(recipe.name))
            for file in files[recipe.name]! { owner[file] = recipe.name }
        }
        if let hostCompiler {
            files[HostCompiler.packageName] = try hostCompiler.install(into: stage.root)
            for file in files[HostCompiler.packageName]! { owner[file] = HostCompiler.packageName }
        }
        // Each alias belongs to the package of the tool it points at.
        for (alias, original) in try await stage.addAliases(for: target) {
            if let name = owner[original] { files[name, default: []].append(alias) }
        }
        var packages = try plan.recipes.map {
            Manifest.entry(for: $0, fingerprint: try Fingerprint.of($0, target: target), files: files[$0.name, default: []].sorted())
        }
        if let hostCompiler { packages.append(hostCompiler.package(files: files[HostCompiler.packageName, default: []].sorted())) }
        let result = try await SmokeTest(root: stage.root, triple: target, staticProblem: staticProblem,
                                         environment: configuration.environment, logs: workspace.logs,
                                         rerunCommand: CommandContext.rerunCommand(commandLine)).run()
        var manifest = Manifest(muslroot: MuslrootVersion.current, target: target.description,
                                created: ISO8601DateFormatter().string(from: Date()), packages: packages, toolchain: flavor, malloc: allocator)
        manifest.generated = try writeExports(into: stage.root, manifest: manifest)
        try manifest.save(prefix: stage.root)
        try await Installer.install(stage: stage.root, into: prefix)
        await treesRemoved
        await TreeWork.remove(workspace.installedTrees)
        return .installed(prefix: prefix, checks: result.checks, logs: workspace.logs)
    }
}

extension Bootstrap {
    /// The pkg-config wrapper and the files for other build systems, in the stage.
    func writeExports(into stage: String, manifest: Manifest) throws -> [String] {
        try PrefixTransaction(prefix: prefix, stage: stage, triple: target).writeExports(for: manifest)
    }
}
