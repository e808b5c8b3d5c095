import Foundation

/// `[[source]]` tables: where a tarball comes from, its sha256, and the names it gets on disk.
extension RecipeDecoder {
    func sources(_ root: [String: RecipeDocument.Value], recipe: String) throws(RecipeError) -> [Source] {
        let tables = try tableArray(root, "source")
        guard !tables.isEmpty else { throw .missingField(file: file, key: "source") }
        var result: [Source] = []
        for (index, table) in tables.enumerated() {
            let key = "source[\(index)]"
            try checkKeys(table, allowed: Self.sourceKeys, in: key)
            let url = try string(table, "url", in: key)
            let sourceName = try optionalString(table, "name", in: key) ?? (index == 0 ? recipe : "source\(index)")
            guard let sha = try optionalString(table, "sha256", in: key) else {
                throw .missingField(file: file, key: "\(key).sha256 (source '\(sourceName)': every source needs the sha256 of its tarball)")
            }
            guard sha.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil, sha.count == 64 else {
                throw .invalidValue(file: file, key: "\(key).sha256", line: line("\(key).sha256"),
                                    message: "'\(sha)' is not 64 lowercase hex digits")
            }
            let destination = try optionalString(table, "dest", in: key) ?? ""
            guard destination.isEmpty || Source.isExcludablePath(destination) else {
                throw .invalidValue(file: file, key: "\(key).dest", line: line("\(key).dest"),
                                    message: "'\(destination)' must be a relative path inside the source tree, such as \"gmp\" "
                                        + "(no '.', '..' or leading '/'); leave dest out to unpack at the top")
            }
            let exclude = try optionalStrings(table, "exclude", in: key) ?? []
            if let path = exclude.first(where: { !Source.isExcludablePath($0) }) {
                throw .invalidValue(file: file, key: "\(key).exclude", line: line("\(key).exclude"),
                                    message: "'\(path)' must be a path inside the archive's top-level directory, such as \"gcc/testsuite\"")
            }
            result.append(Source(name: sourceName, url: url, mirrors: try optionalStrings(table, "mirrors", in: key) ?? [],
                                 sha256: sha, file: try fileName(table, url: url, in: key),
                                 destination: destination, exclude: exclude))
        }
        return result
    }

    /// The name of the tarball in the cache and in mirrors: `file`, else the URL's last part.
    /// Either way a plain file name, since it is joined to directories.
    private func fileName(_ table: [String: RecipeDocument.Value], url: String, in key: String) throws(RecipeError) -> String {
        if let name = try optionalString(table, "file", in: key) {
            guard Self.isPlainFileName(name) else {
                throw .invalidValue(file: file, key: "\(key).file", line: line("\(key).file"),
                                    message: "'\(name)' must be a plain file name (no '/', not '.' or '..'), such as \"zlib-1.3.1.tar.gz\"")
            }
            return name
        }
        let name = URL(string: url)?.lastPathComponent ?? ""
        guard Self.isPlainFileName(name) else {
            throw .invalidValue(file: file, key: "\(key).url", line: line("\(key).url"),
                                message: "'\(url)' does not end in a file name to keep the tarball under; "
                                    + "add file = \"NAME.tar.gz\" to this [[source]]")
        }
        return name
    }

    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".." && !Recipe.hasControlCharacter(name)
    }
}
