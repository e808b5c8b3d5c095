extension TargetProfile {
    /// The recipe variables the profile defines, by name (docs/targets.md). Lists are spliced
    /// into a command like other list variables: an empty one adds no argument.
    public var variables: [String: VariableValue] {
        [
            "linux-arch": .string(linuxArch),
            "musl-arch": .string(muslArch),
            "musl-loader": .string(muslLoader),
            "gcc-target-options": .list(gccOptions),
            "gcc-libdir": .string(gccLibraryDirectory),
            "cmake-system-processor": .string(cmakeProcessor),
            "meson-cpu-family": .string(mesonCPUFamily),
            "meson-cpu": .string(mesonCPU),
            "target-endian": .string(endian.rawValue),
            "rust-target": .string(rustTarget),
            "openssl-target": .string(opensslTarget),
            "ffmpeg-arch": .string(ffmpegArch),
            "ffmpeg-asm-options": .list(ffmpegAssemblyOptions),
            "host-tool-prefix": .string(hostToolPrefix(on: BuildHost.current().architecture)),
        ]
    }

    /// The names of `variables`: built-in, so `[vars]` cannot redefine them.
    public static let variableNames = ["linux-arch", "musl-arch", "musl-loader", "gcc-target-options", "gcc-libdir",
                                       "cmake-system-processor", "meson-cpu-family", "meson-cpu", "target-endian",
                                       "rust-target", "openssl-target", "ffmpeg-arch", "ffmpeg-asm-options",
                                       "host-tool-prefix"]
}

extension Recipe {
    /// The recipe for one target: every `${...}` of the profile replaced by its value, in
    /// commands, `[vars]`, environment, directories and `installs`, as `VariableScope`
    /// expands them at build time (a list alone in an argument is spliced). The rest
    /// (`${prefix}`, `${build}`, ...) stays for the build. Done when the recipes load, so
    /// `plan` shows and the fingerprints hash what runs on this target.
    func resolved(for profile: TargetProfile) -> Recipe {
        let scope = VariableScope(values: profile.variables)
        var recipe = self
        recipe.variables = variables.mapValues { value in
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
