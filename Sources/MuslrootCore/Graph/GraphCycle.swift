/// Cycle detection by depth-first search, run before any sort so that a loop is reported
/// as a path (`a -> b -> a`) rather than as "could not sort".
enum GraphCycle {
    private enum Mark { case visiting, done }

    static func find<Node: Hashable & Comparable>(nodes: [Node], edges: [Node: [Node]]) -> [Node]? {
        var marks: [Node: Mark] = [:]
        var stack: [Node] = []

        func visit(_ node: Node) -> [Node]? {
            switch marks[node] {
            case .done?: return nil
            case .visiting?:
                guard let start = stack.firstIndex(of: node) else {
                    preconditionFailure("\(node) is being visited, so it is on the stack")
                }
                return Array(stack[start...]) + [node]
            case nil:
                marks[node] = .visiting
                stack.append(node)
                for next in (edges[node] ?? []).sorted() {
                    if let cycle = visit(next) { return cycle }
                }
                stack.removeLast()
                marks[node] = .done
                return nil
            }
        }

        for node in nodes.sorted() {
            if let cycle = visit(node) {
                // Edges point at what a node waits for; print the loop in "depends on" order.
                return cycle
            }
        }
        return nil
    }
}

/// Kahn's algorithm with a sorted ready set, so the same recipes always give the same order.
enum TopologicalSort {
    static func sort<Node: Hashable & Comparable>(nodes: [Node], predecessors: [Node: [Node]]) -> [Node] {
        var remaining: [Node: Int] = [:]
        var successors: [Node: [Node]] = [:]
        for node in nodes {
            remaining[node] = predecessors[node]?.count ?? 0
            for before in predecessors[node] ?? [] { successors[before, default: []].append(node) }
        }
        var ready = nodes.filter { remaining[$0] == 0 }.sorted()
        var order: [Node] = []
        while !ready.isEmpty {
            let node = ready.removeFirst()
            order.append(node)
            for next in successors[node] ?? [] {
                // Every successor is one of `nodes` (it was recorded from its own predecessors).
                remaining[next, default: 0] -= 1
                if remaining[next] == 0 {
                    ready.insert(next, at: ready.firstIndex { $0 > next } ?? ready.endIndex)
                }
            }
        }
        return order
    }
}
