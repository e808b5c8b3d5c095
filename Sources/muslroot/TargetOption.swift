import ArgumentParser
import MuslrootCore

/// `--target` for the commands that work on an installed prefix: `add`, `remove`, `env`,
/// `doctor` and `list --installed`. A prefix may hold several targets (`PrefixTargets`).
struct TargetOption: ParsableArguments {
    @Option(help: ArgumentHelp("""
        Which of the prefix's targets (default: its only one, or x86_64-linux-musl when it holds several).
        """, valueName: "triple"))
    var target: String?

    /// The triple asked for, parsed (an unknown one is `TargetError.unknown`, exit 2).
    func requested() throws -> Triple? {
        try target.map { try TargetProfile(parsing: $0).triple }
    }

    /// The target's manifest in `prefix`, and the note saying which target was taken when the
    /// prefix holds several and none was asked for.
    func choose(in prefix: String) throws -> (manifest: Manifest, note: String?) {
        try PrefixTargets.load(prefix: prefix).choose(try requested())
    }
}

extension CommandContext {
    /// Says which of a prefix's several targets a command took when none was asked for: on
    /// standard output, or with --json on standard error, where it leaves the JSON whole.
    func say(targetNote note: String?, json: Bool) {
        guard let note else { return }
        (json ? errorOutput : output).line(note)
    }
}
