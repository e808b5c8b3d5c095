/// `muslroot check`: reads files as ELF and says whether each is fully static.
public enum StaticCheck {
    public typealias Result = Swift.Result<StaticReport, CheckError>

    /// Checks the bytes of one file; `file` is the name used in the report and in errors.
    /// Throws only `CheckError`, whatever the bytes are.
    public static func check(bytes: [UInt8], file: String) throws(CheckError) -> StaticReport {
        try check(ByteReader(bytes: bytes, file: file))
    }

    /// Reads and checks the file at `path`: only its headers and the tables `check` looks at are
    /// read (with pread), never the whole file.
    public static func check(path: String) -> Result {
        switch ByteSource.open(path) {
        case let .failure(error):
            return .failure(error)
        case let .success(source):
            do {
                return .success(try check(ByteReader(source: source)))
            } catch {
                return .failure(error)
            }
        }
    }

    private static func check(_ reader: ByteReader) throws(CheckError) -> StaticReport {
        do {
            return StaticReport(try ELFFile(reader: reader), file: reader.file)
        } catch let error as CheckError {
            throw error
        } catch {
            throw .malformed(file: reader.file, what: "\(error)")
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
