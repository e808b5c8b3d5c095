import Foundation

/// What a command runs with, passed from the executable into the core (as swiftly passes its
/// context): the environment, where its output and errors go, the command line to repeat in
/// messages, the number of CPUs, the working directory. Nothing in the core reads the process's own; so every command,
/// `--json` event streams included, can be run and tested in-process.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var output: TextOutput
    public var errorOutput: TextOutput
    /// `argv` as given, `argv[0]` first (the executable, from which the shipped recipes are found).
    public var commandLine: [String]
    public var processorCount: Int
    /// Whether the output is a terminal (a live status line) or a file or pipe (plain lines).
    public var outputIsTerminal: Bool
    /// The directory relative paths on the command line are taken from (an absolute path).
    public var workingDirectory: String

    /// `workingDirectory` defaults to the process's, for callers written before it was a
    /// field (tests); `current()` passes it.
    public init(environment: [String: String], output: TextOutput, errorOutput: TextOutput, commandLine: [String],
                processorCount: Int, outputIsTerminal: Bool, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.output = output
        self.errorOutput = errorOutput
        self.commandLine = commandLine
        self.processorCount = processorCount
        self.outputIsTerminal = outputIsTerminal
    }

    /// The process's own: the one place that reads them.
    public static func current() -> CommandContext {
        CommandContext(environment: ProcessInfo.processInfo.environment, output: .standardOutput, errorOutput: .standardError,
                       commandLine: CommandLine.arguments, processorCount: ProcessInfo.processInfo.activeProcessorCount,
                       outputIsTerminal: isatty(STDOUT_FILENO) == 1, workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// A path from the command line, made absolute against the working directory (and normalized).
    public func absolute(_ path: String) -> String {
        FileTree.absolute(path, relativeTo: workingDirectory)
    }

    /// The executable, to find the shipped recipes from.
    public var executable: String { commandLine.first ?? "muslroot" }

    /// The command as the user can type it again: `muslroot bootstrap --prefix ...`.
    public var rerunCommand: String { Self.rerunCommand(commandLine) }

    /// `commandLine` as the user can type it again, quoted for a shell.
    public static func rerunCommand(_ commandLine: [String]) -> String {
        (["muslroot"] + commandLine.dropFirst()).map(StepRunner.quote).joined(separator: " ")
    }
}

/// Where text goes: standard output or error, or, in tests, a buffer.
public struct TextOutput: Sendable {
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func line(_ text: String) { write(text + "\n") }

    public static let standardOutput = TextOutput { FileHandle.standardOutput.write(Data($0.utf8)) }
    public static let standardError = TextOutput { FileHandle.standardError.write(Data($0.utf8)) }
}
