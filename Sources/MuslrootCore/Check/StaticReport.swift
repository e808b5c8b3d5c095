/// Everything `muslroot check` found out about one ELF file.
public struct StaticReport: Sendable, Equatable {
    public enum Endianness: String, Sendable, Encodable { case little, big }

    public var file: String
    public var kind: BinaryKind
    /// PT_INTERP, the dynamic loader, if any.
    public var interpreter: String?
    /// DT_NEEDED: the shared libraries the loader must find.
    public var needed: [String]
    /// DT_SONAME, for shared objects.
    public var soname: String?
    public var libc: Libc
    /// The `GLIBC_*` symbol versions asked for, oldest first: the newest of them is the oldest glibc it runs on.
    public var glibcVersions: [String]
    /// Whether a symbol named `dlopen` is there; nil when there is no symbol table to tell.
    public var referencesDlopen: Bool?
    /// No `.symtab` section.
    public var stripped: Bool
    public var architecture: String
    /// The raw `e_machine`, for architectures `check` has no name for.
    public var machine: Int
    public var bits: Int
    public var endianness: Endianness
    public var warnings: [String]

    /// No interpreter and no needed library: runs on any Linux kernel of its architecture.
    public var isFullyStatic: Bool { kind.isFullyStatic }

    init(_ elf: ELFFile, file: String) {
        self.file = file
        kind = BinaryKind(elf)
        interpreter = elf.interpreter
        needed = elf.dynamic?.needed ?? []
        soname = elf.dynamic?.soname
        libc = Libc(elf)
        glibcVersions = elf.glibcVersions
        stripped = !elf.symbols.hasSymbolTable
        if elf.symbols.found.contains("dlopen") {
            referencesDlopen = true
        } else if elf.symbols.hasSymbolTable || (elf.symbols.hasDynamicSymbols && !kind.isFullyStatic) {
            referencesDlopen = false
        }
        architecture = Architecture.name(machine: elf.header.machine, wide: elf.header.wide, bigEndian: elf.header.bigEndian)
        machine = Int(elf.header.machine)
        bits = elf.header.wide ? 64 : 32
        endianness = elf.header.bigEndian ? .big : .little
        warnings = []
        if kind.isFullyStatic && referencesDlopen == true {
            warnings.append(libc == .glibc
                ? "references dlopen (static glibc links it in for NSS and iconv): loading a shared library at run time needs the exact glibc it was built with, and fails without it"
                : "references dlopen: a static binary cannot load shared libraries, so dlopen will fail at run time")
        }
        if kind == .dynamicExecutable && interpreter == nil {
            warnings.append("needs shared libraries but names no interpreter (PT_INTERP): it will not start")
        }
    }
}

extension StaticReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case file, kind, isStatic = "static", interpreter, needed, soname, libc, glibcVersions
        case referencesDlopen = "dlopen", stripped, architecture, machine, bits, endianness, warnings
    }

    /// Every key is always written, `null` when there is nothing to say, so scripts can rely on them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(kind, forKey: .kind)
        try container.encode(isFullyStatic, forKey: .isStatic)
        try container.encode(interpreter, forKey: .interpreter)
        try container.encode(needed, forKey: .needed)
        try container.encode(soname, forKey: .soname)
        try container.encode(libc, forKey: .libc)
        try container.encode(glibcVersions, forKey: .glibcVersions)
        try container.encode(referencesDlopen, forKey: .referencesDlopen)
        try container.encode(stripped, forKey: .stripped)
        try container.encode(architecture, forKey: .architecture)
        try container.encode(machine, forKey: .machine)
        try container.encode(bits, forKey: .bits)
        try container.encode(endianness, forKey: .endianness)
        try container.encode(warnings, forKey: .warnings)
    }
}
