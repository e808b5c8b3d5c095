import Foundation

/// Turns a merged `RecipeDocument` into a typed `Recipe`, naming the file, key and line of
/// anything missing or mistyped.
struct RecipeDecoder {
    let document: RecipeDocument
    var file: String { document.file }

    static let recipeKeys = ["name", "version", "summary", "homepage", "license", "kind", "optional", "depends",
                             "source", "vars", "env", "phase", "installs", "build-system"] + BuildSystem.optionKeys
    static let sourceKeys = ["name", "url", "mirrors", "sha256", "file", "dest", "exclude"]
    static let phaseKeys = ["name", "after", "run", "cwd", "env"]

    func decode(files: [String], patches: [String]) throws(RecipeError) -> Recipe {
        let root = document.root
        try checkKeys(root, allowed: Self.recipeKeys, in: nil)
        let name = try string(root, "name")
        guard name.range(of: #"^[a-z0-9][a-z0-9+._-]*$"#, options: .regularExpression) != nil else {
            throw .invalidValue(file: file, key: "name", line: line("name"),
                                message: "'\(name)' must be lowercase letters, digits, '+', '.', '_' or '-'")
        }
        let kindText = try optionalString(root, "kind") ?? "library"
        guard let kind = Recipe.Kind(rawValue: kindText) else {
            throw .invalidValue(file: file, key: "kind", line: line("kind"),
                                message: "'\(kindText)' is not one of: toolchain, library")
        }
        let buildSystem = try self.buildSystem(root)
        var variables = try variables(root)
        if buildSystem != nil {
            for key in BuildSystem.optionKeys {
                variables[key] = .list(try optionalStrings(root, key) ?? BuildSystem.defaults[key] ?? [])
            }
        } else if let key = BuildSystem.optionKeys.first(where: { root[$0] != nil }) {
            throw .invalidValue(file: file, key: key, line: line(key),
                                message: "only recipes with a build-system (\(BuildSystem.allCases.map(\.rawValue).joined(separator: ", "))) take it")
        }
        let ownPhases = try phases(root, required: buildSystem == nil)
        let phases = buildSystem?.phases(overriddenBy: ownPhases) ?? ownPhases
        let recipe = Recipe(
            name: name,
            version: try string(root, "version"),
            summary: try string(root, "summary"),
            homepage: try string(root, "homepage"),
            license: try string(root, "license"),
            kind: kind,
            optional: try optionalBool(root, "optional") ?? false,
            sources: try sources(root, recipe: name),
            patches: patches,
            dependencies: try optionalStrings(root, "depends") ?? [],
            variables: variables,
            environment: try environment(root, "env", prefix: ""),
            phases: phases,
            installs: try optionalStrings(root, "installs") ?? [],
            files: files)
        try VariableCheck(recipe: recipe).run()
        return recipe
    }

    // MARK: Sections

