import Foundation
import Subprocess
import SystemPackage

/// A short command whose output muslroot reads (compilers in the smoke test, patch): run
/// through swift-subprocess, output collected, a non-zero exit returned as a value.
public struct HostCommand: Sendable {
    public struct Outcome: Sendable {
        public var exitCode: Int32?
        public var output: String
        public var succeeded: Bool { exitCode == 0 }
    }

    public var argv: [String]
    public var directory: String?
    public var environment: [String: String]?

    public init(_ argv: [String], directory: String? = nil, environment: [String: String]? = nil) {
        self.argv = argv
        self.directory = directory
        self.environment = environment
    }

    /// A command's whole environment as swift-subprocess takes it (names it cannot hold are dropped).
    static func subprocessEnvironment(_ environment: [String: String]) -> Subprocess.Environment {
        .custom(Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
            Subprocess.Environment.Key(rawValue: key).map { ($0, value) }
        }))
    }

    public func run() async throws -> Outcome {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
        let executable: Executable = argv[0].contains("/") ? .path(FilePath(argv[0])) : .name(argv[0])
        let env: Subprocess.Environment = environment.map(Self.subprocessEnvironment) ?? .inherit
        let result = try await Subprocess.run(
            executable,
            arguments: Arguments(Array(argv.dropFirst())),
            environment: env,
            workingDirectory: directory.map { FilePath($0) },
            platformOptions: options,
            output: .string(limit: 1 << 20),
            error: .combinedWithOutput)
        let code: Int32? = if case .exited(let c) = result.terminationStatus { c } else { nil }
        return Outcome(exitCode: code, output: result.standardOutput)
    }
}
