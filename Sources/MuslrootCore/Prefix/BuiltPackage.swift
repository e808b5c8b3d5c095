#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a build produces and what a `PrefixTransaction` takes into a prefix: a tree laid out
/// as the prefix is, the files in it (paths relative to the prefix: its file list), and the
/// manifest entry that records them. A toolchain recipe's `dest/` tree is one as it is; a
/// library's `DESTDIR` install becomes one through `LibraryMerge`; the host flavour's
/// compiler wrappers are written as one. A package from a binary cache will be one too.
public struct BuiltPackage: Sendable {
    /// Name, version, key, sources, patches, kind and dependencies; `files` is the file list.
    public var entry: Manifest.Package
    /// The directory holding the files, laid out as the prefix is.
    public var tree: String

    public var name: String { entry.name }
    public var files: [String] { entry.files }

    public init(entry: Manifest.Package, tree: String) {
        self.entry = entry
        self.tree = tree
    }

    /// A tree already laid out as the prefix (a toolchain recipe's `dest/`): its files and
    /// symbolic links, found by walking it, become the file list.
    static func collecting(_ entry: Manifest.Package, tree: String) async throws -> BuiltPackage {
        var entry = entry
        entry.files = try await TreeWork.run("collect") { try Self.files(in: tree) }
        return BuiltPackage(entry: entry, tree: tree)
    }

    /// Every file and symbolic link under `root` (not directories), relative to it, sorted.
    static func files(in root: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw PrefixError.stagingFailed(path: root, reason: "cannot read the directory")
        }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat("\(root)/\(relative)", &info) == 0 else { continue }
            if info.st_mode & S_IFMT != S_IFDIR { result.append(relative) }
        }
        return result.sorted()
    }
}
