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

    /// The line of a key such as `phase[2].run`: searched from the header of that table.
    func line(_ key: String) -> Int? {
        if let (table, index, rest) = Self.tableElement(key) {
            return document.line(of: rest.isEmpty ? table : rest, in: table, index: index)
        }
        return document.line(of: key)
    }

    /// `phase[2].run` as ("phase", 2, "run"); nil for a key that does not start with one of
    /// the arrays of tables (a user's key such as `"]["` is only text).
    static func tableElement(_ key: String) -> (table: String, index: Int, rest: String)? {
        guard let open = key.firstIndex(of: "["), tableArrays.contains(String(key[..<open])),
              let close = key[open...].firstIndex(of: "]"),
              let index = Int(key[key.index(after: open)..<close]) else { return nil }
        let rest = key[key.index(after: close)...]
        guard rest.isEmpty || rest.first == "." else { return nil }
        return (String(key[..<open]), index, String(rest.dropFirst()))
    }
}
