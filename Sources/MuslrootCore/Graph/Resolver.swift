/// Turns a request ("libedit", "gcc") into a `Plan`: the transitive closure of recipes, the
/// edges between their phases, cycle detection before sorting, then a stable topological sort.
///
/// A book from `RecipeBook.load` has been checked already; one made with
/// `RecipeBook(recipes:)` has not, so every recipe and phase a recipe names is looked up here
/// and a missing one is reported as the loader would.
public struct Resolver: Sendable {
    public let book: RecipeBook

    public init(book: RecipeBook) {
        self.book = book
    }

    public func plan(for requests: [String]) throws(RecipeError) -> Plan {
        let recipes = try closure(of: requests)
        try checkRecipeCycles(recipes)
        var predecessors: [PhaseNode: [PhaseNode]] = [:]
        var nodes: [PhaseNode] = []
        for recipe in recipes {
            for (index, phase) in recipe.phases.enumerated() {
                let node = PhaseNode(recipe: recipe.name, phase: phase.name)
                nodes.append(node)
                var before: [PhaseNode] = []
                if index > 0 {
                    before.append(PhaseNode(recipe: recipe.name, phase: recipe.phases[index - 1].name))
                } else {
                    for dependency in recipe.dependencies {
                        before.append(try lastPhase(of: try self.recipe(dependency, neededBy: recipe)))
                    }
                }
                for reference in phase.after { before.append(try self.node(reference, neededBy: recipe)) }
                predecessors[node] = Array(Set(before)).sorted()
            }
        }
        let byName = Dictionary(recipes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if let cycle = GraphCycle.find(nodes: nodes, edges: predecessors) {
            throw .cycle(path: cycle.map(\.description), files: Array(Set(cycle.compactMap { byName[$0.recipe]?.file })).sorted())
        }
        let order = TopologicalSort.sort(nodes: nodes, predecessors: predecessors)
        precondition(order.count == nodes.count, "every phase waits only for phases of the plan, and there is no cycle, so all are sorted")
        var level: [PhaseNode: Int] = [:]
        var steps: [[PhaseNode]] = []
        for node in order {
            var mine = 0
            for before in predecessors[node] ?? [] {
                guard let theirs = level[before] else {
                    preconditionFailure("\(before) is sorted before \(node), which waits for it")
                }
                mine = max(mine, theirs + 1)
            }
            level[node] = mine
            if mine == steps.count { steps.append([]) }
            steps[mine].append(node)
        }
        let recipeOrder = order.reduce(into: [String]()) { if !$0.contains($1.recipe) { $0.append($1.recipe) } }
        return Plan(recipes: recipeOrder.compactMap { byName[$0] }, order: order, predecessors: predecessors, steps: steps)
    }

    /// The requested recipes plus all they name: `depends`, `after` and `${source:X}`, by name.
    func closure(of requests: [String]) throws(RecipeError) -> [Recipe] {
        var found: [String: Recipe] = [:]
        var pending: [Recipe] = []
        for request in requests { pending.append(try book.recipe(named: request)) }
        while let recipe = pending.popLast() {
            guard found[recipe.name] == nil else { continue }
            found[recipe.name] = recipe
            let names = recipe.dependencies + recipe.phases.flatMap { $0.after.map(\.recipe) }
                + VariableCheck.recipeReferences(recipe).sorted()
            for name in names where found[name] == nil { pending.append(try self.recipe(name, neededBy: recipe)) }
        }
        return found.values.sorted { $0.name < $1.name }
    }

    private func recipe(_ name: String, neededBy recipe: Recipe) throws(RecipeError) -> Recipe {
        guard let found = book[name] else {
            throw .unknownDependency(file: recipe.file, recipe: recipe.name, dependency: name,
                                     suggestions: Suggestions.nearest(to: name, in: book.names))
        }
        return found
    }

    /// `recipe:phase`, or `recipe` for its last phase.
    private func node(_ reference: PhaseReference, neededBy recipe: Recipe) throws(RecipeError) -> PhaseNode {
        let other = try self.recipe(reference.recipe, neededBy: recipe)
        guard let phase = reference.phase else { return try lastPhase(of: other) }
        guard other.phases.contains(where: { $0.name == phase }) else {
            throw .unknownPhase(file: recipe.file, reference: reference.description,
                                known: other.phases.map { "\(other.name):\($0.name)" })
        }
        return PhaseNode(recipe: other.name, phase: phase)
    }

    private func lastPhase(of recipe: Recipe) throws(RecipeError) -> PhaseNode {
        guard let last = recipe.phases.last else { throw .missingField(file: recipe.file, key: "phase") }
        return PhaseNode(recipe: recipe.name, phase: last.name)
    }

    /// Recipe-level cycles through `depends`, reported by recipe name (`a -> b -> a`).
    private func checkRecipeCycles(_ recipes: [Recipe]) throws(RecipeError) {
        var edges: [String: [String]] = [:]
        for recipe in recipes { edges[recipe.name] = recipe.dependencies.sorted() }
        if let cycle = GraphCycle.find(nodes: recipes.map(\.name), edges: edges) {
            let files = Dictionary(recipes.map { ($0.name, $0.file) }, uniquingKeysWith: { a, _ in a })
            throw .cycle(path: cycle, files: Array(Set(cycle.compactMap { files[$0] })).sorted())
        }
    }
}
