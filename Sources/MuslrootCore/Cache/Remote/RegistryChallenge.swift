import Foundation

/// A registry's `WWW-Authenticate` answer to a request without (good) credentials: either
/// `Basic realm="..."`, or `Bearer realm="URL",service="...",scope="..."`, the token
/// authentication of the distribution spec (Docker Hub, GHCR, Harbor, GitLab, ...): a token
/// is asked of the realm for the service and scope, with the user's credentials if there are
/// any (anonymously otherwise), and the request sent again with `Authorization: Bearer TOKEN`.
struct RegistryChallenge: Sendable, Equatable {
    enum Scheme: Sendable, Equatable { case basic, bearer }

    var scheme: Scheme
    var parameters: [String: String]

    init?(header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        switch trimmed[..<space].lowercased() {
        case "basic": scheme = .basic
        case "bearer": scheme = .bearer
        default: return nil
        }
        parameters = Self.parameters(trimmed[trimmed.index(after: space)...])
    }

    /// `key="value", key=value, ...`; a quoted value may hold commas (a scope's actions).
    static func parameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\", let next = rest.first { value.append(next); rest = rest.dropFirst(); continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result[key] = value
        }
        return result
    }

    /// The realm's token URL for this challenge (`scope` as the registry asked, or the one given).
    func tokenURL(scope: String) -> String? {
        guard scheme == .bearer, let realm = parameters["realm"], var components = URLComponents(string: realm) else { return nil }
        var items = components.queryItems ?? []
        if let service = parameters["service"] { items.append(URLQueryItem(name: "service", value: service)) }
        items.append(URLQueryItem(name: "scope", value: parameters["scope"] ?? scope))
        components.queryItems = items
        return components.url?.absoluteString
    }
}
