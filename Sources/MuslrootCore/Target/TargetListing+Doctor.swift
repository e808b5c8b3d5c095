extension TargetListing {
    /// What `muslroot doctor` says of the target it checks (`--target`, the prefix's, or the
    /// default): whether `bootstrap --toolchain host --target` can build it here, and how its
    /// programs run here, with the Debian package to install for what is missing. Neither is
    /// required: the full gcc flavour needs no cross gcc, and without qemu the smoke test only
    /// compiles its programs.
    public var doctorText: String {
        let host = "bootstrap --toolchain host --target \(triple)"
        var lines = ["target \(triple) (Rust: \(rustTarget)):"]
        if hostToolchain.installed {
            lines.append("  ok       \(hostToolchain.compiler) (\(hostToolchain.package)) for \(host)")
        } else {
            lines.append("  missing  \(hostToolchain.lacking.tool)  needed by \(host); install: apt-get install \(hostToolchain.lacking.package)")
        }
        switch programs.runs {
        case "native":
            lines.append("  ok       its programs run natively here")
        case "emulator":
            lines.append("  ok       its programs run under \(programs.emulatorPath ?? programs.emulator ?? "")")
        default:
            lines.append("  missing  \(programs.emulator ?? "its emulator")  runs its programs here (without it the smoke test only "
                + "compiles them); install: apt-get install qemu-user-static")
        }
        return lines.joined(separator: "\n")
    }
}
