import Foundation

/// `oci://HOST[:PORT]/REPOSITORY`: a repository of an OCI registry. The API is reached over
/// HTTPS, except on the loopback interface (127.0.0.1, ::1, localhost), where registries run
/// for tests and local mirrors without TLS, as Docker treats them.
public struct OCIReference: Sendable, Equatable, CustomStringConvertible {
    /// `HOST` or `HOST:PORT`, as credentials are filed under in `~/.docker/config.json`.
    public var registry: String
    public var repository: String

    public init(parsing text: String) throws(CacheError) {
        let rest = text.dropFirst("oci://".count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw .location(text: text, reason: "it names no repository (oci://HOST[:PORT]/REPOSITORY)")
        }
        registry = String(rest[..<slash])
        repository = String(rest[rest.index(after: slash)...]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let component = #"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$"#
        guard !registry.isEmpty, !registry.contains("@") else { throw .location(text: text, reason: "it names no registry host") }
        guard repository.range(of: component, options: .regularExpression) != nil else {
            throw .location(text: text, reason: "'\(repository)' is not a repository name (lowercase letters, digits, . _ - and /)")
        }
    }

    public var host: String {
        if registry.hasPrefix("[") { return String(registry[..<(registry.firstIndex(of: "]").map { registry.index(after: $0) } ?? registry.endIndex)]) }
        return String(registry.split(separator: ":").first ?? "")
    }

    public var isLoopback: Bool { ["127.0.0.1", "localhost", "[::1]"].contains(host) }

    /// `https://HOST[:PORT]/v2/REPOSITORY` (http on the loopback interface).
    public var apiBase: String { "\(isLoopback ? "http" : "https")://\(registry)/v2/\(repository)" }

    public var description: String { "oci://\(registry)/\(repository)" }
}
