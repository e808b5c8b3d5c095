import Foundation
@testable import MuslrootCore
import Testing

@Suite("Target: how the build machine runs a target's programs, and which host tools build its musl")
struct EmulationTests {
    let aarch64 = Triple(architecture: "aarch64", system: "linux", environment: "musl")
    let armhf = Triple(architecture: "arm", system: "linux", environment: "musleabihf")
    let i686 = Triple(architecture: "i686", system: "linux", environment: "musl")

    @Test("a foreign target runs through the emulator found on PATH, before the program")
    func emulatorOnPath() throws {
        let dir = TemporaryDirectory("emulation")
        defer { dir.remove() }
        dir.write("bin/qemu-aarch64-static", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(dir.path)/bin/qemu-aarch64-static")
        let emulation = Emulation.of(aarch64, machine: "x86_64", path: "/nonexistent:\(dir.path)/bin")
        #expect(emulation == .emulator("\(dir.path)/bin/qemu-aarch64-static"))
        #expect(emulation.command("./prog", ["a"]) == ["\(dir.path)/bin/qemu-aarch64-static", "./prog", "a"])
        #expect(emulation.note == " under qemu-aarch64-static")
    }

    @Test("without the emulator, nothing runs and the note names the Debian package")
    func emulatorMissing() {
        let dir = TemporaryDirectory("emulation-empty")
        defer { dir.remove() }
        let emulation = Emulation.of(armhf, machine: "x86_64", path: dir.path)
        #expect(emulation == .unavailable(emulator: "qemu-arm-static"))
        #expect(emulation.command("./prog") == nil)
        #expect(emulation.note.contains("qemu-arm-static is not installed") && emulation.note.contains("qemu-user-static"))
    }

    @Test("x86_64 and i686 programs run natively on x86_64; aarch64 ones natively on aarch64")
    func native() {
        #expect(Emulation.of(.x86_64Musl, machine: "x86_64", path: "") == .native)
        #expect(Emulation.of(i686, machine: "x86_64", path: "") == .native)
        #expect(Emulation.of(aarch64, machine: "aarch64", path: "") == .native)
        #expect(Emulation.native.command("./prog") == ["./prog"])
    }

    @Test("the host flavour uses the build machine's gcc for its own target, Debian's cross gcc for the others")
    func hostTools() throws {
        let x86 = try TargetProfile(.x86_64Musl)
        #expect(x86.hostToolPrefix(on: "x86_64") == "")
        #expect(x86.hostCompilerPackage(on: "x86_64") == "gcc")
        let arm64 = try TargetProfile(aarch64)
        #expect(arm64.hostToolPrefix(on: "x86_64") == "aarch64-linux-gnu-")
        #expect(arm64.hostCompilerPackage(on: "x86_64") == "gcc-aarch64-linux-gnu")
        #expect(arm64.hostBinutilsPackage(on: "x86_64") == "binutils-aarch64-linux-gnu")
        #expect(try TargetProfile(armhf).hostToolPrefix(on: "x86_64") == "arm-linux-gnueabihf-")
        #expect(try TargetProfile(i686).hostCompilerPackage(on: "x86_64") == "gcc-i686-linux-gnu")
    }
}
