import Foundation

/// What a toolchain prefix holds, as far as other build systems care: where it is, its
/// target, whether it has a C++ compiler, which packages are installed, which malloc its
/// `libc.a` uses and where its unwinder is. Read once from the prefix; every text in
/// Exports/ is computed from this value, so each can be tested without a toolchain.
public struct PrefixDescription: Sendable, Equatable {
    /// Which static archive holds gcc's unwinder (`_Unwind_*`): `libgcc_eh.a` when libgcc
    /// was built with shared libraries enabled, `libgcc.a` itself when it was not.
    public enum Unwinder: String, Sendable {
        case gccEH = "gcc_eh"
        case gcc
    }

    /// The prefix, absolute.
    public var root: String
    /// What each tool calls the prefix's target.
    public var target: TargetProfile
    public var triple: Triple { target.triple }
    /// `bin/TRIPLE-g++` exists (the `--toolchain host` flavour has only C).
    public var hasCXX: Bool
    /// The names of the packages in the manifest, sorted.
    public var packages: [String]
    /// `mimalloc` when the prefix's libc.a allocates with mimalloc, else `musl`.
    public var malloc: String
    public var unwinder: Unwinder
    /// False for a target bootstrapped into a prefix after its first: its files for other
    /// build systems carry its triple (`ExportPaths`).
    public var isFirstTarget = true

    public init(root: String, target: TargetProfile = .default, hasCXX: Bool = true, packages: [String] = [],
                malloc: String = "musl", unwinder: Unwinder = .gccEH) {
        self.root = root
        self.target = target
        self.hasCXX = hasCXX
        self.packages = packages.sorted()
        self.malloc = malloc
        self.unwinder = unwinder
    }

    /// Reads the prefix at `prefix`, an absolute path (commands resolve the user's).
    /// A prefix without a C compiler is `PrefixError.noToolchain`, which names the
    /// bootstrap command; a triple without a profile is `TargetError.unknown`. Without a
    /// `triple`, the target is the one the prefix's manifest names (x86_64 without one); with
    /// one, that target's manifest is read.
    public static func read(prefix: String, triple: Triple? = nil, manifest: Manifest? = nil) throws -> PrefixDescription {
        let root = FileTree.normalized(prefix)
        let manifest = manifest ?? (triple.map { Manifest.load(prefix: root, target: $0.description) } ?? Manifest.load(prefix: root))
        let triple = try triple ?? manifest?.triple() ?? .default
        var description = PrefixDescription(root: root, target: try TargetProfile(triple))
        description.isFirstTarget = Manifest.load(prefix: root).map { $0.target == triple.description } ?? true
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: description.tool("gcc")) else {
            throw PrefixError.noToolchain(prefix: root, missing: description.tool("gcc"), target: triple.description)
        }
        description.hasCXX = fm.isExecutableFile(atPath: description.tool("g++"))
        description.packages = (manifest?.packages.map(\.name) ?? []).sorted()
        description.malloc = (manifest?.allocator ?? .musl).rawValue
        description.unwinder = Self.unwinder(gccLibraries: "\(root)/lib/gcc/\(triple)")
        return description
    }

    /// `gcc_eh` unless the prefix's own gcc has a `libgcc.a` and no `libgcc_eh.a` beside it.
    /// A prefix without gcc's library directory uses the build machine's gcc, which has it.
    static func unwinder(gccLibraries: String) -> Unwinder {
        let fm = FileManager.default
        let versions = (try? fm.contentsOfDirectory(atPath: gccLibraries)) ?? []
        let directories = versions.map { "\(gccLibraries)/\($0)" }
        if directories.contains(where: { fm.fileExists(atPath: "\($0)/libgcc_eh.a") }) { return .gccEH }
        if directories.contains(where: { fm.fileExists(atPath: "\($0)/libgcc.a") }) { return .gcc }
        return .gccEH
    }

    public func has(_ package: String) -> Bool { packages.contains(package) }

    // MARK: Places in the prefix (each also as a path relative to the prefix, for the
    // files that must stay correct when the prefix is moved).

    public var sysroot: String { "\(root)/\(triple)" }
    public var bin: String { "\(root)/bin" }
    public func tool(_ name: String) -> String { "\(root)/\(Self.tool(name, triple: triple))" }
    static func tool(_ name: String, triple: Triple) -> String { "bin/\(triple)-\(name)" }

    public var pkgConfig: String { tool("pkg-config") }
    /// Where this target's files for other build systems are, relative to the prefix.
    public var files: ExportPaths { ExportPaths(triple: triple, isFirstTarget: isFirstTarget) }
    public var rustLinker: String { "\(root)/\(files.rustLinker)" }
    public var cmakeToolchainFile: String { "\(root)/\(files.cmakeToolchainFile)" }
    public var mesonCrossFile: String { "\(root)/\(files.mesonCrossFile)" }
    public var cargoConfig: String { "\(root)/\(files.cargoConfig)" }
}
