/// `${name}` references in recipe commands, and their expansion.
///
/// Built-in variables: `name`, `version`, `target` (the triple), `jobs`, `prefix` (the final
/// install prefix), `toolchain` (the toolchain a library is built with: the stage the
/// prefix is copied into during `add`, else the prefix), `destdir` (the staging root installs go to), `sysroot` (the sysroot that
/// headers and libraries are found in while building), `source` and `build` (this recipe's
/// source tree and build directory). `source:NAME` and `build:NAME` are another recipe's.
/// The target profile's (`TargetProfile.variableNames`: `linux-arch`, `musl-loader`, ...)
/// are replaced when the recipes load for a target (docs/targets.md).
/// A recipe's `[vars]` add to these; a list variable that stands alone as one argv element
/// is spliced into the command as several arguments.
public struct VariableScope: Sendable {
    public static let builtins = ["name", "version", "target", "jobs", "prefix", "toolchain", "destdir", "sysroot", "source", "build"]
        + TargetProfile.variableNames
    public static let perRecipe = ["source", "build"]

    public var values: [String: VariableValue]

    public init(values: [String: VariableValue]) {
        self.values = values
    }

    /// Every `${...}` name in `text`, in order.
    public static func references(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            names.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return names
    }

    /// Expands one argv: a lone `${list}` element becomes several arguments.
    public func expand(_ argv: [String]) -> [String] {
        argv.flatMap { element -> [String] in
            if element.hasPrefix("${"), element.hasSuffix("}"),
               Self.references(in: element).count == 1,
               case .list(let items)? = values[String(element.dropFirst(2).dropLast())] {
                return items.map { expand($0) }
            }
            return [expand(element)]
        }
    }

    /// Expands every `${name}` in `text`; list values are joined with spaces. Unknown names
    /// are left as written (recipes are checked for them when they load).
    public func expand(_ text: String) -> String {
        expand(text, depth: 0)
    }

    /// Recipes are checked for variables that refer to themselves when they load; the depth
    /// bound only keeps a hand-made scope from recursing for ever.
    private func expand(_ text: String, depth: Int) -> String {
        guard depth < 16 else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            result += rest[..<start.lowerBound]
            let name = String(rest[start.upperBound..<end])
            switch values[name] {
            case .string(let s)?: result += expand(s, depth: depth + 1)
            case .list(let items)?: result += items.map { expand($0, depth: depth + 1) }.joined(separator: " ")
            case nil: result += "${\(name)}"
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}

/// Checks that a recipe uses no variable nobody defines. `source:X` and `build:X` are
/// accepted here and checked against the set of recipes when the graph is built.
struct VariableCheck {
    let recipe: Recipe

    func run() throws(RecipeError) {
        let known = Set(VariableScope.builtins).union(recipe.variables.keys).union(recipe.targetVariables.values.flatMap(\.keys))
        func check(_ text: String, phase: String) throws(RecipeError) {
            for name in VariableScope.references(in: text) {
                if known.contains(name) { continue }
                let parts = name.split(separator: ":", maxSplits: 1)
                if parts.count == 2, VariableScope.perRecipe.contains(String(parts[0])) { continue }
                throw .unknownVariable(file: recipe.file, phase: phase, variable: name,
                                       known: known.sorted() + ["source:RECIPE", "build:RECIPE"])
            }
        }
        // Sorted, so that of several mistakes the same one is reported every time.
        let tables = [("vars", recipe.variables)]
            + recipe.targetVariables.sorted { $0.key.description < $1.key.description }.map { ("target.\($0.key)", $0.value) }
        for (table, variables) in tables {
            for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
                switch value {
                case .string(let s): try check(s, phase: "\(table).\(name)")
                case .list(let items): for item in items { try check(item, phase: "\(table).\(name)") }
                }
            }
        }
        try checkVariableCycles(recipe.variables, table: "vars")
        for (triple, variables) in recipe.targetVariables.sorted(by: { $0.key.description < $1.key.description }) {
            try checkVariableCycles(recipe.variables.merging(variables) { $1 }, table: "target.\(triple)")
        }
        for (_, value) in recipe.environment.sorted(by: { $0.key < $1.key }) { try check(value, phase: "env") }
        for install in recipe.installs { try check(install, phase: "installs") }
        for phase in recipe.phases {
            for text in phase.commands.joined() { try check(text, phase: phase.name) }
            for (_, text) in phase.environment.sorted(by: { $0.key < $1.key }) { try check(text, phase: phase.name) }
            if let directory = phase.directory { try check(directory, phase: phase.name) }
        }
    }

    /// `[vars] a = "${b}"`, `b = "${a}"` would never finish expanding.
    private func checkVariableCycles(_ variables: [String: VariableValue], table: String) throws(RecipeError) {
        var edges: [String: [String]] = [:]
        for (name, value) in variables {
            let texts: [String] = switch value { case .string(let s): [s]; case .list(let items): items }
            edges[name] = texts.flatMap(VariableScope.references).filter { variables[$0] != nil }
        }
        if let cycle = GraphCycle.find(nodes: Array(edges.keys), edges: edges) {
            throw .invalidValue(file: recipe.file, key: "\(table).\(cycle[0])", line: nil,
                                message: "variables refer to each other in a loop: \(cycle.map { "${\($0)}" }.joined(separator: " -> "))")
        }
    }

    /// Recipes named by `${source:X}` / `${build:X}` anywhere in the recipe.
    static func recipeReferences(_ recipe: Recipe) -> Set<String> {
        var texts = recipe.phases.flatMap { $0.commands.joined() + Array($0.environment.values) + [$0.directory ?? ""] }
        texts += recipe.environment.values
        for value in recipe.variables.values + recipe.targetVariables.values.flatMap(\.values) {
            switch value {
            case .string(let s): texts.append(s)
            case .list(let items): texts += items
            }
        }
        var names: Set<String> = []
        for text in texts {
            for reference in VariableScope.references(in: text) {
                let parts = reference.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { names.insert(String(parts[1])) }
            }
        }
        return names
    }
}
