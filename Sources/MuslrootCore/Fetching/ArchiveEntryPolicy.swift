/// What may come out of a source archive, decided from the entry's name, type and link
/// target alone, before anything is written:
///
/// - names are relative and never contain `..`;
/// - every entry sits under one top-level directory, which is stripped;
/// - a symlink's target is relative, climbs (`../`) only at its start and never above the
///   destination; with entries never written through a symlink (see `DirectoryWriter`),
///   this keeps every link inside;
/// - a hardlink names another entry of the archive;
/// - device nodes, FIFOs and sockets are refused: a source tree has no use for them.
///
/// Entries under an excluded path (below the top) are skipped once their name and type have
/// been checked (nothing of them is written, so their link targets do not matter); a hardlink
/// that is written but points at a skipped entry is refused, since it would have nothing to
/// link to. A symlink pointing into a skipped path is written, and dangles.
struct ArchiveEntryPolicy {
    enum Refusal: Error, Equatable {
        /// The entry could write outside the destination, or is of a refused type.
        case unsafe(String)
        /// The archive has more than one top-level entry (or none that is a directory).
        case topLevel([String])
    }

    enum Kind: Equatable {
        case directory, file, symlink, hardlink, device, fifo, socket, unknown

        init(mode: UInt32) {
            switch mode & 0o170000 {
            case 0o040000: self = .directory
            case 0o100000: self = .file
            case 0o120000: self = .symlink
            case 0o020000, 0o060000: self = .device
            case 0o010000: self = .fifo
            case 0o140000: self = .socket
            default: self = .unknown
            }
        }
    }

    /// The top-level directory, once the first entry named it.
    private(set) var top: String?

    /// Paths below the top, as components, left out with everything under them.
    let excluded: [[String]]
    /// Which of them some entry was at or under.
    private var matched: Set<Int> = []

    init(excluding excluded: [String] = []) {
        self.excluded = excluded.map { $0.split(separator: "/").map(String.init) }.filter { !$0.isEmpty }
    }

    /// Whether `path` (below the top) is an excluded path or lies under one.
    mutating func isExcluded(_ path: [String]) -> Bool {
        guard let index = excluded.firstIndex(where: { path.starts(with: $0) }) else { return false }
        matched.insert(index)
        return true
    }

    /// The excluded paths no entry was at or under, once every entry was seen.
    var unmatchedExclusions: [String] {
        excluded.indices.filter { !matched.contains($0) }.map { excluded[$0].joined(separator: "/") }
    }

    /// The path below the top-level directory, as components ([] for the top itself).
    mutating func destination(of name: String, kind: Kind) throws(Refusal) -> [String] {
        switch kind {
        case .device: throw .unsafe("device nodes are not extracted")
        case .fifo: throw .unsafe("FIFOs are not extracted")
        case .socket: throw .unsafe("sockets are not extracted")
        case .unknown: throw .unsafe("entries of an unknown type are not extracted")
        default: break
        }
        let components = try Self.components(of: name)
        let stripped = try strip(components, name: name)
        if stripped.isEmpty, kind != .directory { throw .topLevel([name]) }
        return stripped
    }

    /// A hardlink's target, an entry of this archive, below the top-level directory.
    mutating func hardlinkTarget(_ target: String) throws(Refusal) -> [String] {
        let stripped = try strip(try Self.components(of: target), name: target)
        if stripped.isEmpty { throw .unsafe("hardlink to the top-level directory '\(target)'") }
        if isExcluded(stripped) {
            throw .unsafe("hardlink to '\(target)', which the recipe's exclude leaves out: exclude the link too, or neither")
        }
        return stripped
    }

    /// Refuses a symlink at `link` (below the top) whose `target` could lead outside.
    /// `absolute`: a symlink to an absolute path is allowed (a binary cache's artifact of the
    /// host flavour links the host's binutils, which its key covers); since nothing is ever
    /// written through a symlink (`DirectoryWriter`), it cannot lead a write outside.
    static func checkSymlink(target: String, at link: [String], allowingAbsolute absolute: Bool = false) throws(Refusal) {
        if target.isEmpty { throw .unsafe("symlink with an empty target") }
        if target.hasPrefix("/") {
            if absolute { return }
            throw .unsafe("symlink to the absolute path '\(target)'")
        }
        var climbs = 0
        var descended = false
        for component in target.split(separator: "/") where component != "." {
            if component == ".." {
                if descended { throw .unsafe("symlink target '\(target)' climbs (..) after descending") }
                climbs += 1
            } else {
                descended = true
            }
        }
        if climbs > link.count - 1 { throw .unsafe("symlink to '\(target)' points outside the destination") }
    }

    /// `name` split on "/", without empty and "." components; refuses absolute names and "..".
    static func components(of name: String) throws(Refusal) -> [String] {
        if name.hasPrefix("/") { throw .unsafe("absolute path") }
        var result: [String] = []
        for component in name.split(separator: "/") where component != "." {
            if component == ".." { throw .unsafe("path with '..'") }
            result.append(String(component))
        }
        if result.isEmpty, !name.isEmpty, name.allSatisfy({ $0 == "." || $0 == "/" }) { return [] }
        if result.isEmpty { throw .unsafe("empty name") }
        return result
    }

    private mutating func strip(_ components: [String], name: String) throws(Refusal) -> [String] {
        guard let first = components.first else { return [] }
        if let top, top != first { throw .topLevel([top, first]) }
        top = first
        return Array(components.dropFirst())
    }
}
