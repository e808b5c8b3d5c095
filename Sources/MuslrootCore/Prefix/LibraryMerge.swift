#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How a library's `make DESTDIR=... install` becomes a package laid out as the prefix is
/// (`BuiltPackage`): the infrastructure's rule, the same for every library recipe.
///
/// - `usr/X` and `X` both go to `SYSROOT/X` (the sysroot's `usr` is a link to itself, so
///   `--prefix=/usr` builds and their `.pc` files work as they are);
/// - a path through one of the sysroot's links (`lib64 -> lib`, as the stage has them) is
///   recorded where it really is;
/// - libtool's `.la` files (absolute paths, useless for static linking) and manuals are left out;
/// - a shared object is an error: the sysroot is static only;
/// - a `.pc` file that names the work directory is an error: it would break once the work
///   directory is gone, and on any other machine.
struct LibraryMerge {
    /// The stage the package goes into, whose links (`lib64 -> lib`) paths are resolved through.
    let stage: String
    /// Where the package's tree is made (laid out as the prefix is).
    let output: String
    /// The sysroot, relative to the stage (`x86_64-linux-musl`).
    let sysroot: String
    let recipe: String
    let workRoot: String

    static let skippedDirectories = ["share/man", "share/doc", "share/info", "share/gtk-doc"]

    /// The rules above, for libraries' keys (`PackageKeys`): change them with the code.
    static let rules = ["usr folded into the sysroot", "paths through the stage's links resolved", "skip .la",
                        "skip \(skippedDirectories.joined(separator: " "))", "no shared objects", "no .pc naming the work directory"]

    /// The library package made from its `DESTDIR` install at `destination`, recorded as `entry`.
    func package(_ entry: Manifest.Package, from destination: String) async throws -> BuiltPackage {
        let merge = self
        let files = try await TreeWork.run("package") { () -> Result<[String], PrefixError> in
            FileTree.remove(merge.output)
            return merge.merge(from: destination)
        }.get()
        var entry = entry
        entry.files = files
        return BuiltPackage(entry: entry, tree: output)
    }

    private func merge(from destination: String) -> Result<[String], PrefixError> {
        var placed: [String] = []
        var problem: PrefixError?
        walk(destination, relative: "") { relative, info in
            guard problem == nil else { return false }
            var path = relative.hasPrefix("usr/") ? String(relative.dropFirst(4)) : relative
            if path == "usr" { return true }
            if Self.skippedDirectories.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return false }
            path = canonical("\(sysroot)/\(path)")
            let from = "\(destination)/\(relative)", to = "\(output)/\(path)"
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                return true  // made as its files need it
            case S_IFLNK:
                if isSharedObject(path) { problem = sharedObject(relative); return false }
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from) else { return true }
                if let failed = makeParent(of: to) { problem = failed; return false }
                unlink(to)
                if symlink(target, to) != 0 { problem = failure("symlink \(to)") }
                placed.append(path)
            default:
                if path.hasSuffix(".la") { return true }
                if isSharedObject(path) { problem = sharedObject(relative); return false }
                if path.hasSuffix(".pc"), let text = try? String(contentsOfFile: from, encoding: .utf8), text.contains(workRoot) {
                    problem = .stagingFailed(path: from, reason: "\(recipe)'s \((relative as NSString).lastPathComponent) names the work directory "
                        + "\(workRoot), so it would break once that is gone; fix the recipe's --prefix (it must be /usr) and add it again")
                    return false
                }
                if let failed = makeParent(of: to) { problem = failed; return false }
                unlink(to)
                // dest/ is on another file system than the stage when the work directory is
                // in the cache (a prefix whose path has a space): copied, then.
                if link(from, to) != 0, errno != EXDEV || (try? FileManager.default.copyItem(atPath: from, toPath: to)) == nil {
                    problem = failure("linking \(to)")
                }
                placed.append(path)
            }
            return problem == nil
        }
        if let problem { return .failure(problem) }
        return .success(placed.sorted())
    }

    private func makeParent(of path: String) -> PrefixError? {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return nil
        } catch {
            return .stagingFailed(path: path, reason: TreeWork.reason(error))
        }
    }

    private func isSharedObject(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".so") || name.contains(".so.")
    }

    private func sharedObject(_ relative: String) -> PrefixError {
        .stagingFailed(path: "\(workRoot)/dest/\(recipe)/\(relative)",
                     reason: "\(recipe) installed a shared object, but the sysroot holds static libraries only; "
                        + "its recipe must build static libraries only (--disable-shared or the like)")
    }

    private func failure(_ what: String) -> PrefixError {
        .stagingFailed(path: output, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    /// `relative` (inside the stage) with every directory link of the stage resolved, so that
    /// the manifest names each file where it really is.
    func canonical(_ relative: String) -> String {
        var resolved: [String] = []
        let parts = relative.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            resolved.append(part)
            guard index < parts.count - 1 else { break }
            let here = "\(stage)/\(resolved.joined(separator: "/"))"
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: here), !target.hasPrefix("/") {
                resolved.removeLast()
                for step in target.split(separator: "/") {
                    if step == ".." { if !resolved.isEmpty { resolved.removeLast() } } else if step != "." { resolved.append(String(step)) }
                }
            }
        }
        return resolved.joined(separator: "/")
    }

    /// Depth-first, parents before children; `visit` returns false to skip a directory's contents.
    private func walk(_ root: String, relative: String, _ visit: (String, stat) -> Bool) {
        let directory = relative.isEmpty ? root : "\(root)/\(relative)"
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            var info = stat()
            guard lstat("\(root)/\(path)", &info) == 0 else { continue }
            if visit(path, info), info.st_mode & S_IFMT == S_IFDIR { walk(root, relative: path, visit) }
        }
    }
}
