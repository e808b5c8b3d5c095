/// Why `muslroot check` could not read a file as an ELF binary. Exit code 2.
public enum CheckError: Error, Sendable, Equatable {
    /// The file could not be opened or read (missing, a directory, no permission).
    case unreadable(file: String, reason: String)
    /// The file has no bytes at all.
    case empty(file: String)
    /// The file does not start with the ELF magic; `found` says what it looks like instead.
    case notELF(file: String, found: String)
    /// A header, table or segment ends past the end of the file.
    case truncated(file: String, what: String)
    /// A value in the file is impossible: a bad class, an unterminated string, an offset that overflows.
    case malformed(file: String, what: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .unreadable(file, _), let .empty(file), let .notELF(file, _),
             let .truncated(file, _), let .malformed(file, _):
            file
        }
    }

    /// What is wrong, without the file name.
    public var problem: String {
        switch self {
        case let .unreadable(_, reason): reason
        case .empty: "empty file, not an ELF binary"
        case let .notELF(_, found): "not an ELF file (\(found))"
        case let .truncated(_, what): "truncated ELF file: \(what)"
        case let .malformed(_, what): "malformed ELF file: \(what)"
        }
    }
}

extension CheckError: CustomStringConvertible {
    public var description: String { "\(file): \(problem)" }
}

extension CheckError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .usage }
}
