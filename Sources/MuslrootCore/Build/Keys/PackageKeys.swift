import Foundation

/// The one authority on "this package, built this way": a key is the hash of everything that
/// decides a package's bytes. `bootstrap` and `add` ask it what is up to date, `list --prefix`
/// what would be rebuilt, the executor what to resume, the manifest records it, and a binary
/// cache will name artifacts by it. docs/keys.md says what a key covers and what it leaves out.
///
/// - A toolchain package's key: its recipe (sources' sha256, patches, variables, environment,
///   phases), the recipes it waits for, the target, the flavour, the allocator, the build host
///   (architecture and C library), and for the host flavour the host's gcc and binutils.
/// - A library's key: its recipe, the keys of the libraries it is built against, the whole
///   toolchain's key, the environment every library build gets, and the rules that put its
///   install into the sysroot.
/// - Never the prefix's path: prefixes are relocatable, and the same bytes land anywhere.
public enum PackageKeys {
    /// Bumped when muslroot changes what it does with the same inputs in a way that changes
    /// the bytes it installs (how keys are formed included).
    static let revision = "muslroot-keys-v2"

    /// Everything outside the recipes that decides a toolchain's bytes.
    public struct ToolchainContext: Sendable, Hashable {
        public var target: Triple
        public var flavor: ToolchainFlavor
        public var allocator: Allocator
        public var buildHost: BuildHost
        /// For the host flavour, the compiler it wraps (`HostCompiler.identity`).
        public var hostCompiler: [String]?

        public init(target: Triple, flavor: ToolchainFlavor, allocator: Allocator, buildHost: BuildHost, hostCompiler: [String]? = nil) {
            self.target = target
            self.flavor = flavor
            self.allocator = allocator
            self.buildHost = buildHost
            self.hostCompiler = hostCompiler
        }

        /// What every phase of the toolchain's build depends on besides its recipe (the
        /// executor's `fingerprintInputs`), so that a change of host or allocator runs them again.
        public var key: String { PackageKeys.hash(lines) }

        var lines: [String] {
            [revision, "target \(target)", "flavor \(flavor.rawValue)", "malloc \(allocator.rawValue)",
             "build-host \(buildHost.architecture) \(buildHost.libc)"] + (hostCompiler ?? []).map { "host-compiler \($0)" }
                + BuildEnvironment.description.map { "environment \($0)" }
        }
    }

    /// The key of every package of a toolchain: the recipes of `plan`, and for the host
    /// flavour its compiler wrapper (`HostCompiler.packageName`).
    public static func toolchain(_ plan: Plan, context: ToolchainContext) throws(PatchError) -> [String: String] {
        var result: [String: String] = [:]
        let contextLines = context.lines
        for recipe in plan.recipes {
            let waitsFor = plan.dependencies(of: recipe).map { "after \($0) \(result[$0] ?? "")" }
            result[recipe.name] = hash(["toolchain-package"] + contextLines + (try RecipeDescription.of(recipe, target: context.target)) + waitsFor)
        }
        if context.hostCompiler != nil { result[HostCompiler.packageName] = hash(["host-compiler"] + contextLines) }
        return result
    }

    /// One key for a whole installed toolchain, from the keys of its packages: what every
    /// library built with it carries, so that a new toolchain rebuilds them.
    public static func toolchain(of manifest: Manifest) -> String {
        toolchain(target: manifest.target, packageKeys: Dictionary(
            manifest.packages.filter { !$0.isLibrary }.map { ($0.name, $0.fingerprint) }, uniquingKeysWith: { $1 }))
    }

    /// The same from the keys of the toolchain's packages (`toolchain(_:context:)`): the key of
    /// the toolchain a bootstrap is about to build, which names its binary cache artifact.
    public static func toolchain(target: String, packageKeys: [String: String]) -> String {
        hash(["toolchain", target] + packageKeys.map { "\($0.key) \($0.value)" }.sorted())
    }

    /// The key of every library of `plan` (dependencies come first in it), built with the
    /// toolchain whose key is `toolchain`.
    public static func libraries(_ plan: Plan, toolchain: String, target: Triple) throws(PatchError) -> [String: String] {
        var result: [String: String] = [:]
        let infrastructure = [revision, "toolchain \(toolchain)"] + BuildEnvironment.description.map { "environment \($0)" }
            + LibraryEnvironment.description(triple: target).map { "environment \($0)" }
            + LibraryMerge.rules.map { "merge \($0)" }
        for recipe in plan.recipes {
            let against = plan.dependencies(of: recipe).map { "depends \($0) \(result[$0] ?? "")" }
            result[recipe.name] = hash(["library"] + infrastructure + (try RecipeDescription.of(recipe, target: target)) + against)
        }
        return result
    }

    /// The key of every phase of `plan`, for resuming: the phase, its recipe's common part,
    /// the keys of the phases it waits for, and `inputs` (by recipe: what else decides its
    /// build, the package keys).
    static func phases(_ plan: Plan, target: Triple, inputs: [String: [String]]) throws(PatchError) -> [PhaseNode: String] {
        var result: [PhaseNode: String] = [:]
        for node in plan.order {
            let before = (plan.predecessors[node] ?? []).map { result[$0]! } + (inputs[node.recipe] ?? [])
            guard let recipe = plan.recipe(node.recipe), let phase = recipe.phases.first(where: { $0.name == node.phase }) else {
                result[node] = hash([node.description])
                continue
            }
            result[node] = hash(["muslroot-phase-v2", node.description] + (try RecipeDescription.of(phase, in: recipe, target: target))
                + before.sorted())
        }
        return result
    }

    static func hash(_ parts: [String]) -> String {
        FileDigest.sha256(of: Data(parts.joined(separator: "\n").utf8))
    }
}
