/// One package, as declared by a file in `recipes/` (plus any overlays on top of it).
public struct Recipe: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Part of the cross toolchain itself (binutils, gcc, musl, ...): built by `bootstrap`.
        case toolchain
        /// A static library for the sysroot.
        case library
    }

    public var name: String
    public var version: String
    public var summary: String
    public var homepage: String
    public var license: String
    public var kind: Kind
    /// Optional recipes are shipped but never pulled in by `--all` style defaults.
    public var optional: Bool
    public var sources: [Source]
    /// Patch files, absolute paths, in the order they are applied.
    public var patches: [String]
    /// Recipes whose every phase must finish before any phase of this one starts.
    public var dependencies: [String]
    /// Values a command can use as `${name}`: a string, or a list spliced into argv.
    public var variables: [String: VariableValue]
    /// `[target.T]`: variables for one target, over `variables` (OpenSSL's name for the
    /// target, gcc's options for it). `resolved(for:)` folds the target's into `variables`.
    public var targetVariables: [Triple: [String: VariableValue]] = [:]
    /// Environment for every phase of this recipe.
    public var environment: [String: String]
    public var phases: [Phase]
    /// Paths (relative to the staging root, variables allowed) that must exist after the last phase.
    public var installs: [String]
    /// The files this recipe was read from, base first, overlays after.
    public var files: [String]
    /// Targets the recipe cannot be built for, each with the reason (`[[unsupported]]`).
    public var unsupported: [UnsupportedTargets] = []

    /// The file to name in messages: the last layer that touched the recipe.
    public var file: String { files.last ?? "<unknown>" }

    /// Recipe and phase names become directory and file names (`WORK/logs/NAME/PHASE.log`)
    /// and are written `recipe:phase`: lowercase letters, digits, '+', '.', '_' or '-',
    /// starting with a letter or digit.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLowercaseLetterOrDigit(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLowercaseLetterOrDigit($0) || "+._-".unicodeScalars.contains($0) }
    }

    /// A version becomes a directory name (`patches/NAME/VERSION`): letters, digits, '+', '.',
    /// '_', '-' or '~', starting with a letter or digit.
    static func isValidVersion(_ version: String) -> Bool {
        guard let first = version.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || isDigit(first) else { return false }
        return version.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || isDigit($0) || "+._-~".unicodeScalars.contains($0)) }
    }

    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    private static func isLowercaseLetterOrDigit(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || isDigit(c) }
}

/// A tarball a recipe is built from.
public struct Source: Sendable, Equatable, Hashable {
    public var name: String
    public var url: String
    /// Further URLs for the same bytes, tried after `url`.
    public var mirrors: [String]
    public var sha256: String
    /// The file name in the cache and in directory mirrors.
    public var file: String
    /// Where in the recipe's source tree it is unpacked ("" for the top of it).
    public var destination: String
    /// Paths inside the archive (below its top-level directory) that are not unpacked, each
    /// with everything under it: parts of a tarball the build never reads, such as gcc's
    /// testsuite.
    public var exclude: [String] = []

    public var urls: [String] { [url] + mirrors }

    /// Whether `path` can name something below an archive's top-level directory: relative,
    /// not empty, without "." or "..", without control characters.
    public static func isExcludablePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return !path.hasPrefix("/") && !parts.isEmpty && !parts.contains { $0 == ".." || $0 == "." }
            && !Recipe.hasControlCharacter(path)
    }
}

/// A named step of a recipe's build: a list of commands run one after the other.
public struct Phase: Sendable, Equatable {
    public var name: String
    /// Phases of other recipes (or of this one) that must finish first.
    public var after: [PhaseReference]
    /// Each command is an argv array; `${variables}` are expanded before it runs.
    public var commands: [[String]]
    /// Working directory (default `${build}`).
    public var directory: String?
    public var environment: [String: String]
}

/// `recipe:phase`, or just `recipe` for the recipe's last phase.
public struct PhaseReference: Sendable, Hashable, CustomStringConvertible {
    public var recipe: String
    public var phase: String?

    public init(recipe: String, phase: String?) {
        self.recipe = recipe
        self.phase = phase
    }

    public init(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            recipe = String(text[..<colon])
            let rest = String(text[text.index(after: colon)...])
            phase = rest.isEmpty ? nil : rest
        } else {
            recipe = text
            phase = nil
        }
    }

    public var description: String { phase.map { "\(recipe):\($0)" } ?? recipe }
}

public enum VariableValue: Sendable, Equatable {
    case string(String)
    case list([String])
}
