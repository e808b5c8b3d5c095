import Foundation

/// `muslroot check`: reads files as ELF and says whether each is fully static.
public enum StaticCheck {
    public typealias Result = Swift.Result<StaticReport, CheckError>

    /// Checks the bytes of one file; `file` is the name used in the report and in errors.
    /// Throws only `CheckError`, whatever the bytes are.
    public static func check(bytes: [UInt8], file: String) throws(CheckError) -> StaticReport {
        do {
            return StaticReport(try ELFFile(bytes: bytes, file: file), file: file)
        } catch let error as CheckError {
            throw error
        } catch {
            throw .malformed(file: file, what: "\(error)")
        }
    }

    /// Reads and checks the file at `path`.
    public static func check(path: String) -> Result {
        let bytes: [UInt8]
        switch read(path) {
        case let .success(read): bytes = read
        case let .failure(error): return .failure(error)
        }
        do {
            return .success(try check(bytes: bytes, file: path))
        } catch {
            return .failure(error)
        }
    }

    public static func check(paths: [String]) -> [Result] { paths.map(check(path:)) }

    /// 2 when any file could not be read as ELF, else 1 when any is not fully static, else 0.
    public static func exitStatus(_ results: [Result]) -> ExitStatus {
        var status = ExitStatus.success
        for result in results {
            switch result {
            case .failure: return .usage
            case let .success(report) where !report.isFullyStatic: status = .failure
            case .success: break
            }
        }
        return status
    }

    private static func read(_ path: String) -> Swift.Result<[UInt8], CheckError> {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.unreadable(file: path, reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(.unreadable(file: path, reason: "is a directory, not a file")) }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let type = try? manager.attributesOfItem(atPath: resolved)[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(.unreadable(file: path, reason: "not a regular file"))
        }
        guard manager.isReadableFile(atPath: path) else {
            return .failure(.unreadable(file: path, reason: "permission denied"))
        }
        do {
            return .success([UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)))
        } catch {
            return .failure(.unreadable(file: path, reason: "cannot read: \(error.localizedDescription)"))
        }
    }
}

/// The smoke test's question about a binary it just built.
public enum StaticInspection {
    /// What is not static about the ELF file at `path`, or nil when it is fully static.
    @Sendable public static func problem(_ path: String) -> String? {
        switch StaticCheck.check(path: path) {
        case .failure(let error):
            return "\(error)"
        case .success(let report):
            if report.isFullyStatic { return nil }
            var reasons: [String] = []
            if let interpreter = report.interpreter { reasons.append("ELF interpreter \(interpreter)") }
            if !report.needed.isEmpty { reasons.append("needs \(report.needed.joined(separator: ", "))") }
            return "\(path) is a \(report.kind): " + (reasons.isEmpty ? "not fully static" : reasons.joined(separator: "; "))
        }
    }
}
