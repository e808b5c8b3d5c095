import Foundation

/// Files a phase left half-written when it was killed (`kill -9`, a power cut, a failed
/// phase's compiler cut off mid-write). make trusts modification times: an object file or a
/// program that the assembler or linker had only begun to write is newer than its sources, so
/// the resumed make would keep it and fail much later, or build a broken compiler. Before an
/// interrupted phase runs again, files it modified that are not whole are removed, and make
/// builds them again.
///
/// A file is partial when it was modified since the phase started and it is
/// - an object file (`.o`) that is empty or not a complete ELF file;
/// - an ELF file (by its magic number) whose headers or sections reach past its end;
/// - or a file whose first 64 bytes are all zero: GNU ld and as write the ELF header last,
///   so a program cut off mid-link has none yet.
enum PartialOutput {
    /// The partial files under `directories` modified at or after `since`.
    static func find(in directories: [String], since: Date) -> [String] {
        var found: [String] = []
        let limit = since.timeIntervalSince1970 - 1
        for directory in directories {
            guard let walker = FileManager.default.enumerator(atPath: directory) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = "\(directory)/\(relative)"
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                if modified >= limit, isPartial(path, size: Int(info.st_size)) { found.append(path) }
            }
        }
        return found.sorted()
    }

    static func isPartial(_ path: String, size: Int) -> Bool {
        let isObject = path.hasSuffix(".o")
        if size == 0 { return isObject }
        guard case let .success(source) = ByteSource.open(path) else { return false }
        let reader = ByteReader(source: source)
        guard let head = try? reader.prefix(64) else { return false }
        if !head.starts(with: ELFHeader.magic) {
            return isObject || (head.count == 64 && head.allSatisfy { $0 == 0 })
        }
        return !isCompleteELF(reader)
    }

    /// The ELF header, the program and section header tables and every section lie within the
    /// file (only the headers are read, not the sections).
    static func isCompleteELF(_ reader: ByteReader) -> Bool {
        var reader = reader
        guard let header = try? ELFHeader(reader: &reader) else { return false }
        let sectionZero = try? SectionHeader.zero(header, reader: reader)
        if header.sectionHeaderOffset != 0, sectionZero == nil { return false }
        guard (try? SectionHeader.table(header, sectionZero: sectionZero, reader: reader)) != nil,
              (try? ProgramHeader.table(header, sectionZero: { sectionZero }, reader: reader)) != nil else { return false }
        return true
    }
}
