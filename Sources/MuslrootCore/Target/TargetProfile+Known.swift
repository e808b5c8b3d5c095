extension TargetProfile {
    /// Every target muslroot knows, the default first (docs/targets.md).
    public static let known: [TargetProfile] = [
        TargetProfile(
            triple: .x86_64Musl, muslArch: "x86_64", muslLoader: "ld-musl-x86_64.so.1", gccLibraryDirectory: "lib64",
            cmakeProcessor: "x86_64", mesonCPUFamily: "x86_64", mesonCPU: "x86_64", endian: .little,
            rustTarget: "x86_64-unknown-linux-musl",
            emulator: "qemu-x86_64-static", nativeMachines: ["x86_64"], elfMachine: 62, elf64: true, debianTriple: "x86_64-linux-gnu"),
        TargetProfile(
            triple: Triple(architecture: "aarch64", system: "linux", environment: "musl"),
            muslArch: "aarch64", muslLoader: "ld-musl-aarch64.so.1", gccLibraryDirectory: "lib64",
            cmakeProcessor: "aarch64", mesonCPUFamily: "aarch64", mesonCPU: "aarch64", endian: .little,
            rustTarget: "aarch64-unknown-linux-musl",
            emulator: "qemu-aarch64-static", nativeMachines: ["aarch64"], elfMachine: 183, elf64: true, debianTriple: "aarch64-linux-gnu"),
        // ARMv7-A, hard float (VFPv3-D16, the least every ARMv7-A with an FPU has), Thumb-2.
        TargetProfile(
            triple: Triple(architecture: "arm", system: "linux", environment: "musleabihf"),
            muslArch: "arm", muslLoader: "ld-musl-armhf.so.1", gccLibraryDirectory: "lib",
            cmakeProcessor: "armv7l", mesonCPUFamily: "arm", mesonCPU: "armv7", endian: .little,
            rustTarget: "armv7-unknown-linux-musleabihf",
            emulator: "qemu-arm-static", nativeMachines: ["armv7l", "armv8l"], elfMachine: 40, elf64: false, debianTriple: "arm-linux-gnueabihf"),
        // RV64GC with the double-float ABI: what Linux distributions and Rust assume.
        TargetProfile(
            triple: Triple(architecture: "riscv64", system: "linux", environment: "musl"),
            muslArch: "riscv64", muslLoader: "ld-musl-riscv64.so.1", gccLibraryDirectory: "lib",
            cmakeProcessor: "riscv64", mesonCPUFamily: "riscv64", mesonCPU: "riscv64", endian: .little,
            rustTarget: "riscv64gc-unknown-linux-musl",
            emulator: "qemu-riscv64-static", nativeMachines: ["riscv64"], elfMachine: 243, elf64: true, debianTriple: "riscv64-linux-gnu"),
        TargetProfile(
            triple: Triple(architecture: "i686", system: "linux", environment: "musl"),
            muslArch: "i386", muslLoader: "ld-musl-i386.so.1", gccLibraryDirectory: "lib",
            cmakeProcessor: "i686", mesonCPUFamily: "x86", mesonCPU: "i686", endian: .little,
            rustTarget: "i686-unknown-linux-musl",
            emulator: "qemu-i386-static", nativeMachines: ["i686", "x86_64"], elfMachine: 3, elf64: false, debianTriple: "i686-linux-gnu"),
    ]
}
