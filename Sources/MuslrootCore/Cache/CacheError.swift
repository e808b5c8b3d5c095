/// What can go wrong with the binary cache. Exit code 1. A cache problem during `bootstrap`
/// or `add` is reported and the package is built from source instead, unless `--cache-only`.
public enum CacheError: Error, Sendable, Equatable {
    /// The local store could not be written or read at `path`.
    case store(path: String, message: String)
    /// An entry of the store whose archive does not match its descriptor (damaged on disk).
    case damaged(key: String, path: String, reason: String)
    /// `--cache-only` and a package no cache holds.
    case missing(package: String, key: String, caches: [String])
}

extension CacheError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .failure }
}

extension CacheError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .store(path, message):
            return "binary cache \(path): \(message) (the store's place is set with --cache-dir; --no-cache builds without it)"
        case let .damaged(key, path, reason):
            return "binary cache entry \(key) at \(path) is damaged (\(reason)); it was set aside and will be built or fetched again"
        case let .missing(package, key, caches):
            let places = caches.isEmpty ? "the local store" : "the local store or \(caches.joined(separator: ", "))"
            return "\(package) (key \(key)) is not in \(places), and --cache-only forbids building it; "
                + "run without --cache-only to build it from source"
        }
    }
}
