import Foundation

/// Turns a merged `RecipeDocument` into a typed `Recipe`, naming the file, key and line of
/// anything missing or mistyped. Every value that becomes part of a path (name, version,
/// phase names, source files and destinations, installs) is checked here, so nothing a
/// recipe says can reach outside the directories muslroot gives it.
struct RecipeDecoder {
    let document: RecipeDocument
    var file: String { document.file }

    static let recipeKeys = ["name", "version", "summary", "homepage", "license", "kind", "optional", "depends",
                             "source", "vars", "target", "env", "phase", "installs", "unsupported", "build-system", BuildSystem.sourceSubdirectoryKey] + BuildSystem.optionKeys
    static let sourceKeys = ["name", "url", "mirrors", "sha256", "file", "dest", "exclude"]
    static let phaseKeys = ["name", "after", "run", "cwd", "env"]
    /// The keys that hold arrays of tables, written `key[N]` in messages.
    static let tableArrays = ["source", "phase", "unsupported"]

    static let nameRule = "must be lowercase letters, digits, '+', '.', '_' or '-', starting with a letter or digit"

    /// The recipe, without patches: those are found from its name and version afterwards.
    func decode(files: [String]) throws(RecipeError) -> Recipe {
        do {
            return try decodeMerged(files: files)
        } catch {
            throw located(error)
        }
    }

    private func decodeMerged(files: [String]) throws(RecipeError) -> Recipe {
        let root = document.root
        try checkKeys(root, allowed: Self.recipeKeys, in: nil)
        let name = try string(root, "name")
        guard Recipe.isValidName(name) else {
            throw .invalidValue(file: file, key: "name", line: line("name"), message: "'\(name)' \(Self.nameRule)")
        }
        let version = try string(root, "version")
        guard Recipe.isValidVersion(version) else {
            throw .invalidValue(file: file, key: "version", line: line("version"),
                                message: "'\(version)' must be letters, digits, '+', '.', '_', '-' or '~', starting with a letter or digit "
                                    + "(it names the patch directory patches/\(name)/VERSION), such as \"1.2.5\"")
        }
        let kindText = try optionalString(root, "kind") ?? "library"
        guard let kind = Recipe.Kind(rawValue: kindText) else {
            throw .invalidValue(file: file, key: "kind", line: line("kind"),
                                message: "'\(kindText)' is not one of: toolchain, library")
        }
        let buildSystem = try self.buildSystem(root)
        var variables = try variables(root["vars"], key: "vars", templated: buildSystem != nil)
        if buildSystem != nil {
            for key in BuildSystem.optionKeys {
                variables[key] = .list(try optionalStrings(root, key) ?? BuildSystem.defaults[key] ?? [])
            }
            variables[BuildSystem.sourceDirectory] = .string(try sourceDirectory(root))
        } else if let key = (BuildSystem.optionKeys + [BuildSystem.sourceSubdirectoryKey]).first(where: { root[$0] != nil }) {
            throw .invalidValue(file: file, key: key, line: line(key),
                                message: "only recipes with a build-system (\(BuildSystem.allCases.map(\.rawValue).joined(separator: ", "))) take it")
        }
        let ownPhases = try phases(root, required: buildSystem == nil)
        let phases = buildSystem?.phases(overriddenBy: ownPhases) ?? ownPhases
        var recipe = Recipe(
            name: name,
            version: version,
            summary: try string(root, "summary"),
            homepage: try string(root, "homepage"),
            license: try string(root, "license"),
            kind: kind,
            optional: try optionalBool(root, "optional") ?? false,
            sources: try sources(root, recipe: name),
            patches: [],
            dependencies: try optionalStrings(root, "depends") ?? [],
            variables: variables,
            environment: try environment(root, "env", prefix: ""),
            phases: phases,
            installs: try installs(root),
            files: files,
            unsupported: try unsupported(root))
        recipe.targetVariables = try targetVariables(root, templated: buildSystem != nil)
        try VariableCheck(recipe: recipe).run()
        return recipe
    }

    // MARK: Sections

