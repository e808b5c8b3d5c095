import Foundation

extension Workspace {
    /// The work directory of a build into `prefix`: `workDirectory` (`--work-dir`) if given,
    /// else the hidden sibling of the prefix, or, when the prefix's path holds what configure
    /// scripts and make cannot take (a space, a quote, a `$`), a directory under the cache
    /// (`$XDG_CACHE_HOME/muslroot/work`, else `~/.cache/muslroot/work`). The stage is always
    /// beside the prefix. A work directory that would itself hold such a character is
    /// `BuildError.unusableWorkPath`, before any work.
    public static func choose(prefix: String, workDirectory: String?, environment: [String: String]) throws(BuildError) -> Workspace {
        if let workDirectory {
            let root = FileTree.normalized(workDirectory)
            if let character = unsafeCharacter(in: root) {
                throw .unusableWorkPath(path: root, character: String(character), prefix: nil)
            }
            return Workspace(root: root, stage: stage(for: prefix))
        }
        let standard = standard(for: prefix)
        guard let character = unsafeCharacter(in: standard.root) else { return standard }
        let root = "\(cacheDirectory(environment: environment))/\(name(for: prefix))"
        if let own = unsafeCharacter(in: root) {
            throw .unusableWorkPath(path: root, character: String(own), prefix: (prefix, String(character)))
        }
        return Workspace(root: root, stage: stage(for: prefix))
    }

    /// The first character of `path` that a configure script or a Makefile may split,
    /// expand or take for syntax when it runs in (or installs into) that directory: anything
    /// but ASCII letters and digits, `/ . _ - + , @ % = ~` and non-ASCII letters.
    public static func unsafeCharacter(in path: String) -> Character? {
        path.first { character in
            guard character.isASCII else { return !character.isLetter && !character.isNumber }
            return !(character.isLetter || character.isNumber || "/._-+,@%=~".contains(character))
        }
    }

    /// Where the work directories of prefixes with such paths go.
    static func cacheDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/muslroot/work" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.cache/muslroot/work"
    }

    /// The prefix's name with the unsafe characters replaced, and a hash of its whole path,
    /// so that two prefixes never share a work directory: `a b` -> `a_b-1f0c...`.
    static func name(for prefix: String) -> String {
        let name = String(URL(fileURLWithPath: prefix).lastPathComponent.map { unsafeCharacter(in: String($0)) == nil ? $0 : "_" })
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, 64 bits: stable across runs, unlike Hasher
        for byte in prefix.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\(name)-\(String(hash, radix: 16))"
    }
}
