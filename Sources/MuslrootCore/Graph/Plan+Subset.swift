extension Plan {
    /// The plan of only `names`: what they wait for outside it (packages already installed)
    /// is taken as done.
    public func restricted(to names: Set<String>) -> Plan {
        let order = order.filter { names.contains($0.recipe) }
        var predecessors: [PhaseNode: [PhaseNode]] = [:]
        var level: [PhaseNode: Int] = [:]
        for node in order {
            let before = (self.predecessors[node] ?? []).filter { names.contains($0.recipe) }
            predecessors[node] = before
            level[node] = before.compactMap { level[$0] }.map { $0 + 1 }.max() ?? 0
        }
        var steps = Array(repeating: [PhaseNode](), count: (level.values.max() ?? -1) + 1)
        for node in order { steps[level[node] ?? 0].append(node) }
        return Plan(recipes: recipes.filter { names.contains($0.name) }, order: order, predecessors: predecessors, steps: steps)
    }

    /// The recipes `recipe` names (its `depends`, `after` and `${source:X}`) that are in the plan.
    public func dependencies(of recipe: Recipe) -> [String] {
        let named = Set(recipe.dependencies + recipe.phases.flatMap { $0.after.map(\.recipe) } + Array(VariableCheck.recipeReferences(recipe)))
        return recipes.map(\.name).filter { named.contains($0) && $0 != recipe.name }
    }
}
