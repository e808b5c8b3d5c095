/// The name of an ELF machine (`e_machine`), spelled as the first part of a target triple.
enum Architecture {
    static func name(machine: UInt16, wide: Bool, bigEndian: Bool) -> String {
        switch machine {
        case 2: wide ? "sparc64" : "sparc"
        case 3: "i386"
        case 4: "m68k"
        case 8: wide ? (bigEndian ? "mips64" : "mips64el") : (bigEndian ? "mips" : "mipsel")
        case 15: "hppa"
        case 18: "sparc32plus"
        case 20: bigEndian ? "powerpc" : "powerpcle"
        case 21: bigEndian ? "powerpc64" : "powerpc64le"
        case 22: wide ? "s390x" : "s390"
        case 40: bigEndian ? "armeb" : "arm"
        case 42: bigEndian ? "sh4eb" : "sh4"
        case 43: "sparc64"
        case 50: "ia64"
        case 62: wide ? "x86_64" : "x32"
        case 92: "or1k"
        case 94: "xtensa"
        case 106: "blackfin"
        case 164: "hexagon"
        case 183: bigEndian ? "aarch64_be" : "aarch64"
        case 189: "microblaze"
        case 243: wide ? "riscv64" : "riscv32"
        case 247: "bpf"
        case 252: "csky"
        case 258: wide ? "loongarch64" : "loongarch32"
        case 0x9026: "alpha"
        default: "unknown machine \(machine)"
        }
    }
}
