/// What muslroot itself and the tools it drives call one target machine (docs/targets.md):
/// the only place in its code that knows architectures. Recipes read it through built-in
/// variables (`${musl-loader}`, `${gcc-libdir}`, ...); the exports read it for CMake's,
/// Meson's and Rust's names. A name only one package's build uses (OpenSSL's `Configure`
/// target, the kernel's `ARCH`) is that recipe's, in its `[target.T]` tables. Each known
/// triple is one row of `TargetProfile.known`.
public struct TargetProfile: Sendable, Hashable {
    public enum Endian: String, Sendable, Hashable {
        case little, big
    }

    public var triple: Triple
    /// musl's name (its `arch/` directory; `x86_64`, `aarch64`, `i386`).
    public var muslArch: String
    /// The dynamic loader's file name in `lib/` (`ld-musl-x86_64.so.1`).
    public var muslLoader: String
    /// Where gcc installs its target libraries (libstdc++.a), below the sysroot: its
    /// `-print-multi-os-directory` (`lib64` for x86_64, whose gcc keeps 64-bit libraries there).
    public var gccLibraryDirectory: String
    /// `CMAKE_SYSTEM_PROCESSOR`: what `uname -m` says on the target.
    public var cmakeProcessor: String
    /// Meson's `host_machine`: `cpu_family`, `cpu` and `endian`.
    public var mesonCPUFamily: String
    public var mesonCPU: String
    public var endian: Endian
    /// Rust's target name (`x86_64-unknown-linux-musl`, `armv7-unknown-linux-musleabihf`).
    public var rustTarget: String
    /// The user-mode emulator that runs the target's static programs on another machine
    /// (`qemu-aarch64-static`, Debian's qemu-user-static).
    public var emulator: String
    /// `uname -m` of the build machines that run the target's programs without it.
    public var nativeMachines: [String]
    /// `e_machine` and class of the target's ELF files, for `muslroot check`.
    public var elfMachine: UInt16
    public var elf64: Bool
    /// Debian's GNU triple for the machine (`aarch64-linux-gnu`, `arm-linux-gnueabihf`): the
    /// cross gcc the host flavour builds musl with (`TargetProfile+HostFlavor.swift`).
    public var debianTriple: String

    /// The profile of `triple` when muslroot knows it.
    public static func of(_ triple: Triple) -> TargetProfile? {
        known.first { $0.triple == triple }
    }

    /// The target of a prefix made without `--target`.
    public static var `default`: TargetProfile { known[0] }

    /// Whether a build machine whose `uname -m` is `machine` runs the target's static
    /// programs itself; otherwise they need `emulator`.
    public func runsNatively(on machine: String) -> Bool {
        nativeMachines.contains(machine)
    }
}

extension TargetProfile {
    /// The profile of `triple`, or `TargetError.unknown` listing the known targets.
    public init(_ triple: Triple) throws(TargetError) {
        guard let profile = Self.known.first(where: { $0.triple == triple }) else {
            throw .unknown(target: triple.description, known: Self.known.map(\.triple.description))
        }
        self = profile
    }

    /// The profile of a triple as the user writes it (`aarch64-linux-musl`, or with a vendor,
    /// `aarch64-unknown-linux-musl`), or of Rust's name for it (`armv7-unknown-linux-musleabihf`).
    /// The error names the text as written.
    public init(parsing text: String) throws(TargetError) {
        if let profile = Self.known.first(where: { $0.rustTarget == text }) {
            self = profile
            return
        }
        guard let triple = Triple(parsing: text), let profile = Self.of(triple) else {
            throw .unknown(target: text, known: Self.known.map(\.triple.description))
        }
        self = profile
    }
}
