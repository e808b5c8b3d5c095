import Foundation

/// `list --prefix`: for every recipe, whether the prefix holds it (its manifest says so) and
/// whether what it holds is what the recipes would build now: the same keys (`PackageKeys`),
/// computed as `bootstrap` and `add` compute them for this prefix (its flavour, allocator and
/// build host from the manifest; the book given should carry the flavour's overlays).
public struct PrefixStatus: Sendable {
    public enum State: String, Sendable, Codable {
        /// Not in the manifest.
        case absent
        /// In the manifest, with the key the recipes give now.
        case installed
        /// In the manifest, built from another recipe, toolchain or dependency than now: the
        /// next `add` (a library) or `bootstrap` (the toolchain) builds it again.
        case outdated
    }

    public var states: [String: State]

    /// `environment`: the build environment's PATH finds the host's gcc, for a host-flavour prefix.
    public static func of(_ book: RecipeBook, manifest: Manifest, environment: [String: String]) async throws -> PrefixStatus {
        let target = try manifest.triple()
        var expected: [String: String] = [:]
        // The toolchain, as `bootstrap` would build it into this prefix.
        let hostCompiler = manifest.flavor == .host
            ? try? await HostCompiler.find(path: BuildEnvironment.cleaned(environment)["PATH"] ?? "/usr/bin:/bin", triple: target) : nil
        let context = PackageKeys.ToolchainContext(target: target, flavor: manifest.flavor, allocator: manifest.allocator,
                                                   buildHost: manifest.buildHost ?? .current(), hostCompiler: hostCompiler?.identity)
        let toolchain = manifest.flavor.recipes(in: book) + (manifest.allocator == .mimalloc ? ["mimalloc"] : [])
        if let plan = try? Resolver(book: book).plan(for: toolchain), let keys = try? PackageKeys.toolchain(plan, context: context) {
            expected.merge(keys) { $1 }
        }
        // Each library, as `add` would build it with this prefix's toolchain.
        let toolchainKey = PackageKeys.toolchain(of: manifest)
        for name in book.names where book[name]?.kind == .library {
            if let plan = try? Resolver(book: book).plan(for: [name]), !plan.recipes.contains(where: { $0.kind == .toolchain }),
               let keys = try? PackageKeys.libraries(plan, toolchain: toolchainKey, target: target) {
                expected[name] = keys[name]
            }
        }
        var states: [String: State] = [:]
        for name in book.names {
            guard let package = manifest.package(name) else { states[name] = .absent; continue }
            states[name] = expected[name] == package.fingerprint ? .installed : .outdated
        }
        return PrefixStatus(states: states)
    }
}
