/// Everything the executor needs besides the plan.
public struct BuildConfiguration: Sendable {
    public var workspace: Workspace
    public var target: Triple
    /// Slots in the shared jobserver: the bound on everything running at once.
    public var jobs: Int
    /// The final install prefix (`${prefix}`).
    public var prefix: String
    /// The sysroot headers and libraries are found in while building (`${sysroot}`).
    public var sysroot: String
    /// Directories put in front of PATH for every command (the toolchain, for libraries).
    public var extraPath: [String]
    /// The environment commands start from.
    public var environment: [String: String]
    /// More of what decides a recipe's build, by recipe name (its package key,
    /// `PackageKeys`): part of every phase's key, so that a new toolchain, build host or
    /// dependency runs the phases again.
    public var fingerprintInputs: [String: [String]] = [:]
    /// The toolchain libraries are built with (`${toolchain}`): the stage during `add`.
    public var toolchain: String?
    /// The command to run again after an interruption (`CommandContext.rerunCommand`).
    public var rerunCommand = "muslroot"

    public init(workspace: Workspace, target: Triple, jobs: Int, prefix: String, sysroot: String,
                extraPath: [String] = [], environment: [String: String]) {
        self.workspace = workspace
        self.target = target
        self.jobs = jobs
        self.prefix = prefix
        self.sysroot = sysroot
        self.extraPath = extraPath
        self.environment = environment
    }

    /// `${...}` values for one recipe's commands.
    func scope(for recipe: Recipe, in plan: Plan) -> VariableScope {
        var values: [String: VariableValue] = [
            "name": .string(recipe.name),
            "version": .string(recipe.version),
            "target": .string(target.description),
            "jobs": .string(String(jobs)),
            "prefix": .string(prefix),
            "toolchain": .string(toolchain ?? prefix),
            "sysroot": .string(sysroot),
            "destdir": .string(workspace.destination(recipe.name)),
            "source": .string(workspace.source(recipe.name)),
            "build": .string(workspace.build(recipe.name)),
        ]
        // Recipes from a book have these replaced already; a recipe made in code has not.
        for (key, value) in TargetProfile.of(target)?.variables ?? [:] { values[key] = value }
        for other in plan.recipes {
            values["source:\(other.name)"] = .string(workspace.source(other.name))
            values["build:\(other.name)"] = .string(workspace.build(other.name))
        }
        for (key, value) in recipe.variables { values[key] = value }
        return VariableScope(values: values)
    }

    /// The commands of `phase`, with variables expanded, ready to run.
    func commands(for phase: Phase, of recipe: Recipe, in plan: Plan) -> [StepRunner.Command] {
        let scope = scope(for: recipe, in: plan)
        var environment = self.environment
        for (key, value) in recipe.environment { environment[key] = scope.expand(value) }
        for (key, value) in phase.environment { environment[key] = scope.expand(value) }
        if !extraPath.isEmpty {
            environment["PATH"] = (extraPath + [environment["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")
        }
        let directory = scope.expand(phase.directory ?? "${build}")
        return phase.commands.map { StepRunner.Command(argv: scope.expand($0), directory: directory, environment: environment) }
    }
}
