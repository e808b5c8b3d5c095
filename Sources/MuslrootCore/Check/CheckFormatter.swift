/// `muslroot check` output: a line (and any warnings) per file for people, JSON for scripts.
public enum CheckFormatter {
    /// For example `./hello: static-pie executable, x86_64 64-bit little-endian, musl, not stripped`.
    public static func text(_ report: StaticReport) -> String {
        var kind = report.kind.description
        var details: [String] = []
        if let interpreter = report.interpreter { details.append("interpreter \(interpreter)") }
        if let soname = report.soname { details.append("soname \(soname)") }
        if !report.needed.isEmpty { details.append("needs \(report.needed.joined(separator: ", "))") }
        if !details.isEmpty { kind += " (\(details.joined(separator: "; ")))" }

        var libc = report.libc == .unknown ? "libc unknown" : report.libc.rawValue
        if let newest = report.glibcVersions.last(where: { $0 != "GLIBC_PRIVATE" }) { libc += " (\(newest))" }

        var parts = [kind, "\(report.architecture) \(report.bits)-bit \(report.endianness.rawValue)-endian", libc,
                     report.stripped ? "stripped" : "not stripped"]
        if report.referencesDlopen == true { parts.append("references dlopen") }
        let lines = ["\(report.file): " + parts.joined(separator: ", ")] + report.warnings.map { "  warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// A JSON array with one object per file, in the order given: a report, or `{"file", "error"}`.
    public static func json(_ results: [StaticCheck.Result]) throws -> String {
        try JSONOutput.encode(results.map(Entry.init))
    }

    private struct Entry: Encodable {
        var result: StaticCheck.Result
        init(_ result: StaticCheck.Result) { self.result = result }

        enum CodingKeys: String, CodingKey { case file, error }

        func encode(to encoder: any Encoder) throws {
            switch result {
            case let .success(report):
                try report.encode(to: encoder)
            case let .failure(error):
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(error.file, forKey: .file)
                try container.encode(error.problem, forKey: .error)
            }
        }
    }
}
