/// What the host flavour (`bootstrap --toolchain host`) builds a target's musl with: the build
/// machine's own gcc for the machine it is, Debian's cross gcc for the others
/// (`aarch64-linux-gnu-gcc` from `gcc-aarch64-linux-gnu`). Only the compiler driver and
/// binutils are borrowed; headers, start files and libc are musl's (see `HostCompiler`).
extension TargetProfile {
    /// The prefix of the host compiler's and binutils' names on a build machine whose
    /// `uname -m` is `machine`: empty when the target is that machine (`gcc`, `ar`), else
    /// Debian's cross tools (`aarch64-linux-gnu-`).
    public func hostToolPrefix(on machine: String) -> String {
        machine == triple.architecture ? "" : "\(debianTriple)-"
    }

    /// The Debian package of the host compiler on `machine` (`gcc`, `gcc-aarch64-linux-gnu`).
    public func hostCompilerPackage(on machine: String) -> String {
        machine == triple.architecture ? "gcc" : "gcc-\(debianTriple)"
    }

    /// What the host flavour's compiler adds to every compilation for this target. aarch64:
    /// `-mno-outline-atomics`. Debian's aarch64 gcc calls libgcc's atomics helpers by
    /// default, whose `lse-init.o` reads the CPU's features with `__getauxval`: musl's libc.a
    /// has it, but its libc.so does not export it, so every dynamic link that uses an atomic
    /// (the tests of configure scripts: FFmpeg's finds "no atomics") fails. Inline atomics
    /// (ARMv8.0 exclusives) run on every aarch64.
    public var hostCompilerOptions: [String] { triple.architecture == "aarch64" ? ["-mno-outline-atomics"] : [] }

    /// The Debian package of the binutils on `machine` (`binutils`, `binutils-aarch64-linux-gnu`).
    public func hostBinutilsPackage(on machine: String) -> String {
        machine == triple.architecture ? "binutils" : "binutils-\(debianTriple)"
    }
}
