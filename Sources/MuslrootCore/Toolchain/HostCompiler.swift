import Foundation

/// The compiler of a `--toolchain host` prefix: the build machine's gcc, pointed at the
/// prefix's musl by a specs file (musl's own musl-gcc approach), behind
/// `bin/TARGET-gcc`; the host's binutils behind the `TARGET-*` names.
/// Everything is found from the wrapper's own location, so the prefix can be moved.
public struct HostCompiler: Sendable {
    /// The host's gcc, an absolute path.
    public var gcc: String
    /// `gcc -dumpfullversion`: recorded as the package's version.
    public var version: String
    /// Each binutils tool's absolute path on the host.
    public var tools: [String: String]
    public var triple: Triple

    static let toolNames = ["addr2line", "ar", "as", "c++filt", "elfedit", "ld", "nm", "objcopy", "objdump",
                            "ranlib", "readelf", "size", "strings", "strip"]
    /// The tools without which nothing builds; the others are linked when the host has them.
    static let requiredTools: Set<String> = ["ar", "as", "ld", "nm", "objcopy", "objdump", "ranlib", "readelf", "strip"]

    /// Finds gcc and binutils on `path` (the build environment's PATH): the build machine's
    /// own for its architecture, Debian's cross ones for another (`aarch64-linux-gnu-gcc`,
    /// `TargetProfile.hostToolPrefix`). A missing one is named with its Debian package.
    public static func find(path: String, triple: Triple, machine: String = BuildHost.current().architecture) async throws -> HostCompiler {
        let profile = try TargetProfile(triple)
        let prefix = profile.hostToolPrefix(on: machine)
        func locate(_ name: String) -> String? {
            for directory in path.split(separator: ":") where !directory.isEmpty {
                let candidate = "\(directory)/\(prefix)\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    return URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
                }
            }
            return nil
        }
        let gccMissing = PrefixError.hostToolMissing(tool: "\(prefix)gcc", package: profile.hostCompilerPackage(on: machine))
        guard let gcc = locate("gcc") else { throw gccMissing }
        var tools: [String: String] = [:]
        for name in toolNames {
            if let found = locate(name) { tools[name] = found } else if requiredTools.contains(name) {
                throw PrefixError.hostToolMissing(tool: "\(prefix)\(name)", package: profile.hostBinutilsPackage(on: machine))
            }
        }
        let outcome = try await HostCommand([gcc, "-dumpfullversion"]).run()
        let version = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.succeeded, !version.isEmpty else { throw gccMissing }
        return HostCompiler(gcc: gcc, version: version, tools: tools, triple: triple)
    }

    /// Its name in the manifest.
    public static let packageName = "host-gcc"

    /// What decides the files this writes, for the toolchain's keys (`PackageKeys`): the
    /// compiler, its version, the specs and wrapper it gets, and the tools linked.
    public var identity: [String] {
        ["host-compiler-v1 \(gcc) \(version)", "specs \(PackageKeys.hash([specs]))",
         "wrapper \(PackageKeys.hash([wrapper(driver: "gcc", extra: "")]))"]
            + tools.sorted { $0.key < $1.key }.map { "tool \($0.key)=\($0.value)" }
    }

    /// Its package: the wrappers and links written into `tree`, recorded under the host's gcc
    /// version with the key `key`.
    func package(key: String, tree: String) async throws -> BuiltPackage {
        let compiler = self
        let files = try await TreeWork.run("host compiler") { () throws -> [String] in
            FileTree.remove(tree)
            return try compiler.install(into: tree)
        }
        return BuiltPackage(entry: Manifest.Package(name: Self.packageName, version: version, fingerprint: key, sources: [], patches: [],
                                                    files: files, kind: Recipe.Kind.toolchain.rawValue, depends: nil), tree: tree)
    }

    /// Writes the specs file, the wrappers and the tool links under `root` (a stage); returns
    /// the paths it placed, relative to `root`.
    public func install(into root: String) throws -> [String] {
        let fm = FileManager.default
        let t = triple.description
        var placed: [String] = []
        func write(_ text: String, to relative: String, mode: Int) throws {
            let path = "\(root)/\(relative)"
            try? fm.removeItem(atPath: path)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            placed.append(relative)
        }
        func link(_ relative: String, to destination: String) throws {
            let path = "\(root)/\(relative)"
            try? fm.removeItem(atPath: path)
            try fm.createSymbolicLink(atPath: path, withDestinationPath: destination)
            placed.append(relative)
        }
        do {
            try fm.createDirectory(atPath: "\(root)/bin", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: "\(root)/share/muslroot", withIntermediateDirectories: true)
            try write(specs, to: specsPath, mode: 0o644)
            try write(wrapper(driver: "gcc", extra: ""), to: "bin/\(t)-gcc", mode: 0o755)
            try write(wrapper(driver: "gcc", extra: " -E"), to: "bin/\(t)-cpp", mode: 0o755)
            try link("bin/\(t)-cc", to: "\(t)-gcc")
            for (name, path) in tools.sorted(by: { $0.key < $1.key }) { try link("bin/\(t)-\(name)", to: path) }
        } catch {
            throw PrefixError.stagingFailed(path: root, reason: "writing the host compiler's wrappers: \(TreeWork.reason(error))")
        }
        return placed.sorted()
    }

    /// One per target, so that several host-flavour targets share a prefix.
    var specsPath: String { "share/muslroot/host-gcc-\(triple).specs" }

    /// gcc's specs: musl's headers before gcc's own, musl's start files and libc, no host
    /// library directory (so nothing of glibc's can be linked), gcc's libgcc. The sysroot
    /// comes from `MUSLROOT_SYSROOT`, which the wrapper sets from its own location.
    /// A static-pie links with `--exclude-libs=ALL`: it has nobody to export symbols to, and
    /// Debian's riscv64 `ld` 2.40 otherwise leaves symbolic `R_RISCV_64` relocations against
    /// exported functions (OpenSSL's), which musl's `rcrt1.o` does not apply (docs/targets.md).
    var specs: String {
        let sysroot = "%:getenv(MUSLROOT_SYSROOT"
        // `find` refuses a triple without a profile; musl's own rule for the others.
        let loader = TargetProfile.of(triple)?.muslLoader ?? "ld-musl-\(triple.architecture).so.1"
        let options = (TargetProfile.of(triple)?.hostCompilerOptions ?? []).map { " \($0)" }.joined()
        return """
        %rename cpp_options old_cpp_options

        *cpp_options:
        -nostdinc -isystem \(sysroot) /include) -isystem include%s %(old_cpp_options)

        *cc1:
        %(cc1_cpu) -nostdinc -isystem \(sysroot) /include) -isystem include%s\(options)

        *link_libgcc:
        -L\(sysroot) /lib) -L .%s

        *libgcc:
        libgcc.a%s %:if-exists(libgcc_eh.a%s)

        *startfile:
        %{shared:;static:\(sysroot) /lib/crt1.o);static-pie:\(sysroot) /lib/rcrt1.o);!no-pie:\(sysroot) /lib/Scrt1.o);:\(sysroot) /lib/crt1.o)} \(sysroot) /lib/crti.o) %{static:crtbeginT.o%s;shared|static-pie|!no-pie:crtbeginS.o%s;:crtbegin.o%s}

        *endfile:
        %{static:crtend.o%s;shared|static-pie|!no-pie:crtendS.o%s;:crtend.o%s} \(sysroot) /lib/crtn.o)

        *link:
        -nostdlib %{shared:-shared} %{static:-static} %{static-pie:-static -pie --no-dynamic-linker -z text --exclude-libs=ALL} %{!static:%{!static-pie:-dynamic-linker /lib/\(loader)}} %{rdynamic:-export-dynamic}

        *esp_link:


        *esp_options:


        *esp_cpp_options:


        """ + "\n"
    }

    func wrapper(driver: String, extra: String) -> String {
        """
        #!/bin/sh
        # \(triple)-\(driver == "gcc" && extra.isEmpty ? "gcc" : "cpp") of a muslroot `--toolchain host` prefix: the build machine's gcc
        # (\(gcc), \(version)) with musl's headers, start files and libc from this
        # prefix's sysroot. C only. Every path is found from this script's own location, so the
        # prefix can be moved.
        self=$(readlink -f -- "$0") || exit 127
        prefix=${self%/bin/*}
        MUSLROOT_SYSROOT=$prefix/\(triple)
        export MUSLROOT_SYSROOT
        exec \(gcc)\(extra) -specs "$prefix/\(specsPath)" "$@"

        """
    }
}
