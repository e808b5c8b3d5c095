import Foundation

/// The local binary cache: one directory per artifact, named by its key,
///
///     STORE/KEY/artifact.tar.zst     the package's files under `artifact/`
///     STORE/KEY/descriptor.json      `ArtifactDescriptor`
///
/// An entry is written whole in `STORE/.incoming/KEY.PID-RANDOM/` (the archive flushed to disk
/// first, the descriptor last) and renamed into place in one system call, so an entry is
/// there complete or not at all: a process killed mid-write leaves only its `.incoming`
/// directory, swept by the next writer once that process is gone. Two processes storing
/// the same key race on the rename; the loser's copy is thrown away (the bytes are the same
/// key's). An entry goes by being renamed into `STORE/.trash/` first, so a reader never sees
/// half of one. docs/cache.md says why this is safe.
public struct ArtifactStore: Sendable {
    public let directory: String

    /// The origin of an artifact built on this machine.
    public static let builtHere = "built here"

    public init(directory: String) {
        self.directory = FileTree.normalized(directory)
    }

    /// `DIR/artifacts` for `--cache-dir DIR`; else `$XDG_CACHE_HOME/muslroot/artifacts` (or
    /// `~/.cache/muslroot/artifacts`), beside the sources' default place.
    public static func directory(cacheDirectory: String?, environment: [String: String]) -> String {
        if let cacheDirectory { return "\(cacheDirectory)/artifacts" }
        let sources = SourceCache.defaultDirectory(environment: environment)
        return "\((sources as NSString).deletingLastPathComponent)/artifacts"
    }

    func entry(_ key: String) -> String { "\(directory)/\(key)" }
    func archive(_ key: String) -> String { "\(entry(key))/artifact.tar.zst" }
    func descriptorPath(_ key: String) -> String { "\(entry(key))/descriptor.json" }
    var incoming: String { "\(directory)/.incoming" }
    var trash: String { "\(directory)/.trash" }

    /// The entry for `key`, if the store holds a whole one.
    public func lookup(_ key: String) -> ArtifactDescriptor? {
        guard Self.isKey(key), let data = FileManager.default.contents(atPath: descriptorPath(key)),
              let descriptor = ArtifactDescriptor.decode(data), descriptor.key == key else { return nil }
        var info = stat()
        guard lstat(archive(key), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) == descriptor.size else { return nil }
        return descriptor
    }

    /// Every whole entry, newest first.
    public func list() -> [ArtifactDescriptor] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter(Self.isKey).compactMap(lookup).sorted { ($0.created, $0.key) > ($1.created, $1.key) }
    }

    /// Stores `packages` (their files, in install order) as the artifact `key`. Returns the
    /// entry's descriptor: this one, or the one another process stored first. Blocking.
    public func store(_ packages: [BuiltPackage], key: String, package: String, version: String, target: String,
                      origin: String = builtHere) throws(CacheError) -> ArtifactDescriptor {
        let scratch = try prepareScratch(for: key)
        let archivePath = "\(scratch)/artifact.tar.zst"
        do {
            try ArchiveReader.write(packages.map { ArchiveReader.Tree(root: $0.tree, files: $0.files) }, top: "artifact", to: archivePath)
        } catch {
            FileTree.remove(scratch)
            throw .store(path: archivePath, message: error.description)
        }
        var info = stat()
        guard lstat(archivePath, &info) == 0, let digest = FileDigest.sha256(ofFile: archivePath) else {
            let failure = SystemFailure(archivePath)
            FileTree.remove(scratch)
            throw .store(path: archivePath, message: failure.text)
        }
        let descriptor = ArtifactDescriptor(
            format: ArtifactDescriptor.currentFormat, key: key, package: package, version: version, target: target,
            size: Int64(info.st_size), digest: digest, origin: origin, created: ISO8601DateFormatter().string(from: Date()),
            packages: packages.map(\.entry))
        return try admit(scratch, descriptor: descriptor)
    }

    /// Admits an archive already in a scratch directory (`prepareScratch`) as `descriptor`'s
    /// entry: the descriptor written and flushed, then the directory renamed into place.
    func admit(_ scratch: String, descriptor: ArtifactDescriptor) throws(CacheError) -> ArtifactDescriptor {
        let path = "\(scratch)/descriptor.json"
        do {
            try descriptor.encoded().write(to: URL(fileURLWithPath: path))
        } catch {
            FileTree.remove(scratch)
            throw .store(path: path, message: TreeWork.reason(error))
        }
        Self.flush(path)
        Self.flush(scratch)
        if rename(scratch, entry(descriptor.key)) != 0 {
            let code = errno
            FileTree.remove(scratch)
            if (code == EEXIST || code == ENOTEMPTY), let existing = lookup(descriptor.key) { return existing }
            throw .store(path: entry(descriptor.key), message: SystemFailure(entry(descriptor.key), code: code).text)
        }
        Self.flush(directory)
        return descriptor
    }

    /// A new, empty scratch directory for writing `key`'s entry; sweeps those of dead processes.
    func prepareScratch(for key: String) throws(CacheError) -> String {
        do {
            try SystemFailure.makeDirectories(incoming)
        } catch {
            throw .store(path: incoming, message: "cannot create the directory: \(error.text)")
        }
        sweepIncoming()
        let scratch = "\(incoming)/\(key).\(getpid())-\(UInt32.random(in: 0 ... .max))"
        guard mkdir(scratch, 0o755) == 0 else { throw .store(path: scratch, message: SystemFailure(scratch).text) }
        return scratch
    }

    /// Unpacks the entry `descriptor` into `destination` (which must not exist, or be empty),
    /// after checking the archive's digest against the descriptor. Returns its packages,
    /// laid out in `destination`. A damaged entry is set aside. Blocking.
    public func unpack(_ descriptor: ArtifactDescriptor, into destination: String) throws -> [BuiltPackage] {
        let archivePath = archive(descriptor.key)
        guard let digest = FileDigest.sha256(ofFile: archivePath), digest == descriptor.digest else {
            remove(descriptor.key)
            throw CacheError.damaged(key: descriptor.key, path: archivePath, reason: "its sha256 is not the descriptor's \(descriptor.digest)")
        }
        FileTree.remove(destination)
        // The host flavour's toolchain links the host's binutils by absolute path (its key covers
        // them). The archive's times are one fixed time (reproducibility); the files get the
        // install's, as a build's files do, so that make in users' projects sees a new header.
        try Extractor.extractBlocking(archivePath, into: destination, absoluteLinks: true, keepingTimes: false)
        return descriptor.packages.map { BuiltPackage(entry: $0, tree: destination) }
    }

    /// Removes the entry `key`: renamed out of the way first, so no reader sees half of it.
    public func remove(_ key: String) {
        guard Self.isKey(key) else { return }
        try? SystemFailure.makeDirectories(trash)
        let aside = "\(trash)/\(key).\(getpid())-\(UInt32.random(in: 0 ... .max))"
        if rename(entry(key), aside) == 0 { FileTree.remove(aside) }
    }

    /// Removes scratch directories whose process is gone (killed mid-write), and the trash.
    private func sweepIncoming() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: incoming)) ?? [] {
            guard let dot = name.lastIndex(of: "."), let dash = name[dot...].firstIndex(of: "-"),
                  let pid = Int32(name[name.index(after: dot)..<dash]) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { FileTree.remove("\(incoming)/\(name)") }
        }
        FileTree.remove(trash)
    }

    /// A key: 64 lowercase hex digits (nothing else is ever a path under the store).
    static func isKey(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func flush(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
