import Foundation

/// `descriptor.json` beside an artifact: what it holds and where it came from. The packages'
/// manifest entries (with their file lists) are what a prefix's manifest records when the
/// artifact is installed, exactly as a build's would be.
public struct ArtifactDescriptor: Codable, Sendable, Equatable {
    public static let currentFormat = "muslroot-artifact-v1"

    public var format: String
    /// The package key (`PackageKeys`): a library's key, or the whole toolchain's.
    public var key: String
    /// A library's name, or `toolchain`.
    public var package: String
    public var version: String
    public var target: String
    /// The archive's size in bytes, and its sha256.
    public var size: Int64
    public var digest: String
    /// Where it came from: `built here`, or the cache's URL it was verified from.
    public var origin: String
    public var created: String
    /// The manifest entries of the packages in the archive (one for a library; every
    /// toolchain package for a toolchain), in the order they are installed.
    public var packages: [Manifest.Package]

    public static let toolchainPackage = "toolchain"

    public static func decode(_ data: Data) -> ArtifactDescriptor? {
        guard let descriptor = try? JSONDecoder().decode(ArtifactDescriptor.self, from: data),
              descriptor.format == currentFormat else { return nil }
        return descriptor
    }

    /// The same descriptor: every field, the packages' entries included.
    public static func == (lhs: ArtifactDescriptor, rhs: ArtifactDescriptor) -> Bool {
        lhs.encoded() == rhs.encoded()
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
