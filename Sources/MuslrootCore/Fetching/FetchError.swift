/// Everything that can go wrong while getting a source tarball into the cache. Exit code 1,
/// but 2 for a bad `--mirror` (bad usage: nothing was attempted).
public indirect enum FetchError: Error, Sendable, Equatable {
    /// The server answered with an HTTP error status (404, 500, ...).
    case httpStatus(url: String, status: Int)
    /// curl could not complete the transfer (no route, reset, timeout, TLS, ...).
    case transfer(url: String, code: Int, message: String)
    /// Each try of one URL failed (transient failures are tried again); every try's error,
    /// in order, since the last one alone may hide the cause (a stall, then a failed resume).
    case tries(url: String, errors: [FetchError])
    /// The bytes arrived but are not the ones the recipe pins; they were kept at `keptAt`,
    /// outside the cache.
    case hashMismatch(url: String, expected: String, actual: String, keptAt: String)
    /// Every URL for a source was tried (mirrors first) and none gave the right bytes.
    case unavailable(source: String, file: String, sha256: String, attempts: [Attempt])
    /// A `--mirror` (or MUSLROOT_MIRRORS) entry is neither a URL nor an existing directory.
    case badMirror(String)
    /// A file in a directory mirror (or at a file:// URL) is not a regular file (a FIFO, a
    /// device such as /dev/zero): it is not read, so it cannot block or fill the disk.
    case notARegularFile(path: String, kind: String)
    /// A file in a directory mirror (or at a file:// URL) could not be read.
    case unreadableFile(path: String, message: String)
    /// The cache (or its partial/rejected folders beside it) could not be written.
    case cache(path: String, message: String)
    /// More than one source failed; each is reported.
    case several([FetchError])
    /// The fetch was cancelled (Ctrl-C); partial downloads are kept and resumed next time.
    case cancelled

    /// One URL tried for a source, and why it did not do.
    public struct Attempt: Sendable, Equatable {
        public var url: String
        public var failure: FetchError

        public init(url: String, failure: FetchError) {
            self.url = url
            self.failure = failure
        }
    }
}

extension FetchError: ExitStatusProviding {
    public var exitStatus: ExitStatus {
        if case .badMirror = self { return .usage }
        return .failure
    }
}

extension FetchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .httpStatus(url, _), let .transfer(url, _, _):
            return "\(url): \(reason)"
        case let .tries(url, errors):
            return "\(url): each of \(errors.count) tries failed:\n"
                + errors.enumerated().map { "  try \($0.offset + 1): \($0.element.reason)" }.joined(separator: "\n")
        case let .hashMismatch(url, expected, actual, keptAt):
            return "\(url): sha256 mismatch\n    expected \(expected)\n    actual   \(actual)\n"
                + "    the file is kept for inspection at \(keptAt) (not in the cache)"
        case let .unavailable(source, file, sha256, attempts):
            var lines = ["could not fetch \(file) (source '\(source)', sha256 \(sha256)):"]
            lines += attempts.map { "  \($0.failure.description.replacingOccurrences(of: "\n", with: "\n  "))" }
            if attempts.isEmpty { lines.append("  no URL to try") }
            if attempts.contains(where: { if case .hashMismatch = $0.failure { true } else { false } }) {
                lines.append("If the recipe's sha256 is out of date, fix it in the recipe; if a mirror is corrupt, fix or drop that mirror.")
            } else {
                lines.append("To fetch it by other means: put \(file) in a directory DIR and run 'muslroot fetch --mirror DIR ...'.")
            }
            return lines.joined(separator: "\n")
        case let .badMirror(text):
            return "bad mirror '\(text)' (--mirror or \(Mirror.environmentVariable)): it is neither a URL (https://, http://, ftp://, file://) "
                + "nor an existing directory; give a URL prefix or the path of a directory that holds the tarballs"
        case let .notARegularFile(path, kind):
            return "\(path) is \(kind), not a regular file, so it was not read; a mirror directory must hold the tarballs themselves: "
                + "replace it with the file or remove it"
        case let .unreadableFile(path, message):
            return "\(path): cannot read it: \(message)"
        case let .cache(path, message):
            return "\(path): \(message) (the cache's place is set with --cache-dir)"
        case let .several(errors):
            return "\(errors.count) sources could not be fetched:\n" + errors.map(\.description).joined(separator: "\n")
        case .cancelled:
            return "fetch cancelled; run the same command again to resume"
        }
    }

    /// The description without the URL, for one of several tries of the same URL.
    var reason: String {
        switch self {
        case let .httpStatus(_, status): "HTTP \(status)"
        case let .transfer(_, code, message): "\(message) (curl error \(code))"
        default: description
        }
    }
}
