/// Overlays: a document laid over another, key by key, each key remembering the file that
/// set it (so that an error points at the file that holds the offending key).
extension RecipeDocument {
    /// Lays `overlay` over this document. Tables merge key by key; arrays of tables merge
    /// element by element, matched by their `name` key (or position when they have none);
    /// any other value is replaced. Each key remembers the file that set it.
    mutating func merge(_ overlay: RecipeDocument) {
        let offset = layers.count
        layers += overlay.layers
        for (key, value) in overlay.root {
            let top = Origin(layer: offset, key: key)
            if let base = root[key] {
                root[key] = Self.merge(base, value, at: key, from: top, into: &origins)
            } else {
                root[key] = value
                Self.record(value, at: key, from: top, into: &origins)
            }
        }
    }

    /// Records `origin` for `key` and everything inside `value`.
    static func record(_ value: Value, at key: String, from origin: Origin, into origins: inout [String: Origin]) {
        origins[key] = origin
        switch value {
        case .table(let table):
            for (name, inner) in table {
                record(inner, at: "\(key).\(name)", from: Origin(layer: origin.layer, key: "\(origin.key).\(name)"), into: &origins)
            }
        case .array(let items) where items.allSatisfy(\.isTable):
            for (index, item) in items.enumerated() {
                record(item, at: "\(key)[\(index)]", from: Origin(layer: origin.layer, key: "\(origin.key)[\(index)]"), into: &origins)
            }
        default: break
        }
    }

    /// Removes the origins of `key` and of everything inside it (a value replaced whole).
    private static func forget(_ key: String, in origins: inout [String: Origin]) {
        for inner in origins.keys where inner == key || inner.hasPrefix("\(key).") || inner.hasPrefix("\(key)[") {
            origins[inner] = nil
        }
    }

    private static func merge(_ base: Value, _ top: Value, at key: String, from origin: Origin,
                              into origins: inout [String: Origin]) -> Value {
        switch (base, top) {
        case let (.table(a), .table(b)):
            var merged = a
            for (name, value) in b {
                let inner = Origin(layer: origin.layer, key: "\(origin.key).\(name)")
                if let existing = merged[name] {
                    merged[name] = merge(existing, value, at: "\(key).\(name)", from: inner, into: &origins)
                } else {
                    merged[name] = value
                    record(value, at: "\(key).\(name)", from: inner, into: &origins)
                }
            }
            return .table(merged)
        case let (.array(a), .array(b)) where a.allSatisfy(\.isTable) && b.allSatisfy(\.isTable) && !b.isEmpty:
            var merged = a
            for (position, element) in b.enumerated() {
                let inner = Origin(layer: origin.layer, key: "\(origin.key)[\(position)]")
                let index = element.nameKey.flatMap { name in merged.firstIndex { $0.nameKey == name } }
                    ?? (element.nameKey == nil && position < merged.count ? position : nil)
                if let index {
                    merged[index] = merge(merged[index], element, at: "\(key)[\(index)]", from: inner, into: &origins)
                } else {
                    record(element, at: "\(key)[\(merged.count)]", from: inner, into: &origins)
                    merged.append(element)
                }
            }
            return .array(merged)
        default:
            forget(key, in: &origins)
            record(top, at: key, from: origin, into: &origins)
            return top
        }
    }
}
