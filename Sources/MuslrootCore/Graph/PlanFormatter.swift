import Foundation

/// `muslroot plan` output: text for people, JSON for scripts, DOT for Graphviz.
public enum PlanFormatter {
    public static func text(_ plan: Plan, requests: [String]) -> String {
        var lines = ["Plan for \(requests.joined(separator: " ")): \(plan.order.count) phases of \(plan.recipes.count) recipes in \(plan.steps.count) steps.",
                     "Phases on one line can run at the same time; each step waits only for what it needs.", ""]
        let width = String(plan.steps.count).count
        for (index, step) in plan.steps.enumerated() {
            let number = String(index + 1).leftPadded(to: width)
            lines.append("  \(number). " + step.map(\.description).joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ plan: Plan) throws -> String {
        struct Node: Encodable {
            var id: String, recipe: String, phase: String, step: Int, after: [String], commands: [[String]]
        }
        struct Document: Encodable {
            var recipes: [RecipeSummary]
            var phases: [Node]
            var steps: [[String]]
        }
        var stepOf: [PhaseNode: Int] = [:]
        for (index, step) in plan.steps.enumerated() { for node in step { stepOf[node] = index + 1 } }
        let nodes = plan.order.map { node in
            Node(id: node.description, recipe: node.recipe, phase: node.phase, step: stepOf[node] ?? 0,
                 after: (plan.predecessors[node] ?? []).map(\.description),
                 commands: plan.phase(node)?.commands ?? [])
        }
        let document = Document(recipes: plan.recipes.map(RecipeSummary.init), phases: nodes,
                                steps: plan.steps.map { $0.map(\.description) })
        return try JSONOutput.encode(document)
    }

    public static func dot(_ plan: Plan) -> String {
        var lines = ["digraph muslroot {", "  rankdir=LR;", "  node [shape=box, fontname=\"monospace\"];"]
        for recipe in plan.recipes {
            lines.append("  subgraph \"cluster_\(recipe.name)\" {")
            lines.append("    label=\"\(recipe.name) \(recipe.version)\";")
            for phase in recipe.phases { lines.append("    \"\(recipe.name):\(phase.name)\" [label=\"\(phase.name)\"];") }
            lines.append("  }")
        }
        for node in plan.order {
            for before in plan.predecessors[node] ?? [] { lines.append("  \"\(before)\" -> \"\(node)\";") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

/// What `list` and `plan --format json` say about a recipe.
public struct RecipeSummary: Encodable, Sendable {
    public var name: String
    public var version: String
    public var summary: String
    public var kind: String
    public var optional: Bool
    public var homepage: String
    public var license: String
    public var dependencies: [String]
    public var file: String
    public var installed: Bool?

    public init(_ recipe: Recipe) {
        name = recipe.name
        version = recipe.version
        summary = recipe.summary
        kind = recipe.kind.rawValue
        optional = recipe.optional
        homepage = recipe.homepage
        license = recipe.license
        dependencies = Array(Set(recipe.dependencies + recipe.phases.flatMap { $0.after.map(\.recipe) }))
            .filter { $0 != recipe.name }.sorted()
        file = recipe.file
    }
}

public enum JSONOutput {
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
