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

    /// One file merged into this document: its path and its source lines, for pointing at keys.
    struct Layer: Sendable {
        var file: String
        var lines: [String]
    }

    /// Where a key of the merged document was written: the layer, and the key as that file
    /// writes it (`phase[0].run` of an overlay may be `phase[3].run` once merged).
    struct Origin: Sendable, Equatable {
        var layer: Int
        var key: String
    }

    var root: [String: Value]
    /// The files merged into this document, the first one (the base recipe) first.
    var layers: [Layer]
    /// Every key of `root` (`name`, `vars.x`, `phase[2]`, `phase[2].run`), to the file that set it.
    var origins: [String: Origin] = [:]

    /// The file of the last layer (the one merged last).
    var file: String { layers[layers.count - 1].file }

    init(file: String, text: String) throws(RecipeError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.layers = [Layer(file: file, lines: lines)]
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
        for (key, value) in root { Self.record(value, at: key, from: Origin(layer: 0, key: key), into: &origins) }
    }

    var name: String? {
        if case .string(let name)? = root["name"] { return name }
        return nil
    }

    /// The first line (1-based) of the last layer that assigns `key` (the file as written).
    func line(of key: String) -> Int? {
        Self.line(of: key, in: layers[layers.count - 1].lines)
    }

    /// The file and line that hold `key` of the merged document (`phase[2].run`): the layer
    /// that set it last. A key no layer sets (a missing one) is placed in the file that holds
    /// the table it belongs in, else in the first file.
    func location(of key: String) -> (file: String, line: Int?) {
        var parent = key
        while true {
            if let origin = origins[parent] {
                let layer = layers[origin.layer]
                return (layer.file, parent == key ? Self.line(of: origin.key, in: layer.lines) : nil)
            }
            guard let cut = parent.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            parent = String(parent[..<cut])
        }
        return (layers[0].file, nil)
    }

    /// The line of a key such as `phase[2].run` in `lines`: searched from the header of that table.
    static func line(of key: String, in lines: [String]) -> Int? {
        if let (table, index, rest) = tableElement(key) {
            return line(of: rest.isEmpty ? table : rest, in: lines, table: table, index: index)
        }
        return line(of: key, in: lines, table: nil, index: 0)
    }

    /// `phase[2].run` as ("phase", 2, "run"); nil for a key that does not start with an array
    /// of tables (a user's key such as `"]["` is only text).
    static func tableElement(_ key: String) -> (table: String, index: Int, rest: String)? {
        guard let open = key.firstIndex(of: "["), let close = key[open...].firstIndex(of: "]"),
              let index = Int(key[key.index(after: open)..<close]) else { return nil }
        let table = String(key[..<open])
        guard RecipeDecoder.tableArrays.contains(table) else { return nil }
        let rest = key[key.index(after: close)...]
        guard rest.isEmpty || rest.first == "." else { return nil }
        return (table, index, String(rest.dropFirst()))
    }

    /// The first line (1-based) that assigns `key`, or that opens a table or array named `key`.
    /// For a key inside the N-th `[[table]]`, the search starts at that table's header.
    private static func line(of key: String, in lines: [String], table: String?, index: Int) -> Int? {
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
