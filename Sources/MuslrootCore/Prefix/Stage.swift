#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The prefix-to-be: every recipe's `dest/NAME` merged into one tree, by hard links (no
/// copying), built afresh each time so an interrupted merge never leaves a half-tree. The
/// tree work runs off the cooperative pool (`TreeWork`); failures are `PrefixError.stagingFailed`.
struct Stage: Sendable {
    let root: String

    /// Empties the stage.
    func reset() async throws {
        let root = root
        try await TreeWork.run("stage") {
            FileTree.remove(root)
            try Self.attempt(root) { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }
        }
    }

    /// Links everything under `source` into the stage; returns the paths (relative to the
    /// stage) of the files and symbolic links it placed. Later recipes win over earlier ones.
    func merge(from source: String) async throws -> [String] {
        let root = root
        return try await TreeWork.run("stage") { try Self.merge(from: source, into: root) }
    }

    /// `x86_64-unknown-linux-musl-gcc` and friends beside every `x86_64-linux-musl-*` tool,
    /// and the sysroot under the other spelling too, so that `--host` with either works.
    /// Returns each alias (relative to the stage) with the path it points at.
    func addAliases(for triple: Triple) async throws -> [(alias: String, original: String)] {
        let root = root
        return try await TreeWork.run("stage") { try Self.addAliases(for: triple, in: root) }
    }

    private static func merge(from source: String, into root: String) throws -> [String] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: source) else { return [] }
        var placed: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let from = "\(source)/\(relative)", to = "\(root)/\(relative)"
            var info = stat()
            guard lstat(from, &info) == 0 else { continue }
            try attempt(to) {
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    var existing = stat()
                    if lstat(to, &existing) == 0, existing.st_mode & S_IFMT != S_IFDIR { unlink(to) }
                    try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
                case S_IFLNK:
                    let target = try fm.destinationOfSymbolicLink(atPath: from)
                    unlink(to)
                    try fm.createSymbolicLink(atPath: to, withDestinationPath: target)
                    placed.append(relative)
                default:
                    unlink(to)
                    if link(from, to) != 0 { try fm.copyItem(atPath: from, toPath: to) }
                    placed.append(relative)
                }
            }
        }
        return placed.sorted()
    }

    private static func addAliases(for triple: Triple, in root: String) throws -> [(alias: String, original: String)] {
        let fm = FileManager.default
        let bin = "\(root)/bin"
        var added: [(String, String)] = []
        let prefix = "\(triple.description)-"
        for tool in ((try? fm.contentsOfDirectory(atPath: bin)) ?? []).sorted() where tool.hasPrefix(prefix) {
            let alias = triple.withVendor + "-" + tool.dropFirst(prefix.count)
            unlink("\(bin)/\(alias)")
            try attempt("\(bin)/\(alias)") { try fm.createSymbolicLink(atPath: "\(bin)/\(alias)", withDestinationPath: tool) }
            added.append(("bin/\(alias)", "bin/\(tool)"))
        }
        if fm.fileExists(atPath: "\(root)/\(triple.description)/include/stdio.h") {
            let sysroot = "\(root)/\(triple.withVendor)"
            unlink(sysroot)
            try attempt(sysroot) { try fm.createSymbolicLink(atPath: sysroot, withDestinationPath: triple.description) }
            added.append((triple.withVendor, "\(triple.description)/include/stdio.h"))
        }
        return added
    }

    /// Runs one file operation on `path`, its failure said as a `PrefixError` naming the path.
    private static func attempt(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw PrefixError.stagingFailed(path: path, reason: TreeWork.reason(error))
        }
    }
}
