import Foundation
import Subprocess
import SystemPackage

/// Runs the commands of one phase, one after the other, each in its own session (so that
/// cancelling tears down the whole process group, grandchildren included), with all output
/// appended to the phase's log file.
struct StepRunner: Sendable {
    var jobserver: Jobserver?
    var processGroups: ProcessGroupRecord?

    struct Command: Sendable {
        var argv: [String]
        var directory: String
        var environment: [String: String]
    }

    func run(_ commands: [Command], phase: String, log: String) async throws {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(log), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            throw BuildError.workspace(path: log, reason: "cannot open the log of \(phase): \(error)")
        }
        defer { try? descriptor.close() }
        for command in commands {
            try Task.checkCancellation()
            let header = "$ cd \(command.directory) && \(command.argv.map(Self.quote).joined(separator: " "))\n"
            _ = try? descriptor.writeAll(Array(header.utf8))
            do {
                try FileManager.default.createDirectory(atPath: command.directory, withIntermediateDirectories: true)
            } catch {
                throw BuildError.workspace(path: command.directory, reason: "cannot create the directory \(phase) runs in: \(TreeWork.reason(error))")
            }
            let status = try await launch(command, descriptor: descriptor, phase: phase, log: log)
            if status != .exited(0) {
                try Task.checkCancellation()
                throw BuildError.stepFailed(phase: phase, command: command.argv, status: Self.describe(status),
                                            log: log, tail: LogTail.lines(of: log, count: 20))
            }
        }
    }

    private func launch(_ command: Command, descriptor: FileDescriptor, phase: String, log: String) async throws -> TerminationStatus {
        var environment = command.environment
        var argv = command.argv
        if let jobserver {
            environment.merge(jobserver.environment) { $1 }
            argv = jobserver.wrap(argv)
        }
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(3)),
        ]
        let groups = processGroups
        do {
            let result = try await Subprocess.run(
                .path(FilePath(argv[0])),
                arguments: Arguments(Array(argv.dropFirst())),
                environment: HostCommand.subprocessEnvironment(environment),
                workingDirectory: FilePath(command.directory),
                platformOptions: options,
                input: .none,
                output: .fileDescriptor(descriptor, closeAfterSpawningProcess: false),
                error: .fileDescriptor(descriptor, closeAfterSpawningProcess: false)
            ) { execution in
                let group = execution.processIdentifier.value
                await groups?.insert(group)
                return group
            }
            let group = result.closureResult
            await groups?.remove(group)
            if Task.isCancelled { await ProcessGroupRecord.kill(group) }
            return result.terminationStatus
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw BuildError.launchFailed(phase: phase, command: command.argv, reason: "\(error)", log: log)
        }
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }

    static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:+,@%".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The last lines of a log, for error messages.
enum LogTail {
    static func lines(of path: String, count: Int) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 64 * 1024 ? size - 64 * 1024 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        return Array(lines.suffix(count))
    }
}
