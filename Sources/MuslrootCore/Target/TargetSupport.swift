/// The refusal of a package its recipe says cannot be built for the book's target
/// (`[[unsupported]]`), made before anything is fetched or built.
extension RecipeBook {
    /// Throws `TargetError.unsupported` for the first recipe, among `requests` and what they
    /// need, that cannot be built for `target`: the one asked for first, else the first needed
    /// one by name, with the requests that need it.
    public func checkSupported(_ requests: [String]) throws {
        let resolver = Resolver(book: self)
        let needed = try resolver.closure(of: requests)
        let refused = requests.compactMap { self[$0] }.first { $0.unsupportedReason(on: target.triple) != nil }
            ?? needed.first { $0.unsupportedReason(on: target.triple) != nil }
        guard let refused, let reason = refused.unsupportedReason(on: target.triple) else { return }
        var neededBy: [String] = []
        if !requests.contains(refused.name) {
            for request in requests where try resolver.closure(of: [request]).contains(where: { $0.name == refused.name }) {
                neededBy.append(request)
            }
        }
        throw TargetError.unsupported(package: refused.name, target: target.triple.description, reason: reason,
                                      file: refused.file, neededBy: neededBy)
    }
}
