/// One phase of one recipe: the unit the graph orders and the executor runs.
public struct PhaseNode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var recipe: String
    public var phase: String

    public init(recipe: String, phase: String) {
        self.recipe = recipe
        self.phase = phase
    }

    public var description: String { "\(recipe):\(phase)" }

    public static func < (a: PhaseNode, b: PhaseNode) -> Bool { a.description < b.description }
}
