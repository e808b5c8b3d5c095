import Foundation

/// `PREFIX/.muslroot/manifest.json`: every file installed, from which recipe, version,
/// source sha256 and patches. It is also how a later run knows there is nothing to do.
public struct Manifest: Codable, Sendable {
    public struct Package: Codable, Sendable {
        public var name: String
        public var version: String
        /// Its key (`PackageKeys`): what it was built from and with. (The field keeps the
        /// name manifests have always used.)
        public var fingerprint: String
        public var sources: [SourceEntry]
        public var patches: [String]
        public var files: [String]
        /// "toolchain" or "library" (absent in manifests of muslroot 0.x bootstraps: toolchain).
        public var kind: String?
        /// The installed packages this one was built against (libraries only).
        public var depends: [String]?

        public var isLibrary: Bool { kind == Recipe.Kind.library.rawValue }
    }

    public struct SourceEntry: Codable, Sendable {
        public var file: String
        public var url: String
        public var sha256: String
    }

    public var muslroot: String
    public var target: String
    public var created: String
    public var packages: [Package]
    /// The toolchain flavour (`gcc` when absent: the only one older manifests knew).
    public var toolchain: ToolchainFlavor?
    /// The allocator in the toolchain's libc.a (`musl` when absent).
    public var malloc: Allocator?
    /// Files muslroot writes for the whole prefix, owned by no package: the pkg-config
    /// wrapper and the files for CMake, Meson and cargo (see `PrefixExports`), and the
    /// sysroot's alias (`x86_64-unknown-linux-musl`).
    public var generated: [String]?
    /// The machine the toolchain was built on and runs on (absent in manifests before keys
    /// covered it).
    public var buildHost: BuildHost?

    public var allocator: Allocator { malloc ?? .musl }

    /// The prefix's target, parsed (`TargetError.unknown` for one this muslroot has no profile of).
    public func triple() throws(TargetError) -> Triple { try TargetProfile(parsing: target).triple }

    public var flavor: ToolchainFlavor { toolchain ?? .gcc }
    /// Every file its packages installed, and every file written for its target.
    public var ownedFiles: [String] { packages.flatMap(\.files) + (generated ?? []) }
    public var libraries: [Package] { packages.filter(\.isLibrary) }

    /// The pkg-config modules the named packages installed in `prefix`: their `.pc` files in
    /// the sysroot, without the links that only give a module a second name (ncurses.pc to
    /// ncursesw.pc). For the link line `add` suggests.
    public func pkgConfigModules(of names: [String], in prefix: String) -> [String] {
        let directory = "\(target)/lib/pkgconfig/"
        let files = packages.filter { names.contains($0.name) }.flatMap(\.files)
            .filter { $0.hasPrefix(directory) && $0.hasSuffix(".pc") }
        return files.filter { !PathKind.isLink("\(prefix)/\($0)") }
            .map { String($0.dropFirst(directory.count).dropLast(3)) }.sorted()
    }

    /// The manifest of the prefix's first target: the one it was bootstrapped for.
    public static func path(in prefix: String) -> String { "\(prefix)/.muslroot/manifest.json" }

    /// Where the manifest of `target` is in `prefix`: `manifest.json` for the prefix's first
    /// target (or when it has none yet), `targets/TRIPLE.json` for each target bootstrapped
    /// into it after (`PrefixTargets`).
    public static func path(in prefix: String, target: String) -> String {
        if let first = load(prefix: prefix), first.target != target { return "\(prefix)/.muslroot/targets/\(target).json" }
        return path(in: prefix)
    }

    /// The manifest of the prefix's first target.
    public static func load(prefix: String) -> Manifest? { load(file: path(in: prefix)) }

    /// The manifest of `target` in `prefix`, if the prefix holds that target.
    public static func load(prefix: String, target: String) -> Manifest? {
        guard let manifest = load(file: path(in: prefix, target: target)), manifest.target == target else { return nil }
        return manifest
    }

    static func load(file: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Writes the manifest into `prefix` (a stage), where its target's goes; a failure is
    /// `PrefixError.stagingFailed`.
    public func save(prefix: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = Self.path(in: prefix, target: target)
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PrefixError.stagingFailed(path: path, reason: TreeWork.reason(error))
        }
    }

    public func package(_ name: String) -> Package? { packages.first { $0.name == name } }

    /// A recipe's entry, built with the key `key` (`PackageKeys`).
    static func entry(for recipe: Recipe, key: String, files: [String] = [], depends: [String]? = nil) -> Package {
        Package(name: recipe.name, version: recipe.version, fingerprint: key,
                sources: recipe.sources.map { SourceEntry(file: $0.file, url: $0.url, sha256: $0.sha256) },
                patches: recipe.patches.map { URL(fileURLWithPath: $0).lastPathComponent },
                files: files, kind: recipe.kind.rawValue, depends: depends)
    }
}
