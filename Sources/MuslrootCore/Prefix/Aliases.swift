#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The spellings Rust and autotools' `--host` use (`x86_64-unknown-linux-musl`,
/// `armv7-unknown-linux-musleabihf`) beside the prefix's own (`x86_64-linux-musl`): a link for
/// every tool, and one for the sysroot, under each of the triple's `vendorSpellings`.
enum Aliases {
    /// A link `bin/SPELLING-X -> TRIPLE-X` for each of `tools` (`bin/TRIPLE-X`, relative to
    /// `root`). Returns the links made, relative to `root`.
    static func link(tools: [String], target: Triple, in root: String) throws -> [String] {
        let prefix = "bin/\(target)-"
        var made: [String] = []
        for tool in tools.sorted() where tool.hasPrefix(prefix) && !tool.dropFirst(prefix.count).contains("/") {
            let name = String(tool.dropFirst("bin/".count))
            for spelling in target.vendorSpellings {
                let alias = "bin/\(spelling)-\(tool.dropFirst(prefix.count))"
                try symlink(name, at: "\(root)/\(alias)")
                made.append(alias)
            }
        }
        return made
    }

    /// The sysroot's links `SPELLING -> TRIPLE`, when the stage has a sysroot. Returns them,
    /// relative to `root`, or nothing.
    static func linkSysroot(target: Triple, in root: String) throws -> [String] {
        var info = stat()
        guard stat("\(root)/\(target)", &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return [] }
        for spelling in target.vendorSpellings { try symlink(target.description, at: "\(root)/\(spelling)") }
        return target.vendorSpellings
    }

    /// A link `bin/SPELLING-TOOL -> TOOL` for a file named `bin/TRIPLE-TOOL` that no package
    /// owns (the pkg-config wrapper), unless the alias is already a link. Returns the links,
    /// relative to `root`.
    static func link(generated name: String, target: Triple, in root: String) throws -> [String] {
        let tool = name.dropFirst(target.description.count + 1)
        return try target.vendorSpellings.map { spelling in
            let alias = "bin/\(spelling)-\(tool)"
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/\(alias)")) == nil {
                try symlink(name, at: "\(root)/\(alias)")
            }
            return alias
        }
    }

    private static func symlink(_ destination: String, at path: String) throws {
        unlink(path)
        do { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination) } catch {
            throw PrefixError.stagingFailed(path: path, reason: TreeWork.reason(error))
        }
    }
}
