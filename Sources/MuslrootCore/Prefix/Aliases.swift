#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The spelling Rust and autotools' `--host` use (`x86_64-unknown-linux-musl`) beside the
/// prefix's own (`x86_64-linux-musl`): a link for every tool, and one for the sysroot.
enum Aliases {
    /// A link `bin/VENDOR-TRIPLE-X -> TRIPLE-X` for each of `tools` (`bin/TRIPLE-X`, relative to
    /// `root`). Returns the links made, relative to `root`.
    static func link(tools: [String], target: Triple, in root: String) throws -> [String] {
        let prefix = "bin/\(target)-"
        var made: [String] = []
        for tool in tools.sorted() where tool.hasPrefix(prefix) && !tool.dropFirst(prefix.count).contains("/") {
            let name = String(tool.dropFirst("bin/".count))
            let alias = "bin/\(target.withVendor)-\(tool.dropFirst(prefix.count))"
            try symlink(name, at: "\(root)/\(alias)")
            made.append(alias)
        }
        return made
    }

    /// The sysroot's link `VENDOR-TRIPLE -> TRIPLE`, when the stage has a sysroot. Returns it,
    /// relative to `root`, or nothing.
    static func linkSysroot(target: Triple, in root: String) throws -> [String] {
        var info = stat()
        guard stat("\(root)/\(target)", &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return [] }
        try symlink(target.description, at: "\(root)/\(target.withVendor)")
        return [target.withVendor]
    }

    private static func symlink(_ destination: String, at path: String) throws {
        unlink(path)
        do { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination) } catch {
            throw PrefixError.stagingFailed(path: path, reason: TreeWork.reason(error))
        }
    }
}
