import Foundation
import TOMLKit

/// A parsed recipe file: the TOML as plain values, before it is checked and typed.
/// Overlays merge documents, so that a file may override only a few keys of a recipe.
struct RecipeDocument: Sendable {
    indirect enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case other(String)
        case array([Value])
        case table([String: Value])

        var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .boolean: "a boolean"
            case .other: "a date or float"
            case .array: "an array"
            case .table: "a table"
            }
        }
    }

    var file: String
    var root: [String: Value]
    /// The source lines of every file merged into this document, for pointing at keys.
    var lines: [String]

    init(file: String, text: String) throws(RecipeError) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column,
                          message: error.description)
        } catch {
            throw .syntax(file: file, line: 1, column: 1, message: "\(error)")
        }
        self.root = Self.convert(table)
    }

    var name: String? {
        if case .string(let name)? = root["name"] { return name }
        return nil
    }

    /// The first line (1-based) that assigns `key`, or that opens a table or array named `key`.
    /// For a key inside the N-th `[[table]]`, the search starts at that table's header.
    func line(of key: String, in table: String? = nil, index: Int = 0) -> Int? {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        var start = 0
        if let table {
            let headers = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("[[\(table)]]") }
            if index < headers.count { start = headers[index] }
        }
        for (index, raw) in lines.enumerated() where index >= start {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[\(last)]]") || line.hasPrefix("[\(last)]") { return index + 1 }
            // A bare key, or one in quotes (`"][" = 1`).
            for written in [last, "\"\(last)\"", "'\(last)'"] where line.hasPrefix(written) {
                let rest = line.dropFirst(written.count).drop(while: { $0 == " " || $0 == "\t" })
                if rest.first == "=" { return index + 1 }
            }
        }
        return nil
    }

    /// Lays `overlay` over this document. Tables merge key by key; arrays of tables merge
    /// element by element, matched by their `name` key (or position when they have none);
    /// any other value is replaced.
    mutating func merge(_ overlay: RecipeDocument) {
        root = Self.merge(root, overlay.root)
        file = overlay.file
        lines = overlay.lines
    }

    private static func merge(_ base: [String: Value], _ top: [String: Value]) -> [String: Value] {
        var result = base
        for (key, value) in top {
            result[key] = result[key].map { merge($0, value) } ?? value
        }
        return result
    }

    private static func merge(_ base: Value, _ top: Value) -> Value {
        switch (base, top) {
        case let (.table(a), .table(b)):
            return .table(merge(a, b))
        case let (.array(a), .array(b)) where a.allSatisfy(\.isTable) && b.allSatisfy(\.isTable) && !b.isEmpty:
            var merged = a
            for (position, element) in b.enumerated() {
                let index = element.nameKey.flatMap { name in merged.firstIndex { $0.nameKey == name } }
                    ?? (element.nameKey == nil && position < merged.count ? position : nil)
                if let index { merged[index] = merge(merged[index], element) } else { merged.append(element) }
            }
            return .array(merged)
        default:
            return top
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: Value] {
        var result: [String: Value] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    private static func convert(_ value: any TOMLValueConvertible) -> Value {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .bool: return .boolean(value.bool ?? false)
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { $0.map(convert) } ?? [])
        default: return .other(value.debugDescription)
        }
    }
}

extension RecipeDocument.Value {
    var isTable: Bool { if case .table = self { true } else { false } }
    var nameKey: String? {
        if case .table(let t) = self, case .string(let name)? = t["name"] { return name }
        return nil
    }
}
