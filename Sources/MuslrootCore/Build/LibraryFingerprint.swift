/// A library's fingerprint covers its recipe, the toolchain it is built with, and the
/// fingerprints of the libraries it is built against: a changed dependency, or a new
/// toolchain, rebuilds it.
enum LibraryFingerprint {
    /// Every recipe of `plan` (dependencies come first in it).
    static func compute(_ plan: Plan, toolchain: String, target: Triple) throws -> [String: String] {
        var result: [String: String] = [:]
        for recipe in plan.recipes {
            let dependencies = plan.dependencies(of: recipe).map { "depends \($0) \(result[$0] ?? "")" }
            result[recipe.name] = Fingerprint.hash(
                ["muslroot-library-v1", try Fingerprint.of(recipe, target: target), "toolchain \(toolchain)"] + dependencies)
        }
        return result
    }
}
