/// What the executor tells its observer, in order.
public enum BuildEvent: Sendable {
    case planned(total: Int, alreadyDone: Int)
    case sourceStarted(recipe: String)
    case sourceFinished(recipe: String, seconds: Double)
    case phaseStarted(PhaseNode, log: String)
    case phaseFinished(PhaseNode, seconds: Double)
    case phaseFailed(PhaseNode, log: String)
    case message(String)
    /// A package (a library, or `toolchain`) taken from a binary cache instead of being built.
    case fromCache(package: String, key: String, origin: String)
    /// A package built here, stored in the local binary cache.
    case stored(package: String, key: String, bytes: Int64)
}

public protocol BuildObserver: Sendable {
    func handle(_ event: BuildEvent) async
}

/// Gets a recipe's sources onto disk (download, verify, extract, patch) into `directory`.
public protocol SourcePreparing: Sendable {
    /// Downloads (or finds in the cache) every source of `recipes`, before the build starts.
    func fetchAll(for recipes: [Recipe]) async throws
    func prepare(_ recipe: Recipe, at directory: String) async throws
}

extension SourcePreparing {
    public func fetchAll(for recipes: [Recipe]) async throws {}
}
