/// Turns a request ("libedit", "gcc") into a `Plan`: the transitive closure of recipes, the
/// edges between their phases, cycle detection before sorting, then a stable topological sort.
public struct Resolver: Sendable {
    public let book: RecipeBook

    public init(book: RecipeBook) {
        self.book = book
    }

    public func plan(for requests: [String]) throws(RecipeError) -> Plan {
        let names = try closure(of: requests)
        try checkRecipeCycles(names)
        var predecessors: [PhaseNode: [PhaseNode]] = [:]
        var nodes: [PhaseNode] = []
        for name in names {
            let recipe = book.recipes[name]!
            for (index, phase) in recipe.phases.enumerated() {
                let node = PhaseNode(recipe: name, phase: phase.name)
                nodes.append(node)
                var before: [PhaseNode] = []
                if index > 0 {
                    before.append(PhaseNode(recipe: name, phase: recipe.phases[index - 1].name))
                } else {
                    before += recipe.dependencies.map(lastPhase(of:))
                }
                for reference in phase.after {
                    before.append(reference.phase.map { PhaseNode(recipe: reference.recipe, phase: $0) }
                                  ?? lastPhase(of: reference.recipe))
                }
                predecessors[node] = Array(Set(before)).sorted()
            }
        }
        if let cycle = GraphCycle.find(nodes: nodes, edges: predecessors) {
            throw .cycle(path: cycle.map(\.description), files: Array(Set(cycle.map { book.recipes[$0.recipe]!.file })).sorted())
        }
        let order = TopologicalSort.sort(nodes: nodes, predecessors: predecessors)
        var level: [PhaseNode: Int] = [:]
        for node in order {
            level[node] = (predecessors[node] ?? []).map { level[$0]! + 1 }.max() ?? 0
        }
        let depth = (level.values.max() ?? -1) + 1
        var steps = Array(repeating: [PhaseNode](), count: depth)
        for node in order { steps[level[node]!].append(node) }
        let recipeOrder = order.reduce(into: [String]()) { if !$0.contains($1.recipe) { $0.append($1.recipe) } }
        return Plan(recipes: recipeOrder.map { book.recipes[$0]! }, order: order, predecessors: predecessors, steps: steps)
    }

    /// The requested recipes plus all they name: `depends`, `after` and `${source:X}`.
    func closure(of requests: [String]) throws(RecipeError) -> [String] {
        var seen: Set<String> = []
        var pending: [String] = []
        for request in requests { pending.append(try book.recipe(named: request).name) }
        while let name = pending.popLast() {
            guard seen.insert(name).inserted, let recipe = book.recipes[name] else { continue }
            pending += recipe.dependencies
            pending += recipe.phases.flatMap { $0.after.map(\.recipe) }
            pending += VariableCheck.recipeReferences(recipe)
        }
        return seen.sorted()
    }

    private func lastPhase(of name: String) -> PhaseNode {
        PhaseNode(recipe: name, phase: book.recipes[name]!.phases.last!.name)
    }

    /// Recipe-level cycles through `depends`, reported by recipe name (`a -> b -> a`).
    private func checkRecipeCycles(_ names: [String]) throws(RecipeError) {
        var edges: [String: [String]] = [:]
        for name in names { edges[name] = book.recipes[name]!.dependencies.sorted() }
        if let cycle = GraphCycle.find(nodes: names, edges: edges) {
            throw .cycle(path: cycle, files: Array(Set(cycle.map { book.recipes[$0]!.file })).sorted())
        }
    }
}
