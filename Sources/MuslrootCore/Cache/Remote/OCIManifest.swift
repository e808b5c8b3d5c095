/// The OCI image manifest of one artifact (the fields muslroot writes and reads).
struct OCIManifest: Codable, Sendable, Equatable {
    struct Descriptor: Codable, Sendable, Equatable {
        var mediaType: String
        /// `sha256:HEX`.
        var digest: String
        var size: Int64
    }

    var schemaVersion = 2
    var mediaType = OCIRegistry.manifestType
    var config: Descriptor
    var layers: [Descriptor]
    var annotations: [String: String]?
}
