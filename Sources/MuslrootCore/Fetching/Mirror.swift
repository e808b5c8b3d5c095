import Foundation

/// A place the user says holds source tarballs, tried before a recipe's own URLs.
public enum Mirror: Sendable, Equatable, CustomStringConvertible {
    /// A URL prefix: the file name is appended (`https://example.org/sources/` + `gcc-14.2.0.tar.xz`).
    case url(String)
    /// A local directory, looked up by file name (and by `SHA256/FILE`, so that a muslroot
    /// cache directory can serve as a mirror for another machine).
    case directory(String)

    public static let environmentVariable = "MUSLROOT_MIRRORS"

    /// `text` is a URL when it has a scheme, a directory otherwise (relative to
    /// `workingDirectory`, the command's); a directory must exist.
    public init(parsing text: String, relativeTo workingDirectory: String) throws(FetchError) {
        if text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil {
            self = .url(text)
            return
        }
        let path = FileTree.absolute(text, relativeTo: workingDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .badMirror(text)
        }
        self = .directory(path)
    }

    /// The command line's mirrors first, then those of MUSLROOT_MIRRORS (separated by
    /// whitespace or commas); relative directories are taken from `workingDirectory`.
    public static func list(arguments: [String], environment: [String: String], workingDirectory: String) throws(FetchError) -> [Mirror] {
        let fromEnvironment = (environment[environmentVariable] ?? "")
            .split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        var mirrors: [Mirror] = []
        for text in arguments + fromEnvironment {
            let mirror = try Mirror(parsing: text, relativeTo: workingDirectory)
            if !mirrors.contains(mirror) { mirrors.append(mirror) }
        }
        return mirrors
    }

    /// Where this mirror would hold `source`.
    public func url(for source: Source) -> String {
        switch self {
        case .url(let base):
            return (base.hasSuffix("/") ? base : base + "/") + Self.escape(source.file)
        case .directory(let path):
            let flat = "\(path)/\(source.file)"
            let hashed = "\(path)/\(source.sha256)/\(source.file)"
            let found = FileManager.default.fileExists(atPath: flat) || !FileManager.default.fileExists(atPath: hashed)
            return Self.fileURL(found ? flat : hashed)
        }
    }

    public var description: String {
        switch self {
        case .url(let url): url
        case .directory(let path): path
        }
    }

    /// `file://` plus the path, each byte outside the unreserved set percent-encoded.
    static func fileURL(_ path: String) -> String {
        "file://" + path.split(separator: "/", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "/")
    }

    static func escape(_ component: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return component.addingPercentEncoding(withAllowedCharacters: unreserved) ?? component
    }
}
