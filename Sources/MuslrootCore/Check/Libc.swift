/// Which C library a binary was linked against, as far as the file tells.
public enum Libc: String, Sendable, Encodable {
    case glibc, musl, bionic, uclibc
    case unknown

    /// The clues, strongest first:
    /// 1. the interpreter's name (or the soname, for the C library and its loader themselves) (`ld-linux*`, `ld64.so*`, `ld.so.1` for glibc; `ld-musl-*`; `/system/bin/linker*`; `ld-uClibc*`);
    /// 2. `GLIBC_*` symbol versions asked for;
    /// 3. the C library among the needed libraries (`libc.so.6` is glibc; `libc.so` and `libc.musl-*` are musl, `libc.so.0` uClibc);
    /// 4. for static binaries, the notes the start files leave (glibc's ABI tag, Android's ident note)
    ///    and the names of libc start-up functions, when the symbol table is still there.
    /// A stripped static binary without notes is `unknown`: that is an honest answer.
    init(_ elf: ELFFile) {
        if let interpreter = elf.interpreter, let libc = Self.fromInterpreter(interpreter) { self = libc; return }
        if let soname = elf.dynamic?.soname, let libc = Self.fromSoname(soname) { self = libc; return }
        if !elf.glibcVersions.isEmpty { self = .glibc; return }
        let needed = elf.dynamic?.needed ?? []
        if needed.contains("libc.so.6") { self = .glibc; return }
        if needed.contains(where: { $0 == "libc.so" || $0.hasPrefix("libc.musl-") }) { self = .musl; return }
        if needed.contains("libc.so.0") { self = .uclibc; return }
        if elf.notes.hasAndroidIdent { self = .bionic; return }
        let symbols = elf.symbols.found
        if symbols.contains("__init_libc") || symbols.contains("__libc_start_init") || symbols.contains("__init_tls") { self = .musl; return }
        if elf.notes.hasGNUABITag || symbols.contains("__libc_setup_tls") || symbols.contains("_dl_relocate_static_pie")
            || symbols.contains("_dl_aux_init") { self = .glibc; return }
        self = .unknown
    }

    /// The C library itself, or its loader.
    static func fromSoname(_ soname: String) -> Libc? {
        switch soname {
        case "libc.so.6": .glibc
        case "libc.so": .musl
        case "libc.so.0": .uclibc
        default: fromInterpreter(soname)
        }
    }

    static func fromInterpreter(_ path: String) -> Libc? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix("ld-musl-") { return .musl }
        // ld.so.1 is glibc's loader on 32-bit powerpc, mips and s390.
        if name.hasPrefix("ld-linux") || name.hasPrefix("ld64.so") || name == "ld.so.1" { return .glibc }
        if path.hasPrefix("/system/bin/linker") || path.hasPrefix("/apex/") { return .bionic }
        if name.hasPrefix("ld-uClibc") { return .uclibc }
        return nil
    }
}
