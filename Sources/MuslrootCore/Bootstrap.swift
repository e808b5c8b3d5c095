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

    /// The recipes that make the toolchain: every non-optional recipe of kind `toolchain`.
    public static func toolchainRecipes(in book: RecipeBook) -> [String] {
        book.names.filter { book[$0]!.kind == .toolchain && !book[$0]!.optional }
    }

    public func plan() throws -> Plan {
        try Resolver(book: book).plan(for: Self.toolchainRecipes(in: book))
    }

    /// True when the prefix already holds exactly what the recipes would build.
    public func isUpToDate(_ plan: Plan) -> Bool {
        guard let manifest = Manifest.load(prefix: prefix), manifest.target == target.description else { return false }
        return plan.recipes.allSatisfy { manifest.package($0.name)?.fingerprint == (try? Fingerprint.of($0, target: target)) }
    }

    public func run() async throws -> Outcome {
        do {
            return try await build()
        } catch {
            // However far it got, an interrupted run says so, and how to go on.
            if Task.isCancelled, !(error is BuildError) { throw BuildError.interrupted(rerun: BuildError.rerunCommand) }
            throw error
        }
    }

    private func build() async throws -> Outcome {
        let plan = try plan()
        if isUpToDate(plan) { return .upToDate(prefix: prefix) }
        try Installer.checkUsable(prefix: prefix)
        let lock = try PrefixLock(prefix: prefix)
        try FileManager.default.createDirectory(atPath: workspace.root, withIntermediateDirectories: true)
        let workLock = try PrefixLock(prefix: workspace.root, file: "\(workspace.root)/lock")
        defer { withExtendedLifetime((lock, workLock)) {} }

        try await sources.fetchAll(for: plan.recipes)
        let configuration = BuildConfiguration(
            workspace: workspace, target: target, jobs: jobs, prefix: prefix, sysroot: workspace.sysroot,
            environment: Self.buildEnvironment(environment))
        try await Executor(plan: plan, configuration: configuration, sources: sources, observer: observer).run()
        // Every phase is done and its files are in dest/: the large source and build trees are
        // no longer needed (a re-run goes straight to staging), so they go while the stage is
        // made and tested rather than after.
        async let treesRemoved: Void = removeTrees()

        await observer?.handle(.message("staging and smoke-testing the toolchain"))
        let stage = Stage(root: workspace.stage)
        try stage.reset()
        var files: [String: [String]] = [:]
        var owner: [String: String] = [:]
        for recipe in plan.recipes {
            files[recipe.name] = try stage.merge(from: workspace.destination(recipe.name))
            for file in files[recipe.name]! { owner[file] = recipe.name }
        }
        // Each alias belongs to the package of the tool it points at.
        for (alias, original) in try stage.addAliases(for: target) {
            if let name = owner[original] { files[name, default: []].append(alias) }
        }
        let packages = try plan.recipes.map {
            Manifest.entry(for: $0, fingerprint: try Fingerprint.of($0, target: target), files: files[$0.name, default: []].sorted())
        }
        let result = try await SmokeTest(root: stage.root, triple: target, staticProblem: staticProblem).run()
        let manifest = Manifest(muslroot: MuslrootVersion.current, target: target.description,
                                created: ISO8601DateFormatter().string(from: Date()), packages: packages)
        try manifest.save(prefix: stage.root)
        try Installer.install(stage: stage.root, into: prefix)
        await treesRemoved
        cleanUp()
        return .installed(prefix: prefix, checks: result.checks, logs: workspace.logs)
    }

    /// Unless asked to keep them, the source and build trees, on a thread of their own.
    private func removeTrees() async {
        guard !keepWork else { return }
        let root = workspace.root
        await DedicatedThread.run("muslroot cleanup") {
            for path in ["\(root)/src", "\(root)/build"] { FileTree.remove(path) }
        }
    }

    /// After an install: the state first (so an interrupted clean-up never leaves phases
    /// marked done whose files are gone), then `dest/` (hard-linked into the prefix), the
    /// stage and the sysroot. The logs stay.
    private func cleanUp() {
        for path in [workspace.stateFile, "\(workspace.root)/dest", workspace.stage, workspace.sysroot] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// The host environment, less what a parent make or the user's cross settings would
    /// leak into the builds.
    static func buildEnvironment(_ environment: [String: String]) -> [String: String] {
        var result = environment
        for key in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS",
                    "CPPFLAGS", "LIBRARY_PATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "CPATH", "GCC_EXEC_PREFIX"] {
            result[key] = nil
        }
        result["LC_ALL"] = "C"
        return result
    }
}
