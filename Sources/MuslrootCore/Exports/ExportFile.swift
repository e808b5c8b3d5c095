import Foundation

/// Writing one generated file atomically, with the mode it needs.
enum ExportFile {
    @discardableResult
    static func write(_ text: String, to path: String, executable: Bool = false) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // A symbolic link there (an alias) is replaced, not written through.
        if (try? fm.destinationOfSymbolicLink(atPath: path)) != nil { try fm.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try fm.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        return path
    }
}
