import Foundation

/// Where a shared binary cache is (`--cache`, `MUSLROOT_CACHES`):
/// - a directory, as a path or `file:///DIR` (a network file system a team shares), laid out
///   as `cache export` writes it;
/// - `https://HOST/PATH` (or `http://`), the same layout served by any web server or bucket;
/// - `oci://HOST[:PORT]/REPOSITORY`, an OCI registry: one manifest per artifact, tagged by its key.
public enum CacheLocation: Sendable, Equatable, CustomStringConvertible {
    case directory(String)
    case http(String)
    case oci(OCIReference)

    /// `text` as given; a relative directory is taken from `workingDirectory`.
    public static func parse(_ text: String, workingDirectory: String) throws(CacheError) -> CacheLocation {
        let lower = text.lowercased()
        if lower.hasPrefix("oci://") { return .oci(try OCIReference(parsing: text)) }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            guard let url = URL(string: text), url.host != nil else { throw .location(text: text, reason: "it is not a URL") }
            return .http(text.hasSuffix("/") ? String(text.dropLast()) : text)
        }
        if lower.hasPrefix("file://") {
            guard let url = URL(string: text), url.host == nil || url.host == "" || url.host == "localhost" else {
                throw .location(text: text, reason: "a file:// URL names a local path (file:///DIR)")
            }
            return .directory(FileTree.normalized(url.path))
        }
        if let scheme = text.range(of: "://") {
            throw .location(text: text, reason: "'\(text[..<scheme.lowerBound])://' is not a kind of cache muslroot reads")
        }
        guard !text.isEmpty else { throw .location(text: text, reason: "it is empty") }
        return .directory(FileTree.normalized(text.hasPrefix("/") ? text : "\(workingDirectory)/\(text)"))
    }

    /// `MUSLROOT_CACHES` (or `MUSLROOT_TRUSTED_KEYS`): values separated by spaces or newlines.
    public static func list(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    public var description: String {
        switch self {
        case .directory(let path): path
        case .http(let url): url
        case .oci(let reference): reference.description
        }
    }
}
