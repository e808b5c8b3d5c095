/// `[target.T]`: a recipe's values for one target, over its `[vars]`.
extension RecipeDecoder {
    /// Each key names a known target (`TargetProfile.known`, as `list --targets` prints it);
    /// each value is a table of variables, checked as `[vars]` is (a recipe with a build
    /// system may also set its template's keys there, such as `configure-options`).
    func targetVariables(_ root: [String: RecipeDocument.Value], templated: Bool) throws(RecipeError) -> [Triple: [String: VariableValue]] {
        guard let value = root["target"] else { return [:] }
        guard case .table(let tables) = value else {
            throw .wrongType(file: file, key: "target", line: line("target"),
                             expected: "tables of variables, one per target, such as [target.aarch64-linux-musl]")
        }
        var result: [Triple: [String: VariableValue]] = [:]
        for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
            let key = "target.\(name)"
            guard let profile = Triple(parsing: name).flatMap(TargetProfile.of), profile.triple.description == name else {
                throw .invalidValue(file: file, key: key, line: line(key),
                                    message: "'\(name)' is not a target muslroot knows; known: "
                                        + TargetProfile.known.map(\.triple.description).joined(separator: ", "))
            }
            result[profile.triple] = try variables(table, key: key, templated: templated)
        }
        return result
    }
}
