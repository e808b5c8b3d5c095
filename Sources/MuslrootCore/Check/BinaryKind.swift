/// What kind of ELF file this is, in the words a user building static binaries cares about.
public enum BinaryKind: String, Sendable, Encodable, CaseIterable {
    /// ET_EXEC with no interpreter and no needed libraries.
    case staticExecutable = "static"
    /// ET_DYN that relocates itself: no interpreter, no needed libraries.
    case staticPIE = "static-pie"
    /// ET_EXEC that needs a dynamic loader or shared libraries.
    case dynamicExecutable = "dynamic"
    /// ET_DYN executable with an interpreter.
    case dynamicPIE = "dynamic-pie"
    case sharedObject = "shared-object"
    /// An object file (`.o`), not linked yet.
    case relocatable = "relocatable"
    case core = "core"
    /// An ELF type `check` does not know (e_type 0 or an OS- or processor-specific one).
    case unknown = "unknown"

    /// Runs without a dynamic loader or any shared library.
    public var isFullyStatic: Bool { self == .staticExecutable || self == .staticPIE }

    public var description: String {
        switch self {
        case .staticExecutable: "static executable"
        case .staticPIE: "static-pie executable"
        case .dynamicExecutable: "dynamic executable"
        case .dynamicPIE: "dynamic PIE executable"
        case .sharedObject: "shared object"
        case .relocatable: "relocatable object (not linked yet)"
        case .core: "core dump"
        case .unknown: "ELF file of unknown type"
        }
    }

    /// The rules, from the ELF type, PT_INTERP and the dynamic section:
    /// - ET_EXEC is static when it has no interpreter and needs no library, dynamic otherwise.
    /// - ET_DYN with DF_1_PIE is a PIE executable: static-pie without an interpreter, dynamic with one.
    /// - ET_DYN without DF_1_PIE (older linkers) is a PIE executable when it has an interpreter and no
    ///   soname, a static-pie when it has an entry point and no interpreter, needed library, soname or
    ///   exported symbol, and a shared object otherwise (libc.so.6 has an interpreter and a soname;
    ///   musl's libc.so has neither, but exports the C library).
    init(_ elf: ELFFile) {
        let interpreter = elf.interpreter != nil
        let needs = !(elf.dynamic?.needed.isEmpty ?? true)
        switch elf.header.type {
        case ELFFile.relocatable: self = .relocatable
        case ELFFile.core: self = .core
        case ELFFile.executable: self = interpreter || needs ? .dynamicExecutable : .staticExecutable
        case ELFFile.sharedObject:
            let soname = elf.dynamic?.soname != nil
            if elf.dynamic?.isPIE == true {
                self = interpreter || needs ? .dynamicPIE : .staticPIE
            } else if interpreter {
                self = soname ? .sharedObject : .dynamicPIE
            } else if !needs && !soname && elf.header.entry != 0 && elf.dynamic != nil && elf.symbols.exportedDynamicSymbols == 0 {
                self = .staticPIE
            } else {
                self = .sharedObject
            }
        default: self = .unknown
        }
    }
}
