/// The languages `muslroot env` prints the build environment in.
public enum ShellSyntax: String, CaseIterable, Sendable {
    /// POSIX sh, also read by bash and zsh: `eval "$(muslroot env --prefix P)"`.
    case sh
    /// fish: `muslroot env --prefix P --shell fish | source`.
    case fish
    /// One JSON object of variable -> value, `PATH` as its full new value.
    case json
}

/// The build environment as text a shell evaluates. Every form carries the same variables;
/// `PATH` gets the prefix's `bin` in front only when it is not on `PATH` already, so
/// evaluating the output twice leaves `PATH` as once.
public enum ShellExports {
    /// `currentPath` is the `PATH` the JSON form starts from (the shells use their own).
    public static func text(_ environment: PrefixEnvironment, syntax: ShellSyntax, currentPath: String?) throws -> String {
        switch syntax {
        case .sh: return sh(environment)
        case .fish: return fish(environment)
        case .json: return try JSONOutput.encode(environment.values(currentPath: currentPath)) + "\n"
        }
    }

    static func sh(_ environment: PrefixEnvironment) -> String {
        let bin = ShellQuoting.sh(environment.pathEntry)
        var lines = [
            "# The build environment of a muslroot prefix, for sh, bash and zsh.",
            "case \":${PATH-}:\" in",
            "*:\(bin):*) ;;",
            "*) PATH=\(bin)${PATH:+\":$PATH\"} ;;",
            "esac",
            "export PATH",
        ]
        lines += environment.variables.map { "export \($0.name)=\(ShellQuoting.sh($0.value))" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fish(_ environment: PrefixEnvironment) -> String {
        let bin = ShellQuoting.fish(environment.pathEntry)
        var lines = [
            "# The build environment of a muslroot prefix, for fish.",
            "if not contains -- \(bin) $PATH",
            "    set -gx PATH \(bin) $PATH",
            "end",
        ]
        lines += environment.variables.map { "set -gx \($0.name) \(ShellQuoting.fish($0.value))" }
        return lines.joined(separator: "\n") + "\n"
    }
}
