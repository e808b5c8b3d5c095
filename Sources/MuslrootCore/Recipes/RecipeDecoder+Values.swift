/// Typed access to a recipe document's values, each mistake reported with file, key and line.
extension RecipeDecoder {

    func path(_ key: String, _ parent: String?) -> String { parent.map { "\($0).\(key)" } ?? key }

    func string(_ t: [String: RecipeDocument.Value], _ key: String, in parent: String? = nil) throws(RecipeError) -> String {
        guard let value = try optionalString(t, key, in: parent) else {
            throw .missingField(file: file, key: path(key, parent))
        }
        return value
    }

    func optionalString(_ t: [String: RecipeDocument.Value], _ key: String, in parent: String? = nil) throws(RecipeError) -> String? {
        guard let value = t[key] else { return nil }
        guard case .string(let s) = value else {
            throw .wrongType(file: file, key: path(key, parent), line: line(path(key, parent)), expected: "a string, not \(value.typeName)")
        }
        return s
    }

    func optionalBool(_ t: [String: RecipeDocument.Value], _ key: String) throws(RecipeError) -> Bool? {
        guard let value = t[key] else { return nil }
        guard case .boolean(let b) = value else {
            throw .wrongType(file: file, key: key, line: line(key), expected: "true or false, not \(value.typeName)")
        }
        return b
    }

    func strings(_ t: [String: RecipeDocument.Value], _ key: String, in parent: String? = nil) throws(RecipeError) -> [String] {
        guard let value = try optionalStrings(t, key, in: parent) else { throw .missingField(file: file, key: path(key, parent)) }
        return value
    }

    func optionalStrings(_ t: [String: RecipeDocument.Value], _ key: String, in parent: String? = nil) throws(RecipeError) -> [String]? {
        guard let value = t[key] else { return nil }
        guard case .array(let items) = value else {
            throw .wrongType(file: file, key: path(key, parent), line: line(path(key, parent)), expected: "an array of strings, not \(value.typeName)")
        }
        var result: [String] = []
        for item in items {
            guard case .string(let s) = item else {
                throw .wrongType(file: file, key: path(key, parent), line: line(path(key, parent)), expected: "an array of strings")
            }
            result.append(s)
        }
        return result
    }

    func tableArray(_ t: [String: RecipeDocument.Value], _ key: String) throws(RecipeError) -> [[String: RecipeDocument.Value]] {
        guard let value = t[key] else { return [] }
        guard case .array(let items) = value else {
            throw .wrongType(file: file, key: key, line: line(key), expected: "an array of tables ([[\(key)]])")
        }
        var result: [[String: RecipeDocument.Value]] = []
        for item in items {
            guard case .table(let table) = item else {
                throw .wrongType(file: file, key: key, line: line(key), expected: "an array of tables ([[\(key)]])")
            }
            result.append(table)
        }
        return result
    }

    /// A key the format does not have is a mistake (often a key meant for the top level
    /// written after a `[[phase]]`, which TOML puts inside that phase).
    func checkKeys(_ table: [String: RecipeDocument.Value], allowed: [String], in parent: String?) throws(RecipeError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key"
            let near = Suggestions.nearest(to: key, in: allowed)
            if !near.isEmpty { message += RecipeError.didYouMean(near) }
            if parent != nil, Self.recipeKeys.contains(key) {
                message += "; top-level keys must come before the first [[source]] or [[phase]] table"
            }
            message += "; allowed here: \(allowed.joined(separator: ", "))"
            throw .invalidValue(file: file, key: path(key, parent), line: line(path(key, parent)), message: message)
        }
    }

    /// The line of a key such as `phase[2].run`, in the file that set it.
    func line(_ key: String) -> Int? { document.location(of: key).line }

    /// `phase[2].run` as ("phase", 2, "run").
    static func tableElement(_ key: String) -> (table: String, index: Int, rest: String)? {
        RecipeDocument.tableElement(key)
    }

    /// `error` naming the file that holds its key: in a recipe merged from several files (a
    /// shipped recipe and an overlay) the one that set the key, not the last one read.
    func located(_ error: RecipeError) -> RecipeError {
        switch error {
        case let .missingField(_, key):
            return .missingField(file: document.location(of: Self.keyPath(key)).file, key: key)
        case let .wrongType(_, key, line, expected):
            let (file, found) = document.location(of: key)
            return .wrongType(file: file, key: key, line: found ?? line, expected: expected)
        case let .invalidValue(_, key, line, message):
            let (file, found) = document.location(of: key)
            return .invalidValue(file: file, key: key, line: found ?? line, message: message)
        case let .unknownVariable(_, phase, variable, known):
            guard let key = phaseKey(named: phase) else { return error }
            return .unknownVariable(file: document.location(of: key).file, phase: phase, variable: variable, known: known)
        default:
            return error
        }
    }

    /// `phase[N].run` of the recipe's own phase `name` (nil for a template's phase).
    private func phaseKey(named name: String) -> String? {
        guard case .array(let phases)? = document.root["phase"],
              let index = phases.firstIndex(where: { $0.nameKey == name }) else { return nil }
        return "phase[\(index)].run"
    }

    /// The key of a message's key such as "source[0].sha256 (source 'zlib': ...)".
    private static func keyPath(_ key: String) -> String {
        String(key.prefix { $0 != " " })
    }
}
