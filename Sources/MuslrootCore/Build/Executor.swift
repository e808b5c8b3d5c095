import Foundation

/// Runs a plan's phases: each as soon as what it waits for is done and a jobserver slot is
/// free; sources prepared just before their recipe's first phase; state saved after every
/// phase so a new run resumes. On the first failure the other running phases are cancelled
/// (their process groups torn down) and the failure is thrown.
public struct Executor: Sendable {
    public var plan: Plan
    public var configuration: BuildConfiguration
    public var sources: any SourcePreparing
    public var observer: (any BuildObserver)?
    /// Called once each recipe's last phase is done and its installs are checked (at the start
    /// for recipes a resumed run finds complete): `add` merges the library into its stage here,
    /// so that what depends on it builds against it.
    public var recipeFinished: (@Sendable (Recipe) async throws -> Void)?

    public init(plan: Plan, configuration: BuildConfiguration, sources: any SourcePreparing, observer: (any BuildObserver)?) {
        self.plan = plan
        self.configuration = configuration
        self.sources = sources
        self.observer = observer
    }

    /// What the task group runs: unpacking a recipe's sources, or one phase.
    private enum Work: Hashable { case prepare(String), phase(PhaseNode) }

    /// The key of every phase of the plan (`PackageKeys.phases`).
    public func fingerprints() throws(PatchError) -> [PhaseNode: String] {
        try PackageKeys.phases(plan, target: configuration.target, inputs: configuration.fingerprintInputs)
    }

    public func run() async throws {
        let workspace = configuration.workspace
        var state = BuildState.load(from: workspace.stateFile)
        // A recipe whose installed files are gone (a cleaned work directory) is built again.
        for recipe in plan.recipes where !FileManager.default.fileExists(atPath: workspace.destination(recipe.name)) {
            for phase in recipe.phases { state.completed[PhaseNode(recipe: recipe.name, phase: phase.name).description] = nil }
        }
        try workspace.createDirectories(for: plan.recipes)
        await ProcessGroupRecord.reapLeftovers(path: workspace.processGroupsFile, workspace: workspace.root)
        let fingerprints = try fingerprints()
        var done = Set(plan.order.filter { state.isComplete($0, fingerprint: fingerprints[$0]!) })
        await observer?.handle(.planned(total: plan.order.count, alreadyDone: done.count))
        if let recipeFinished {
            for recipe in plan.recipes where recipe.phases.allSatisfy({ done.contains(PhaseNode(recipe: recipe.name, phase: $0.name)) }) {
                try await recipeFinished(recipe)
            }
        }
        let remaining = plan.order.filter { !done.contains($0) }
        if remaining.isEmpty { return }

        // A recipe whose first phase must run again starts from clean build and dest trees.
        let restarting = plan.recipes.filter { recipe in
            recipe.phases.first.map { !done.contains(PhaseNode(recipe: recipe.name, phase: $0.name)) } ?? false
        }
        let trees = restarting.flatMap { [workspace.build($0.name), workspace.destination($0.name)] }
        await TreeWork.remove(trees)
        try workspace.createDirectories(for: plan.recipes)

        await removePartialOutputs(of: remaining, state: &state)

        let jobserver = try Jobserver(path: workspace.jobserverFIFO, slots: configuration.jobs)
        let runner = StepRunner(jobserver: jobserver, processGroups: ProcessGroupRecord(path: workspace.processGroupsFile))
        let needsSource = Set(remaining.map(\.recipe))
        var prepared: Set<String> = []
        var started: Set<Work> = []
        var failure: (any Error)?

        try await withThrowingTaskGroup(of: Work.self) { group in
            func launchReady() {
                for recipe in plan.recipes where needsSource.contains(recipe.name) && !started.contains(.prepare(recipe.name)) {
                    started.insert(.prepare(recipe.name))
                    group.addTask { try await prepare(recipe, jobserver: jobserver) }
                }
                for node in remaining where !started.contains(.phase(node)) {
                    let ready = (plan.predecessors[node] ?? []).allSatisfy(done.contains) && prepared.contains(node.recipe)
                    guard ready, let phase = plan.phase(node), let recipe = plan.recipe(node.recipe) else { continue }
                    started.insert(.phase(node))
                    state.started[node.description] = Date().timeIntervalSince1970
                    try? state.save(to: workspace.stateFile)
                    let commands = configuration.commands(for: phase, of: recipe, in: plan)
                    group.addTask { try await run(node, commands: commands, runner: runner, jobserver: jobserver) }
                }
            }
            launchReady()
            while true {
                let finished: Work
                do {
                    guard let next = try await group.next() else { break }
                    finished = next
                } catch {
                    if failure == nil { failure = error }
                    group.cancelAll()
                    continue
                }
                guard failure == nil else { continue }
                switch finished {
                case .prepare(let name):
                    prepared.insert(name)
                case .phase(let node):
                    done.insert(node)
                    state.completed[node.description] = fingerprints[node]!
                    state.started[node.description] = nil
                    try state.save(to: workspace.stateFile)
                }
                launchReady()
            }
        }
        if let failure {
            if failure is CancellationError { throw BuildError.interrupted(rerun: configuration.rerunCommand) }
            throw failure
        }
    }

