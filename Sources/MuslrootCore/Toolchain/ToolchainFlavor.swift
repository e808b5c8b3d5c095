/// Which compiler a prefix's toolchain has: the full cross gcc built from the recipes, or the
/// build machine's own gcc driving a musl built from the recipes (C only, ready in a minute).
public enum ToolchainFlavor: String, Sendable, CaseIterable, Codable {
    /// binutils, gcc (C and C++), musl and the Linux headers, built in one pass (about 30 minutes).
    case gcc
    /// musl and the Linux headers built with the host's gcc, and an `x86_64-linux-musl-gcc`
    /// wrapper that points the host's gcc at them (the musl-gcc specs approach). C only.
    case host

    /// The recipes `bootstrap` builds for this flavour (the host one adds its compiler wrapper
    /// itself, see `HostCompiler`).
    public func recipes(in book: RecipeBook) -> [String] {
        switch self {
        case .gcc: book.names.filter { book[$0]?.kind == .toolchain && book[$0]?.optional == false }
        case .host: ["linux-headers", "musl"].filter { book[$0] != nil }
        }
    }
}
