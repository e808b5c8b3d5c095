import Foundation

/// What a prepared source tree was made from: each archive's sha256 and where it went, each
/// patch's name and sha256. Written last into the tree (`.muslroot-source`); a tree whose
/// stamp matches is used as is, any other is made again.
public struct SourceStamp: Sendable, Equatable {
    public static let fileName = ".muslroot-source"

    public var text: String

    public init(recipe: Recipe) throws(PatchError) {
        var lines = ["muslroot source tree 1", "recipe \(recipe.name) \(recipe.version)"]
        for source in recipe.sources {
            lines.append("source \(source.name) \(source.sha256) \(source.destination.isEmpty ? "." : source.destination)")
            lines += source.exclude.sorted().map { "exclude \(source.name) \($0)" }
        }
        for patch in recipe.patches {
            lines.append("patch \((patch as NSString).lastPathComponent) \(try Patcher.sha256(of: patch))")
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// Whether `directory` holds a tree made from exactly this.
    public func matches(_ directory: String) -> Bool {
        (try? String(contentsOfFile: "\(directory)/\(Self.fileName)", encoding: .utf8)) == text
    }

    func write(into directory: String) throws(ExtractError) {
        let path = "\(directory)/\(Self.fileName)"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw .write(archive: "", path: path, message: SystemFailure(path).text)
        }
    }
}
