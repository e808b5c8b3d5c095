import ArgumentParser
import Foundation
import MuslrootCore

/// The top-level error handler: prints what went wrong and maps it to muslroot's exit codes.
enum Failure {
    static func report<T>(_ context: CommandContext, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            context.errorOutput.line("muslroot: error: \(describe(error))")
            throw ExitCode(ExitStatus.forError(error).rawValue)
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
