/// The requested recipes and everything they need, as a DAG of phases in a deterministic order.
public struct Plan: Sendable {
    /// The recipes taking part, dependencies before dependents where the recipes say so.
    public var recipes: [Recipe]
    /// Every phase, each after all it depends on.
    public var order: [PhaseNode]
    /// What each phase waits for.
    public var predecessors: [PhaseNode: [PhaseNode]]
    /// `order` cut into steps: the phases of one step depend only on earlier steps, so they
    /// can run at the same time.
    public var steps: [[PhaseNode]]

    public func recipe(_ name: String) -> Recipe? { recipes.first { $0.name == name } }

    public func phase(_ node: PhaseNode) -> Phase? {
        recipe(node.recipe)?.phases.first { $0.name == node.phase }
    }
}