    /// Before phases that were interrupted run again: what they left half-written in their
    /// recipe's build and source trees goes, so that make rebuilds it.
    private func removePartialOutputs(of remaining: [PhaseNode], state: inout BuildState) async {
        let workspace = configuration.workspace
        for node in remaining {
            guard let started = state.started[node.description] else { continue }
            let directories = [workspace.build(node.recipe), workspace.source(node.recipe)]
            let partial = await TreeWork.run("partial outputs") {
                PartialOutput.find(in: directories, since: Date(timeIntervalSince1970: started))
            }
            for path in partial { unlink(path) }
            if !partial.isEmpty {
                let names = partial.map { $0.hasPrefix(workspace.root + "/") ? String($0.dropFirst(workspace.root.count + 1)) : $0 }
                await observer?.handle(.message("\(node) was interrupted: removed \(partial.count) half-written file(s) for make to build again: "
                    + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ..." : "")))
            }
            state.started[node.description] = nil
        }
    }

    private func prepare(_ recipe: Recipe, jobserver: Jobserver) async throws -> Work {
        try await jobserver.withSlot {
            await observer?.handle(.sourceStarted(recipe: recipe.name))
            let start = ContinuousClock.now
            try await sources.prepare(recipe, at: configuration.workspace.source(recipe.name))
            await observer?.handle(.sourceFinished(recipe: recipe.name, seconds: start.secondsSince))
        }
        return .prepare(recipe.name)
    }

    private func run(_ node: PhaseNode, commands: [StepRunner.Command], runner: StepRunner, jobserver: Jobserver) async throws -> Work {
        let log = configuration.workspace.log(node)
        try await jobserver.withSlot {
            await observer?.handle(.phaseStarted(node, log: log))
            let start = ContinuousClock.now
            do {
                try await runner.run(commands, phase: node.description, log: log)
                // The last phase is done only when what the recipe promises is there.
                if let recipe = plan.recipe(node.recipe), recipe.phases.last?.name == node.phase {
                    try checkInstalls(recipe, log: log)
                    try await recipeFinished?(recipe)
                }
            } catch let error as BuildError {
                await observer?.handle(.phaseFailed(node, log: log))
                throw error
            }
            await observer?.handle(.phaseFinished(node, seconds: start.secondsSince))
        }
        return .phase(node)
    }

    private func checkInstalls(_ recipe: Recipe, log: String) throws {
        let scope = configuration.scope(for: recipe, in: plan)
        let destination = configuration.workspace.destination(recipe.name)
        for install in recipe.installs {
            let relative = scope.expand(install)
            if !FileManager.default.fileExists(atPath: "\(destination)/\(relative)") {
                throw BuildError.missingInstall(recipe: recipe.name, file: relative, recipeFile: recipe.file, log: log)
            }
        }
    }
}
