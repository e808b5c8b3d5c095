import Foundation

/// The targets one prefix holds, the way `rustup target add` keeps several in one toolchain
/// directory: the GNU layout already separates them (`bin/aarch64-linux-musl-gcc`, the
/// `aarch64-linux-musl/` sysroot, `lib/gcc/aarch64-linux-musl/`). Each target has its own
/// manifest: the first target's is `.muslroot/manifest.json` (as in a prefix of one target),
/// each later one's `.muslroot/targets/TRIPLE.json`. A file both targets' toolchains install
/// under the same name (gcc's `lib/libcc1.so`, its manuals) stays the first owner's.
public struct PrefixTargets: Sendable {
    public let prefix: String
    /// The first target's manifest first, then the others by triple.
    public let manifests: [Manifest]

    public static func load(prefix: String) -> PrefixTargets {
        guard let first = Manifest.load(prefix: prefix) else { return PrefixTargets(prefix: prefix, manifests: []) }
        let directory = "\(prefix)/.muslroot/targets"
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
            .compactMap { Manifest.load(file: "\(directory)/\($0)") }
            .filter { $0.target != first.target }
        return PrefixTargets(prefix: prefix, manifests: [first] + others)
    }

    public var targets: [String] { manifests.map(\.target) }

    public func manifest(for target: String) -> Manifest? { manifests.first { $0.target == target } }

    /// Every file a package of any target installed, and every file written for a target.
    public var files: Set<String> {
        Set(manifests.flatMap(\.ownedFiles))
    }

    /// The files of the targets other than `target`.
    public func files(besides target: String) -> Set<String> {
        Set(manifests.filter { $0.target != target }.flatMap(\.ownedFiles))
    }

    /// The target a command works on: `requested`, which the prefix must hold; else the
    /// prefix's only target; else x86_64 when it is one of several. `note` says which was
    /// taken when there was a choice, for the output. A prefix without a toolchain is
    /// `PrefixError.noToolchain`.
    public func choose(_ requested: Triple?) throws -> (manifest: Manifest, note: String?) {
        guard !manifests.isEmpty else {
            throw PrefixError.noToolchain(prefix: prefix, missing: FileManager.default.fileExists(atPath: prefix) ? Manifest.path(in: prefix) : prefix,
                                          target: requested?.description)
        }
        if let requested {
            guard let manifest = manifest(for: requested.description) else {
                throw TargetError.notInPrefix(prefix: prefix, target: requested.description, holds: targets)
            }
            return (manifest, nil)
        }
        if manifests.count == 1 { return (manifests[0], nil) }
        guard let manifest = manifest(for: Triple.default.description) else {
            throw TargetError.chooseTarget(prefix: prefix, holds: targets)
        }
        return (manifest, "\(prefix) holds \(targets.joined(separator: ", ")); this is for \(manifest.target) (--target picks another)")
    }
}

extension PrefixTargets {
    /// The target a bootstrap builds: `requested`; else the prefix's own when it holds one
    /// target (bootstrap again updates it, as the other commands work on it, instead of adding
    /// x86_64 beside it), saying so; else x86_64. Adding x86_64 to such a prefix takes
    /// `--target x86_64-linux-musl`.
    public func bootstrapTarget(_ requested: Triple?) -> (triple: Triple, note: String?) {
        if let requested { return (requested, nil) }
        guard manifests.count == 1, let only = try? manifests[0].triple(), only != .default else { return (.default, nil) }
        return (only, "\(prefix) holds \(only); this is for \(only) (--target \(Triple.default) adds that beside it)")
    }
}
