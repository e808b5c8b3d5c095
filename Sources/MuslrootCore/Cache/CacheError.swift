/// What can go wrong with the binary cache. Exit code 1. A cache problem during `bootstrap`
/// or `add` is reported and the package is built from source instead, unless `--cache-only`.
/// Every refusal of a remote artifact names the cache's URL and the artifact's key.
public enum CacheError: Error, Sendable, Equatable {
    /// The local store could not be written or read at `path`.
    case store(path: String, message: String)
    /// An entry of the store whose archive does not match its descriptor (damaged on disk).
    case damaged(key: String, path: String, reason: String)
    /// `--cache-only` and a package no cache holds.
    case missing(package: String, key: String, caches: [String])
    /// A `--cache` value that is not a directory, `file://`, `http(s)://` or `oci://` location.
    case location(text: String, reason: String)
    /// A key file (`--sign-key`, `--trust`, `cache keygen --output`) that cannot be used.
    case keyFile(path: String, reason: String)
    /// A remote artifact without a signature.
    case unsigned(url: String, key: String)
    /// A signature that does not verify (`signer`: the key's id, when it could be read).
    case badSignature(url: String, key: String, signer: String?)
    /// A good signature by a key not among `--trust`.
    case untrusted(url: String, key: String, signer: String, trusted: [String])
    /// A remote entry asked for as `key` whose signed descriptor is another artifact's
    /// (a manifest re-tagged, a directory renamed).
    case wrongArtifact(url: String, key: String, holds: String)
    /// Bytes that are not what was signed or named: `what` says which (the archive's sha256,
    /// its size, a registry blob's digest).
    case mismatch(url: String, key: String, what: String, expected: String, actual: String)
    /// A remote that could not be read or written (transport error, HTTP status).
    case remote(url: String, message: String)
    /// `cache push`/`export` of a package whose artifact the local store does not hold.
    case notStored(package: String, key: String, store: String)
}

extension CacheError: ExitStatusProviding {
    public var exitStatus: ExitStatus {
        switch self {
        case .location: .usage
        default: .failure
        }
    }
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
        case let .location(text, reason):
            return "--cache '\(text)': \(reason); give a directory, file:///DIR, https://HOST/PATH or oci://HOST[:PORT]/REPOSITORY"
        case let .keyFile(path, reason):
            return "key file \(path): \(reason) (make a key pair with `muslroot cache keygen --output FILE`)"
        case let .unsigned(url, key):
            return "\(url): artifact \(key) is not signed, so it was refused; publish with `muslroot cache push` or `cache export --sign-key FILE`"
        case let .badSignature(url, key, signer):
            let by = signer.map { " by key \($0)" } ?? ""
            return "\(url): artifact \(key) has a signature\(by) that does not verify (altered or damaged), so it was refused"
        case let .untrusted(url, key, signer, trusted):
            let list = trusted.isEmpty ? "no key is trusted" : "trusted: \(trusted.joined(separator: ", "))"
            return "\(url): artifact \(key) is signed by key \(signer), which is not trusted (\(list)), so it was refused; "
                + "add its public key with --trust FILE.pub or MUSLROOT_TRUSTED_KEYS if you trust its publisher"
        case let .wrongArtifact(url, key, holds):
            return "\(url): the entry asked for as \(key) holds the signed artifact \(holds) (re-tagged or renamed), so it was refused"
        case let .mismatch(url, key, what, expected, actual):
            return "\(url): artifact \(key): \(what) is \(actual), not the \(expected) that was signed or named, so it was refused"
        case let .remote(url, message):
            // A transport error names the URL already.
            return message.hasPrefix(url) ? message : "\(url): \(message)"
        case let .notStored(package, key, store):
            return "\(package) (key \(key)) is not in the local store \(store), so it cannot be published; "
                + "it was built with --no-cache or the store was trimmed: run the same bootstrap or add again without --no-cache"
        }
    }
}
