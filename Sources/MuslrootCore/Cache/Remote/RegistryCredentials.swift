import Foundation

/// The user name and password (or token) for a registry: `MUSLROOT_REGISTRY_AUTH=USER:PASSWORD`,
/// or the registry's entry of `auths` in Docker's `config.json` (`$DOCKER_CONFIG/config.json`,
/// else `~/.docker/config.json`), as `docker login` writes it. Credential helpers
/// (`credsStore`) are not run. Nothing found: anonymous, which public repositories allow
/// for pulling.
struct RegistryCredentials: Sendable, Equatable {
    var user: String
    var password: String

    /// `USER:PASSWORD` in base64, for `Authorization: Basic`.
    var basic: String { Data("\(user):\(password)".utf8).base64EncodedString() }

    static func lookup(registry: String, environment: [String: String]) -> RegistryCredentials? {
        if let value = environment["MUSLROOT_REGISTRY_AUTH"], let pair = split(value) { return pair }
        let directory = environment["DOCKER_CONFIG"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.docker"
        guard let data = FileManager.default.contents(atPath: "\(directory)/config.json"),
              let config = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let auths = config["auths"] as? [String: Any] else { return nil }
        for name in [registry, "https://\(registry)", "http://\(registry)", "https://\(registry)/v2/", "https://\(registry)/v1/"] {
            guard let entry = auths[name] as? [String: Any] else { continue }
            if let auth = entry["auth"] as? String, let decoded = Data(base64Encoded: auth),
               let pair = split(String(decoding: decoded, as: UTF8.self)) { return pair }
            if let user = entry["username"] as? String, let password = entry["password"] as? String {
                return RegistryCredentials(user: user, password: password)
            }
            if let token = entry["identitytoken"] as? String { return RegistryCredentials(user: "<token>", password: token) }
        }
        return nil
    }

    private static func split(_ value: String) -> RegistryCredentials? {
        guard let colon = value.firstIndex(of: ":") else { return nil }
        return RegistryCredentials(user: String(value[..<colon]), password: String(value[value.index(after: colon)...]))
    }
}
