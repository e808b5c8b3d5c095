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
}
