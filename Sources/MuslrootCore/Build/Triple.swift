/// A target triple such as `x86_64-linux-musl`, and the other spellings tools expect.
public struct Triple: Sendable, Hashable, CustomStringConvertible {
    public var architecture: String
    public var system: String
    public var environment: String

    public static let x86_64Musl = Triple(architecture: "x86_64", system: "linux", environment: "musl")

    public var description: String { "\(architecture)-\(system)-\(environment)" }

    /// `x86_64-unknown-linux-musl`: the spelling Rust and many build systems use.
    public var withVendor: String { "\(architecture)-unknown-\(system)-\(environment)" }
}