    private func sources(_ root: [String: RecipeDocument.Value], recipe: String) throws(RecipeError) -> [Source] {
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
            guard sha.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil else {
                throw .invalidValue(file: file, key: "\(key).sha256", line: line("\(key).sha256"),
                                    message: "'\(sha)' is not 64 lowercase hex digits")
            }
            let fileName = try optionalString(table, "file", in: key)
                ?? URL(string: url)?.lastPathComponent ?? url
            guard !fileName.isEmpty, !fileName.contains("/"), fileName != "..", fileName != "." else {
                throw .invalidValue(file: file, key: "\(key).file", line: line("\(key).file"),
                                    message: "'\(fileName)' must be a plain file name")
            }
            let destination = try optionalString(table, "dest", in: key) ?? ""
            guard !destination.hasPrefix("/"), !destination.split(separator: "/").contains("..") else {
                throw .invalidValue(file: file, key: "\(key).dest", line: line("\(key).dest"),
                                    message: "'\(destination)' must be a relative path inside the source tree")
            }
            let exclude = try optionalStrings(table, "exclude", in: key) ?? []
            if let path = exclude.first(where: { !Source.isExcludablePath($0) }) {
                throw .invalidValue(file: file, key: "\(key).exclude", line: line("\(key).exclude"),
                                    message: "'\(path)' must be a path inside the archive's top-level directory, such as \"gcc/testsuite\"")
            }
            result.append(Source(name: sourceName, url: url, mirrors: try optionalStrings(table, "mirrors", in: key) ?? [],
                                 sha256: sha, file: fileName, destination: destination, exclude: exclude))
        }
        return result
    }

    private func buildSystem(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> BuildSystem? {
        guard let text = try optionalString(root, "build-system") else { return nil }
        guard let system = BuildSystem(rawValue: text) else {
            throw .invalidValue(file: file, key: "build-system", line: line("build-system"),
                                message: "'\(text)' is not one of: \(BuildSystem.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return system
    }

    private func phases(_ root: [String: RecipeDocument.Value], required: Bool) throws(RecipeError) -> [Phase] {
        let tables = try tableArray(root, "phase")
        guard !tables.isEmpty || !required else { throw .missingField(file: file, key: "phase (or a build-system)") }
        var seen: Set<String> = []
        var result: [Phase] = []
        for (index, table) in tables.enumerated() {
            let key = "phase[\(index)]"
            try checkKeys(table, allowed: Self.phaseKeys, in: key)
            let name = try string(table, "name", in: key)
            guard seen.insert(name).inserted else {
                throw .invalidValue(file: file, key: "\(key).name", line: line("\(key).name"),
                                    message: "phase '\(name)' is declared twice")
            }
            guard case .array(let runs)? = table["run"] else {
                if table["run"] == nil { throw .missingField(file: file, key: "\(key).run") }
                throw .wrongType(file: file, key: "\(key).run", line: line("\(key).run"),
                                 expected: "an array of commands, each an array of strings")
            }
            var commands: [[String]] = []
            for run in runs {
                guard case .array(let argv) = run, !argv.isEmpty,
                      let strings = Optional(argv.compactMap { if case .string(let s) = $0 { s } else { nil } }),
                      strings.count == argv.count else {
                    throw .wrongType(file: file, key: "\(key).run", line: line("\(key).run"),
                                     expected: "an array of commands, each a non-empty array of strings (argv)")
                }
                commands.append(strings)
            }
            result.append(Phase(
                name: name,
                after: (try optionalStrings(table, "after", in: key) ?? []).map(PhaseReference.init(parsing:)),
                commands: commands,
                directory: try optionalString(table, "cwd", in: key),
                environment: try environment(table, "env", prefix: "\(key).")))
        }
        return result
    }

    private func variables(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> [String: VariableValue] {
        guard let value = root["vars"] else { return [:] }
        guard case .table(let table) = value else {
            throw .wrongType(file: file, key: "vars", line: line("vars"), expected: "a table")
        }
        var result: [String: VariableValue] = [:]
        for (key, value) in table {
            switch value {
            case .string(let s): result[key] = .string(s)
            case .array: result[key] = .list(try strings(table, key, in: "vars"))
            default:
                throw .wrongType(file: file, key: "vars.\(key)", line: line("vars.\(key)"),
                                 expected: "a string or an array of strings")
            }
        }
        return result
    }

    private func environment(_ table: [String: RecipeDocument.Value], _ key: String, prefix: String) throws(RecipeError) -> [String: String] {
        guard let value = table[key] else { return [:] }
        guard case .table(let env) = value else {
            throw .wrongType(file: file, key: prefix + key, line: line(prefix + key), expected: "a table of strings")
        }
        var result: [String: String] = [:]
        for (name, value) in env {
            guard case .string(let s) = value else {
                throw .wrongType(file: file, key: "\(prefix)\(key).\(name)", line: line("\(prefix)\(key).\(name)"), expected: "a string")
            }
            result[name] = s
        }
        return result
    }

    /// A key the format does not have is a mistake (often a key meant for the top level
    /// written after a `[[phase]]`, which TOML puts inside that phase).
    private func checkKeys(_ table: [String: RecipeDocument.Value], allowed: [String], in parent: String?) throws(RecipeError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key"
            let near = Suggestions.nearest(to: key, in: allowed)
            if !near.isEmpty { message += RecipeError.didYouMean(near) }
            if parent != nil, Self.recipeKeys.contains(key) {
                message += "; top-level keys must come before the first [[source]] or [[phase]] table"
            }
            message += "; allowed here: \(allowed.joined(separator: ", "))"
            throw .invalidValue(file: file, key: path(key, parent), line: line(path(key, parent)), message: message)
        }
    }

    /// The line of a key such as `phase[2].run`: searched from the header of that table.
    func line(_ key: String) -> Int? {
        if let open = key.firstIndex(of: "["), let close = key.firstIndex(of: "]"),
           let index = Int(key[key.index(after: open)..<close]) {
            let table = String(key[..<open])
            let rest = key[close...].dropFirst().drop { $0 == "." }
            return document.line(of: rest.isEmpty ? table : String(rest), in: table, index: index)
        }
        return document.line(of: key)
    }
}
