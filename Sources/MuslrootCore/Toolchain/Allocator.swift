/// The allocator in the toolchain's `libc.a` (`bootstrap --malloc`).
public enum Allocator: String, Sendable, CaseIterable, Codable {
    /// musl's own mallocng: small and hardened, but it serializes threads.
    case musl
    /// mimalloc 2.2.4 in place of mallocng's objects in libc.a (see docs/malloc.md).
    case mimalloc
}

extension ToolchainFlavor {
    /// The overlays laid over the shipped recipes, in order, for this flavour and allocator:
    /// `recipes/host/` (musl built with the host's gcc), `recipes/malloc-mimalloc/` (musl's
    /// libc.a with mimalloc), and `recipes/host/malloc-mimalloc/` for the two together.
    public func overlays(shippedRecipes shipped: String, allocator: Allocator) -> [String] {
        var result: [String] = []
        if self == .host { result.append("\(shipped)/host") }
        if allocator == .mimalloc {
            result.append("\(shipped)/malloc-mimalloc")
            if self == .host { result.append("\(shipped)/host/malloc-mimalloc") }
        }
        return result
    }
}
