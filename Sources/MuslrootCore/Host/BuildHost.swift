#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The machine a toolchain is built on and runs on: its architecture and C library. The
/// toolchain's programs (gcc, as, ld) are this machine's programs, linked against its C
/// library, so they are part of what decides a toolchain's bytes (`PackageKeys`) and are
/// recorded in the manifest.
public struct BuildHost: Sendable, Codable, Hashable, CustomStringConvertible {
    /// `uname -m`: `x86_64`, `aarch64`, ...
    public var architecture: String
    /// The C library and its version: `glibc 2.36`, or `musl` where glibc is absent.
    public var libc: String

    public init(architecture: String, libc: String) {
        self.architecture = architecture
        self.libc = libc
    }

    public var description: String { "\(architecture), \(libc)" }

    /// This machine.
    public static func current() -> BuildHost {
        var names = utsname()
        uname(&names)
        let machine = withUnsafeBytes(of: &names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        // "glibc 2.36"; confstr knows no such name under other C libraries.
        var buffer = [CChar](repeating: 0, count: 64)
        let length = confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count)
        let libc = length > 0 && length <= buffer.count ? String(cString: buffer) : "unknown C library"
        return BuildHost(architecture: machine, libc: libc)
    }
}
