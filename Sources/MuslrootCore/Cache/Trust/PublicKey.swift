import Crypto
import Foundation

/// An Ed25519 public key that artifacts may be signed with: `muslroot-ed25519:BASE64`, as
/// `cache keygen` writes it to `NAME.pub`. `--trust` takes the text or that file's path.
public struct PublicKey: Sendable, Hashable {
    static let prefix = "muslroot-ed25519:"
    let raw: Data

    init(_ key: Curve25519.Signing.PublicKey) { raw = key.rawRepresentation }

    public init?(text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(Self.prefix), let raw = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))),
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = raw
    }

    public var text: String { Self.prefix + raw.base64EncodedString() }

    /// A short name for messages: the first 16 hex digits of the key's sha256.
    public var id: String { String(FileDigest.sha256(of: raw).prefix(16)) }

    /// `--trust VALUE`: a key's text, or the path of a file holding one.
    public static func parse(_ value: String) throws(CacheError) -> PublicKey {
        if let key = PublicKey(text: value) { return key }
        if let data = FileManager.default.contents(atPath: value) {
            if let key = PublicKey(text: String(decoding: data, as: UTF8.self)) { return key }
            throw .keyFile(path: value, reason: "it does not hold a muslroot public key (one line, \(prefix)BASE64, as `muslroot cache keygen` writes NAME.pub)")
        }
        throw .keyFile(path: value, reason: "it is neither a public key (\(prefix)BASE64) nor a readable file holding one")
    }

    func isValid(_ signature: Data, of message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
