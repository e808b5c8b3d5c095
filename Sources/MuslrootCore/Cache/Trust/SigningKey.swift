import Crypto
import Foundation

/// The private half of an Ed25519 key pair that signs artifacts (`cache keygen`, then
/// `cache export` and `cache push --sign-key FILE`). The file holds one line,
/// `muslroot-ed25519-secret:BASE64` (the 32-byte seed), readable by its owner only.
public struct SigningKey: Sendable {
    static let prefix = "muslroot-ed25519-secret:"
    /// The 32-byte seed (the key itself is not `Sendable`).
    let seed: Data

    private var key: Curve25519.Signing.PrivateKey {
        // The seed was checked when it was read or made.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var publicKey: PublicKey { PublicKey(key.publicKey) }

    public static func generate() -> SigningKey { SigningKey(seed: Curve25519.Signing.PrivateKey().rawRepresentation) }

    public var text: String { Self.prefix + seed.base64EncodedString() }

    /// Reads a key file written by `write(to:)`.
    public static func read(_ path: String) throws(CacheError) -> SigningKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path: path, reason: "cannot read it (\(SystemFailure(path).text))")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(prefix), let raw = Data(base64Encoded: String(text.dropFirst(prefix.count))),
              (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) != nil else {
            let hint = text.hasPrefix(PublicKey.prefix) ? "; it is a public key: sign with the private one, the file without .pub" : ""
            throw .keyFile(path: path, reason: "it is not a muslroot signing key (one line, \(prefix)BASE64)\(hint)")
        }
        return SigningKey(seed: raw)
    }

    /// Writes the key pair: `path` (mode 0600) and `path.pub`. Never overwrites a file.
    public func write(to path: String) throws(CacheError) {
        for (file, text, mode) in [(path, self.text, mode_t(0o600)), ("\(path).pub", publicKey.text, mode_t(0o644))] {
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                let reason = errno == EEXIST ? "it exists already; choose another name or remove it" : SystemFailure(file).text
                throw .keyFile(path: file, reason: reason)
            }
            let bytes = Array("\(text)\n".utf8)
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
            close(descriptor)
            guard written == bytes.count else { throw .keyFile(path: file, reason: "could not write it") }
        }
    }

    /// Signs `message` (a descriptor's bytes).
    public func signature(of message: Data) throws(CacheError) -> ArtifactSignature {
        do {
            return ArtifactSignature(key: publicKey.text, signature: try key.signature(for: message).base64EncodedString())
        } catch {
            throw .keyFile(path: "(signing key)", reason: "signing failed: \(error)")
        }
    }
}
