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
