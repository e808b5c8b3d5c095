import Foundation

/// The one way into a prefix, for `bootstrap`, `add` and `remove` alike: a stage (the
/// prefix-to-be) made afresh or from the current prefix by hard links, built packages
/// (`BuiltPackage`) linked into it, the aliases made, the toolchain smoke-tested when asked,
/// the files for other build systems and the manifest written, and the stage exchanged with the
/// prefix in one system call. Until the exchange the prefix is what it was; after it, what it
/// becomes. Nothing in the prefix is ever written: the stage only unlinks and links.
actor PrefixTransaction {
    let prefix: String
    let stage: String
    let target: Triple
    /// The packages linked into the stage so far, in order.
    private var installed: [Manifest.Package] = []

    init(prefix: String, stage: String, target: Triple) {
        self.prefix = prefix
        self.stage = stage
        self.target = target
    }

    /// An empty stage: a new toolchain (`bootstrap`).
    func beginEmpty() async throws {
        let stage = stage
        try await TreeWork.run("stage") {
            FileTree.remove(stage)
            do { try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: true) } catch {
                throw PrefixError.stagingFailed(path: stage, reason: TreeWork.reason(error))
            }
        }
    }

    /// The stage as a copy of the prefix, without `leaving` (paths relative to the prefix):
    /// the files of the packages this transaction replaces or removes.
    func begin(leaving: Set<String>) async throws {
        let (prefix, stage) = (prefix, stage)
        let failure: String? = await TreeWork.run("stage") {
            FileTree.remove(stage)
            if let failure = LinkCopy(leaving: leaving).copy(prefix, to: stage) { return failure }
            LinkCopy.pruneEmptyDirectories(above: leaving, in: stage)
            return nil
        }
        if let failure { throw PrefixError.stagingFailed(path: stage, reason: failure) }
    }

    /// Links every file of `package` into the stage (a later package's file wins over an
    /// earlier one's) and records it for the manifest. What is built after it builds against it.
    /// `sparing`: files of the prefix's other targets, left as they are (a toolchain's files
    /// that are not named by target, as gcc's `lib/libcc1.so`), and not recorded for this one.
    func install(_ package: BuiltPackage, sparing others: Set<String> = []) async throws {
        let stage = stage
        var entry = package.entry
        entry.files = others.isEmpty ? entry.files : entry.files.filter { !others.contains($0) }
        let files = entry.files
        try await TreeWork.run("stage") { try LinkCopy.place(files, from: package.tree, into: stage) }
        installed.removeAll { $0.name == package.name }
        installed.append(entry)
    }

    /// Finishes the stage and exchanges it with the prefix. `base` is the manifest the prefix
    /// keeps (for `add`: without the packages rebuilt; for `remove`: without those removed);
    /// the packages installed here are added to it. `smokeTest`, for a new toolchain, runs on
    /// the stage before anything is exchanged. Returns the manifest installed.
    func commit(_ base: Manifest, smokeTest: SmokeTest? = nil) async throws -> (manifest: Manifest, checks: [String]) {
        var manifest = base
        var entries = installed.sorted { $0.name < $1.name }
        let target = target, stage = stage, prefix = prefix
        // `x86_64-unknown-linux-musl-gcc` beside every `x86_64-linux-musl-gcc` a package installs,
        // owned by that package.
        for index in entries.indices {
            let tools = entries[index].files.filter { $0.hasPrefix("bin/\(target)-") }
            let aliases = try await TreeWork.run("aliases") { try Aliases.link(tools: tools, target: target, in: stage) }
            entries[index].files = (entries[index].files + aliases).sorted()
        }
        // A new toolchain proves itself before anything is written for it.
        let checks = try await smokeTest?.run().checks ?? []
        manifest.packages.removeAll { package in entries.contains { $0.name == package.name } }
        manifest.packages += entries
        // The sysroot under the other spelling too: the prefix's, owned by no package.
        let sysrootAlias = try await TreeWork.run("aliases") { try Aliases.linkSysroot(target: target, in: stage) }
        do {
            manifest.generated = (try PrefixExports.write(intoStage: stage, manifest: manifest, triple: target, prefix: prefix) + sysrootAlias).sorted()
        } catch {
            throw PrefixError.stagingFailed(path: stage, reason: "writing the pkg-config wrapper and build-system files: \(TreeWork.reason(error))")
        }
        try manifest.save(prefix: stage)
        try await Installer.install(stage: stage, into: prefix)
        return (manifest, checks)
    }
}
