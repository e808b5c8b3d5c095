/// A target triple such as `x86_64-linux-musl`, and the other spellings tools expect. What
/// each tool calls its machine is in its `TargetProfile`.
public struct Triple: Sendable, Hashable, CustomStringConvertible {
    public var architecture: String
    public var system: String
    public var environment: String

    public init(architecture: String, system: String, environment: String) {
        self.architecture = architecture
        self.system = system
        self.environment = environment
    }

    /// `ARCH-SYSTEM-ENVIRONMENT`, or with a vendor, `ARCH-VENDOR-SYSTEM-ENVIRONMENT` (the
    /// vendor is dropped: `x86_64-unknown-linux-musl` is `x86_64-linux-musl`). Nil when the
    /// text has another shape.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        switch parts.count {
        case 3: self.init(architecture: parts[0], system: parts[1], environment: parts[2])
        case 4: self.init(architecture: parts[0], system: parts[2], environment: parts[3])
        default: return nil
        }
    }

    /// The target of a prefix made without `--target` (`TargetProfile.default`'s).
    public static let x86_64Musl = Triple(architecture: "x86_64", system: "linux", environment: "musl")
    public static var `default`: Triple { .x86_64Musl }

    public var description: String { "\(architecture)-\(system)-\(environment)" }

    /// `ARCH-unknown-SYSTEM-ENVIRONMENT`: what autotools' config.sub makes of the triple, and
    /// one spelling of the tools' aliases. Rust's own name for the target is the profile's
    /// `rustTarget`; `vendorSpellings` has both.
    public var withVendor: String { "\(architecture)-unknown-\(system)-\(environment)" }

    /// The spellings with a vendor that the prefix links its tools and sysroot under
    /// (Aliases): config.sub's (`arm-unknown-linux-musleabihf`) and, where it differs, Rust's
    /// (`armv7-unknown-linux-musleabihf`, `riscv64gc-unknown-linux-musl`), which cc-rs and
    /// cargo users look for.
    public var vendorSpellings: [String] {
        guard let rust = TargetProfile.of(self)?.rustTarget, rust != withVendor else { return [withVendor] }
        return [withVendor, rust]
    }
}
