import Foundation

/// `[[unsupported]]`: the targets a recipe cannot be built for, each entry with its reason.
extension RecipeDecoder {
    static let unsupportedKeys = ["targets", "reason"]

    /// Each entry names known targets (`TargetProfile.known`, written as `list --targets`
    /// prints them) and a reason that is not empty: the user reads it when `add` refuses.
    func unsupported(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> [UnsupportedTargets] {
        var result: [UnsupportedTargets] = []
        for (index, table) in try tableArray(root, "unsupported").enumerated() {
            let key = "unsupported[\(index)]"
            try checkKeys(table, allowed: Self.unsupportedKeys, in: key)
            guard let names = try optionalStrings(table, "targets", in: key) else { throw .missingField(file: file, key: "\(key).targets") }
            var targets: [Triple] = []
            for name in names {
                guard let profile = Triple(parsing: name).flatMap(TargetProfile.of) else {
                    throw .invalidValue(file: file, key: "\(key).targets", line: line("\(key).targets"),
                                        message: "'\(name)' is not a target muslroot knows; known: "
                                            + TargetProfile.known.map(\.triple.description).joined(separator: ", "))
                }
                targets.append(profile.triple)
            }
            let reason = try string(table, "reason", in: key)
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !Recipe.hasControlCharacter(reason) else {
                throw .invalidValue(file: file, key: "\(key).reason", line: line("\(key).reason"),
                                    message: "must say, on one line, why the recipe cannot be built for those targets")
            }
            result.append(UnsupportedTargets(targets: targets, reason: reason))
        }
        return result
    }
}
