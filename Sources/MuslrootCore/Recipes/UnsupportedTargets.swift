/// `[[unsupported]]` in a recipe: targets it cannot be built for, and why. `add` and `plan`
/// refuse the recipe for them with the reason (`TargetError.unsupported`), before anything
/// is built, instead of failing in a configure script (docs/recipes.md).
public struct UnsupportedTargets: Sendable, Equatable {
    /// The triples, as `TargetProfile.known` spells them (`riscv64-linux-musl`).
    public var targets: [Triple]
    /// What the user reads: why the package does not build there, and what to do instead.
    public var reason: String

    public init(targets: [Triple], reason: String) {
        self.targets = targets
        self.reason = reason
    }
}

extension Recipe {
    /// Why the recipe cannot be built for `triple`, or nil when it can.
    public func unsupportedReason(on triple: Triple) -> String? {
        unsupported.first { $0.targets.contains(triple) }?.reason
    }
}
