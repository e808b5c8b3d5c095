import Foundation

/// `descriptor.json.sig` beside a remote artifact (an annotation of its manifest in a
/// registry): an Ed25519 signature of the descriptor's exact bytes. The descriptor names
/// the archive's sha256 and size, so the signature covers the archive too.
public struct ArtifactSignature: Codable, Sendable, Equatable {
    public static let currentFormat = "muslroot-signature-v1"

    public var format = currentFormat
    /// The signer's public key (`muslroot-ed25519:...`).
    public var key: String
    /// Base64.
    public var signature: String

    public init(key: String, signature: String) {
        (self.key, self.signature) = (key, signature)
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// The keys a prefix accepts remote artifacts from (`--trust`, `MUSLROOT_TRUSTED_KEYS`).
public struct TrustedKeys: Sendable {
    public var keys: [PublicKey]

    public init(_ keys: [PublicKey]) { self.keys = keys }

    /// Checks that `signatureFile` is a good signature of `descriptor` by a trusted key.
    /// `url` and `artifactKey` name what is refused in the error.
    func verify(_ descriptor: Data, signatureFile: Data?, url: String, artifactKey: String) throws(CacheError) {
        guard let signatureFile else { throw .unsigned(url: url, key: artifactKey) }
        guard let signature = try? JSONDecoder().decode(ArtifactSignature.self, from: signatureFile),
              signature.format == ArtifactSignature.currentFormat,
              let bytes = Data(base64Encoded: signature.signature) else {
            throw .badSignature(url: url, key: artifactKey, signer: nil)
        }
        guard let signer = PublicKey(text: signature.key) else { throw .badSignature(url: url, key: artifactKey, signer: nil) }
        guard keys.contains(signer) else { throw .untrusted(url: url, key: artifactKey, signer: signer.id, trusted: keys.map(\.id)) }
        guard signer.isValid(bytes, of: descriptor) else { throw .badSignature(url: url, key: artifactKey, signer: signer.id) }
    }
}
