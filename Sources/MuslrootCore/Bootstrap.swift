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
        return plan.recipes.allSatisfy { manifest.package($0.name)?.fingerprint == Fingerprint.of($0, target: target) }
    }

    public func run() async throws -> Outcome {
        let plan = try plan()
        if isUpToDate(plan) { return .upToDate(prefix: prefix) }
        try Installer.checkUsable(prefix: prefix)
        let lock = try PrefixLock(prefix: prefix)
        defer { withExtendedLifetime(lock) {} }

        try await sources.fetchAll(for: plan.recipes)
        let configuration = BuildConfiguration(
            workspace: workspace, target: target, jobs: jobs, prefix: prefix, sysroot: workspace.sysroot,
            environment: Self.buildEnvironment(environment))
        try await Executor(plan: plan, configuration: configuration, sources: sources, observer: observer).run()

        await observer?.handle(.message("staging and smoke-testing the toolchain"))
        let stage = Stage(root: workspace.stage)
        try stage.reset()
        var packages: [Manifest.Package] = []
        for recipe in plan.recipes {
            let files = try stage.merge(from: workspace.destination(recipe.name))
            packages.append(Manifest.entry(for: recipe, fingerprint: Fingerprint.of(recipe, target: target), files: files))
        }
        _ = try stage.addAliases(for: target)
        let result = try await SmokeTest(root: stage.root, triple: target, staticProblem: staticProblem).run()
        let manifest = Manifest(muslroot: MuslrootVersion.current, target: target.description,
                                created: ISO8601DateFormatter().string(from: Date()), packages: packages)
        try manifest.save(prefix: stage.root)
        try Installer.install(stage: stage.root, into: prefix)
        if !keepWork { cleanUp() }
        return .installed(prefix: prefix, checks: result.checks, logs: workspace.logs)
    }

    /// Throws away everything but the logs: the build trees are large, and the prefix now
    /// holds the result.
    private func cleanUp() {
        for path in ["\(workspace.root)/src", "\(workspace.root)/build", "\(workspace.root)/dest",
                     workspace.sysroot, workspace.stage, workspace.stateFile] {
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