    private func buildSystem(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> BuildSystem? {
        guard let text = try optionalString(root, "build-system") else { return nil }
        guard let system = BuildSystem(rawValue: text) else {
            throw .invalidValue(file: file, key: "build-system", line: line("build-system"),
                                message: "'\(text)' is not one of: \(BuildSystem.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return system
    }

    /// `${source}`, or the folder of it that `source-subdir` names (where the build system's
    /// files are, as zstd's `build/meson`).
    private func sourceDirectory(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> String {
        let key = BuildSystem.sourceSubdirectoryKey
        guard let subdirectory = try optionalString(root, key) else { return "${source}" }
        // No variables either: one expanding to ".." would lead out of the tree after the check.
        guard Source.isExcludablePath(subdirectory), !subdirectory.contains("$") else {
            throw .invalidValue(file: file, key: key, line: line(key),
                                message: "'\(subdirectory)' must be a relative path inside the source tree, such as \"build/meson\" "
                                    + "(no '.', '..', '$' or leading '/')")
        }
        return "${source}/\(subdirectory)"
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
            guard Recipe.isValidName(name) else {
                throw .invalidValue(file: file, key: "\(key).name", line: line("\(key).name"),
                                    message: "'\(name)' \(Self.nameRule) (it names the phase's log file)")
            }
            guard seen.insert(name).inserted else {
                throw .invalidValue(file: file, key: "\(key).name", line: line("\(key).name"),
                                    message: "phase '\(name)' is declared twice")
            }
            guard case .array(let runs)? = table["run"] else {
                if table["run"] == nil { throw .missingField(file: file, key: "\(key).run") }
                throw .wrongType(file: file, key: "\(key).run", line: line("\(key).run"),
                                 expected: "an array of commands, each an array of strings")
            }
            guard !runs.isEmpty else {
                throw .wrongType(file: file, key: "\(key).run", line: line("\(key).run"),
                                 expected: "a non-empty array of commands, such as run = [[\"make\"]]; a phase with nothing to do can be left out")
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

    /// Paths below `${destdir}`, checked after the last phase: they must stay inside it.
    private func installs(_ root: [String: RecipeDocument.Value]) throws(RecipeError) -> [String] {
        let installs = try optionalStrings(root, "installs") ?? []
        if let path = installs.first(where: { !Source.isExcludablePath($0) }) {
            throw .invalidValue(file: file, key: "installs", line: line("installs"),
                                message: "'\(path)' must be a path inside the install root (${destdir}), such as \"usr/lib/libz.a\"")
        }
        return installs
    }

    /// `[vars]` (or, `tableKey` "target.T", one target's): not muslroot's own variables, nor
    /// (`templated`: in a recipe with a build system) the template's, which the recipe sets
    /// through its keys, such as `configure-options`; a target's table may set those for it.
    func variables(_ value: RecipeDocument.Value?, key tableKey: String, templated: Bool) throws(RecipeError) -> [String: VariableValue] {
        guard let value else { return [:] }
        guard case .table(let table) = value else {
            throw .wrongType(file: file, key: tableKey, line: line(tableKey), expected: "a table")
        }
        var result: [String: VariableValue] = [:]
        let templateKeys = tableKey == "vars" ? BuildSystem.optionKeys + [BuildSystem.sourceDirectory] : [BuildSystem.sourceDirectory]
        let reserved = Set(VariableScope.builtins + (templated ? templateKeys : []))
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            if reserved.contains(key) {
                throw .invalidValue(file: file, key: "\(tableKey).\(key)", line: line("\(tableKey).\(key)"),
                                    message: templated && !VariableScope.builtins.contains(key)
                                        ? "'\(key)' is the template's; set it with the recipe's own key, or give the variable another name"
                                        : "'\(key)' is set by muslroot; give the variable another name")
            }
            switch value {
            case .string(let s): result[key] = .string(s)
            case .array: result[key] = .list(try strings(table, key, in: tableKey))
            default:
                throw .wrongType(file: file, key: "\(tableKey).\(key)", line: line("\(tableKey).\(key)"),
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
        for (name, value) in env.sorted(by: { $0.key < $1.key }) {
            guard case .string(let s) = value else {
                throw .wrongType(file: file, key: "\(prefix)\(key).\(name)", line: line("\(prefix)\(key).\(name)"), expected: "a string")
            }
            result[name] = s
        }
        return result
    }
}
