#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Puts a finished, smoke-tested stage in place of the prefix with renames only, so the
/// prefix is either the old one or the new one, never a mixture.
enum Installer {
    static func install(stage: String, into prefix: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: prefix, isDirectory: &isDirectory) {
            let contents = (try? fm.contentsOfDirectory(atPath: prefix)) ?? []
            if !isDirectory.boolValue || (!contents.isEmpty && Manifest.load(prefix: prefix) == nil) {
                throw PrefixError.notOurs(prefix: prefix)
            }
            let old = "\(prefix).muslroot-old-\(getpid())"
            try rename(prefix, to: old)
            do {
                try rename(stage, to: prefix)
            } catch {
                try? rename(old, to: prefix)
                throw error
            }
            try? fm.removeItem(atPath: old)
        } else {
            try fm.createDirectory(atPath: URL(fileURLWithPath: prefix).deletingLastPathComponent().path,
                                   withIntermediateDirectories: true)
            try rename(stage, to: prefix)
        }
    }

    /// A prefix that exists, is not empty and has no manifest is someone else's.
    static func checkUsable(prefix: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: prefix) else { return }
        let contents = (try? fm.contentsOfDirectory(atPath: prefix)) ?? []
        if !contents.isEmpty && Manifest.load(prefix: prefix) == nil { throw PrefixError.notOurs(prefix: prefix) }
    }

    private static func rename(_ from: String, to: String) throws {
        if Glibc.rename(from, to) != 0 {
            let reason = String(cString: strerror(errno))
            throw PrefixError.installFailed(path: to, reason: "rename from \(from): \(reason)"
                + (errno == EXDEV ? " (use a --work-dir on the same file system as the prefix)" : ""))
        }
    }
}
