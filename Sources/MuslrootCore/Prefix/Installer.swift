#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Foundation

/// Puts a finished, smoke-tested stage in place of the prefix atomically: a new prefix by
/// rename, an existing one by exchanging the two directories in one system call, so that the
/// prefix is at every moment either the old toolchain or the new one. The tree work runs off
/// the cooperative pool (`TreeWork`).
enum Installer {
    static func install(stage: String, into prefix: String) async throws {
        try await TreeWork.run("install") { try installNow(stage: stage, into: prefix) }
    }

    /// Checks, before anything is built, that the prefix can be replaced: it is new, or an
    /// empty directory, or a prefix muslroot installed that holds no file its manifest does
    /// not list (a file someone put there would be lost); and its parent is writable.
    static func checkUsable(prefix: String) async throws {
        try await TreeWork.run("prefix check") { try checkUsableNow(prefix: prefix) }
    }

    private static func installNow(stage: String, into prefix: String) throws {
        let fm = FileManager.default
        try checkUsableNow(prefix: prefix)
        if fm.fileExists(atPath: prefix) {
            if clinux_exchange(stage, prefix) != 0 {
                throw PrefixError.installFailed(path: prefix, reason: "exchanging it with \(stage): \(String(cString: strerror(errno)))")
            }
            FileTree.remove(stage)  // now the old prefix
        } else {
            let parent = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
            do {
                try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw PrefixError.installFailed(path: prefix, reason: "cannot create \(parent): \(TreeWork.reason(error))")
            }
            if rename(stage, prefix) != 0 {
                let reason = String(cString: strerror(errno))
                throw PrefixError.installFailed(path: prefix, reason: "rename from \(stage): \(reason)"
                    + (errno == EXDEV ? " (give a --work-dir on the same file system as the prefix)" : ""))
            }
        }
    }

    private static func checkUsableNow(prefix: String) throws {
        let fm = FileManager.default
        let parent = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: prefix, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PrefixError.notOurs(prefix: prefix, detail: "it is a file, not a directory") }
            let contents = (try? fm.contentsOfDirectory(atPath: prefix)) ?? []
            if !contents.isEmpty {
                guard let manifest = Manifest.load(prefix: prefix) else {
                    throw PrefixError.notOurs(prefix: prefix, detail: "it is not empty and has no .muslroot/manifest.json")
                }
                if let stranger = strangers(in: prefix, known: PrefixTargets.load(prefix: prefix).files).first {
                    throw PrefixError.notOurs(prefix: prefix, detail: "\(stranger) is not in its manifest and would be lost; move it out first")
                }
            }
        } else if !fm.fileExists(atPath: parent, isDirectory: &isDirectory) {
            try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } else if !isDirectory.boolValue {
            throw PrefixError.notOurs(prefix: prefix, detail: "\(parent) is a file, not a directory")
        }
        guard access(parent, W_OK) == 0 else {
            throw PrefixError.notWritable(path: parent)
        }
    }

    /// Files in the prefix that no package of the manifest installed.
    static func strangers(in prefix: String, manifest: Manifest) -> [String] {
        strangers(in: prefix, known: Set(manifest.ownedFiles))
    }

    /// Files in the prefix that are not in `known` (every target's files, `PrefixTargets.files`).
    static func strangers(in prefix: String, known: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: prefix) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative == ".muslroot" { enumerator.skipDescendants(); continue }
            var info = stat()
            guard lstat("\(prefix)/\(relative)", &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            if !known.contains(relative) { result.append(relative) }
        }
        return result.sorted()
    }
}
