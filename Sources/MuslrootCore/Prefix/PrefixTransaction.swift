#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One change to a prefix (`add`, `remove`): a stage made from the current prefix by hard
/// links (cheap, and nothing in the prefix is written: the stage only ever unlinks and links),
/// changed, and exchanged with the prefix in one system call. Until the exchange the prefix is
/// what it was; after it, what it becomes.
struct PrefixTransaction: Sendable {
    let prefix: String
    let stage: String
    let triple: Triple

    /// The stage as a copy of the prefix, without `leaving` (paths relative to the prefix).
    func begin(leaving: Set<String> = []) async throws {
        let (prefix, stage) = (prefix, stage)
        let failure: String? = await TreeWork.run("stage") {
            FileTree.remove(stage)
            if let failure = LinkCopy(leaving: leaving).copy(prefix, to: stage) { return failure }
            Self.pruneEmptyDirectories(above: leaving, in: stage)
            return nil
        }
        if let failure { throw PrefixError.stagingFailed(path: stage, reason: failure) }
    }

    /// Puts a library's `DESTDIR` install into the stage's sysroot: `usr/` folded into the
    /// sysroot (whose `usr` is a link to itself), paths through the sysroot's links (`lib64`)
    /// resolved, libtool's `.la` files and manuals left out. A shared object, or a `.pc` file
    /// naming the work directory, is an error. Returns the files placed, relative to the stage.
    func mergeLibrary(_ recipe: String, from destination: String, workRoot: String) async throws -> [String] {
        let (stage, triple) = (stage, triple)
        let result: Result<[String], PrefixError> = await TreeWork.run("merge") {
            LibraryMerge(stage: stage, sysroot: triple.description, recipe: recipe, workRoot: workRoot).merge(from: destination)
        }
        return try result.get()
    }

    /// The pkg-config wrapper and the files for other build systems, for the packages the
    /// stage will hold; returns them for the manifest's `generated` list.
    func writeExports(for manifest: Manifest) throws -> [String] {
        do { return try PrefixExports.write(intoStage: stage, manifest: manifest, triple: triple) } catch {
            throw PrefixError.stagingFailed(path: stage, reason: "writing the pkg-config wrapper and build-system files: \(TreeWork.reason(error))")
        }
    }

    /// Saves the manifest into the stage and exchanges the stage with the prefix.
    func commit(_ manifest: Manifest) async throws {
        do { try manifest.save(prefix: stage) } catch {
            throw PrefixError.stagingFailed(path: stage, reason: "writing its manifest: \(TreeWork.reason(error))")
        }
        try await Installer.install(stage: stage, into: prefix)
    }

    /// Directories left empty by `leaving` go too (an uninstalled library's include/NAME).
    static func pruneEmptyDirectories(above removed: Set<String>, in root: String) {
        var candidates = Set(removed.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty })
        while !candidates.isEmpty {
            var next: Set<String> = []
            for directory in candidates.sorted(by: { $0.count > $1.count }) {
                if rmdir("\(root)/\(directory)") == 0 {
                    let parent = (directory as NSString).deletingLastPathComponent
                    if !parent.isEmpty { next.insert(parent) }
                }
            }
            candidates = next
        }
    }
}

/// A tree copied by hard links: directories made, symbolic links copied, files linked.
struct LinkCopy {
    let leaving: Set<String>

    /// Returns what went wrong, or nil.
    func copy(_ source: String, to destination: String) -> String? {
        if mkdir(destination, 0o755) != 0 { return "mkdir \(destination): \(String(cString: strerror(errno)))" }
        return copyContents(source, destination, relative: "")
    }

    private func copyContents(_ source: String, _ destination: String, relative: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: source) else {
            return "cannot read the directory \(source)"
        }
        for name in entries.sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            let from = "\(source)/\(name)", to = "\(destination)/\(name)"
            var info = stat()
            guard lstat(from, &info) == 0 else { return "\(from): \(String(cString: strerror(errno)))" }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if mkdir(to, (info.st_mode & 0o7777) | 0o700) != 0 { return "mkdir \(to): \(String(cString: strerror(errno)))" }
                if let failure = copyContents(from, to, relative: path) { return failure }
            case S_IFLNK:
                guard !leaving.contains(path) else { continue }
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from),
                      symlink(target, to) == 0 else { return "copying the link \(from): \(String(cString: strerror(errno)))" }
            default:
                guard !leaving.contains(path) else { continue }
                if link(from, to) != 0 { return "linking \(from) to \(to): \(String(cString: strerror(errno)))" }
            }
        }
        return nil
    }
}
