extension TargetProfile {
    /// The recipe variables the profile defines, by name (docs/targets.md). Lists are spliced
    /// into a command like other list variables: an empty one adds no argument.
    public var variables: [String: VariableValue] {
        [
            "musl-arch": .string(muslArch),
            "musl-loader": .string(muslLoader),
            "gcc-libdir": .string(gccLibraryDirectory),
            "cmake-system-processor": .string(cmakeProcessor),
            "meson-cpu-family": .string(mesonCPUFamily),
            "meson-cpu": .string(mesonCPU),
            "target-endian": .string(endian.rawValue),
            "rust-target": .string(rustTarget),
            "host-tool-prefix": .string(hostToolPrefix(on: BuildHost.current().architecture)),
        ]
    }

    /// The names of `variables`: built-in, so `[vars]` cannot redefine them.
    public static let variableNames = ["musl-arch", "musl-loader", "gcc-libdir", "cmake-system-processor", "meson-cpu-family",
                                       "meson-cpu", "target-endian", "rust-target", "host-tool-prefix"]
}

extension Recipe {
    /// The recipe for one target: every `${...}` of the profile (and of the recipe's
    /// `[target.T]` tables) replaced by its value, in
    /// commands, `[vars]`, environment, directories and `installs`, as `VariableScope`
    /// expands them at build time (a list alone in an argument is spliced). The rest
    /// (`${prefix}`, `${build}`, ...) stays for the build. Done when the recipes load, so
    /// `plan` shows and the fingerprints hash what runs on this target.
    ///
    /// First the recipe's `[target.T]` values for this target are laid over its `[vars]`. A
    /// variable that other targets' tables give a value and this target's does not (nor
    /// `[vars]`) makes the recipe unsupported there, with a reason that says where to add it.
    func resolved(for profile: TargetProfile) -> Recipe {
        var recipe = self
        let own = variables.merging(targetVariables[profile.triple] ?? [:]) { $1 }
        let perTarget = Set(targetVariables.values.flatMap(\.keys))
        // The recipe's per-target values are replaced now too, as the profile's are.
        let scope = VariableScope(values: profile.variables.merging(own.filter { perTarget.contains($0.key) }) { $1 })
        let missing = perTarget.subtracting(own.keys).sorted()
        if !missing.isEmpty, unsupportedReason(on: profile.triple) == nil {
            recipe.unsupported.append(UnsupportedTargets(
                targets: [profile.triple],
                reason: "\(file) gives \(missing.map { "${\($0)}" }.joined(separator: ", ")) no value for \(profile.triple); "
                    + "add \(missing.count == 1 ? "it" : "them") under [target.\(profile.triple)]"))
        }
        recipe.targetVariables = [:]
        // Replaced wherever they were used, the per-target variables go, so that a recipe
        // hashes the same whether a value is its own or was once the profile's; the
        // template's keys stay, for the template reads them.
        recipe.variables = own.filter { !perTarget.contains($0.key) || BuildSystem.optionKeys.contains($0.key) }.mapValues { value in
            switch value {
            case .string(let text): .string(scope.expand(text))
            case .list(let items): .list(scope.expand(items))
            }
        }
        recipe.environment = environment.mapValues { scope.expand($0) }
        recipe.installs = installs.map { scope.expand($0) }
        recipe.phases = phases.map { phase in
            var phase = phase
            phase.commands = phase.commands.map { scope.expand($0) }
            phase.environment = phase.environment.mapValues { scope.expand($0) }
            phase.directory = phase.directory.map { scope.expand($0) }
            return phase
        }
        return recipe
    }
}
