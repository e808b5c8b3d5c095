import Foundation
@testable import MuslrootCore
import Testing

/// The two Meson cross files a prefix carries, and what `doctor` says about the Meson it finds.
struct MesonCrossFileTests {
    @Test func aStageGetsTheAbsoluteFileNamingThePrefixItBecomes() throws {
        let stage = try FakePrefix(name: "\(FakePrefix.awkwardName)/.cross.muslroot/stage", packages: ["zlib"])
        defer { stage.remove() }
        let manifest = try #require(Manifest.load(prefix: stage.root))
        let prefix = "\(stage.directory.path)/\(FakePrefix.awkwardName)/cross"
        let placed = try PrefixExports.write(intoStage: stage.root, manifest: manifest, prefix: prefix)
        #expect(placed.contains(MesonCrossFile.absolutePath) && placed.contains(MesonCrossFile.path))
        let text = try String(contentsOfFile: "\(stage.root)/\(MesonCrossFile.absolutePath)", encoding: .utf8)
        #expect(text == PrefixExports.absoluteMesonCrossFile(PrefixDescription(root: prefix, packages: ["zlib"])))
        #expect(!text.contains("prefer_static") && text.contains("default_library = 'static'"), "Meson 0.61 rejects prefer_static")
        #expect(text.contains("prefix = \(ShellQuoting.meson(prefix))\n"))
        #expect(!text.contains("@DIRNAME@") && !text.contains(".muslroot/stage"))
        let relocatable = try String(contentsOfFile: "\(stage.root)/\(MesonCrossFile.path)", encoding: .utf8)
        #expect(relocatable.contains("'@DIRNAME@'"))
    }

    @Test(arguments: [("1.0.1", false), ("0.61.5", false), ("1.2.3", false), ("1.3.0", true), ("1.3.0rc1", true), ("1.12.0", true)])
    func whichFileAMesonReads(version: String, readsDirname: Bool) {
        let report = MesonReport(path: "/usr/bin/meson", version: version)
        #expect(report.readsDirname == readsDirname)
        #expect(report.crossFile == (readsDirname ? MesonCrossFile.path : MesonCrossFile.absolutePath))
        #expect(report.text(prefix: "/p").contains("Meson: \(version) (/usr/bin/meson)"))
        #expect(report.text(prefix: "/p").contains("/p/\(report.crossFile)"))
    }

    @Test func doctorSaysWhenTheAbsoluteFileNamesAnotherPlace() throws {
        let prefix = try FakePrefix(packages: ["zlib"])
        defer { prefix.remove() }
        try PrefixExports.write(into: prefix.root)
        let old = MesonReport(path: "/usr/bin/meson", version: "1.0.1")
        #expect(!old.text(prefix: prefix.root).contains("names "))
        let moved = "\(prefix.directory.path)/moved"
        try FileManager.default.moveItem(atPath: prefix.root, toPath: moved)
        let text = old.text(prefix: moved)
        #expect(text.contains("names \(ShellQuoting.meson(prefix.root))"), "\(text)")
        #expect(text.contains("muslroot env --prefix \(ShellQuoting.sh(moved)) --meson > cross.ini"), "\(text)")
    }

    @Test func noMeson() {
        let text = MesonReport(path: nil, version: nil).text(prefix: nil)
        #expect(text.hasPrefix("Meson: not found") && text.contains("apt-get install meson"))
    }

    @Test func theMesonTemplateQuotesAnAwkwardToolchain() async throws {
        let dir = TemporaryDirectory("meson-template")
        defer { dir.remove() }
        let toolchain = "\(dir.path)/a b'c$d&e|f"
        let relocatable = MesonCrossFile.text(PrefixDescription(root: "/unused"), relocatable: true)
        try FileManager.default.createDirectory(atPath: "\(toolchain)/share/muslroot", withIntermediateDirectories: true)
        try relocatable.write(toFile: "\(toolchain)/\(MesonCrossFile.path)", atomically: true, encoding: .utf8)
        // The template's script up to meson itself, which `true` stands in for.
        let script = BuildSystem.mesonSetup.replacingOccurrences(of: "exec meson setup", with: "exec true")
        let outcome = try await HostCommand(["/bin/sh", "-c", script, toolchain, "x86_64-linux-musl", "/src"], directory: dir.path).run()
        #expect(outcome.succeeded, "\(outcome.output)")
        let cross = try String(contentsOfFile: "\(dir.path)/cross.ini", encoding: .utf8)
        #expect(cross.contains("prefix = \(ShellQuoting.meson(toolchain))\n"), "\(cross)")
        #expect(!cross.contains("'@DIRNAME@'"))

        // A target bootstrapped into the prefix after its first has its own cross file.
        var aarch64 = PrefixDescription(root: "/unused", target: try TargetProfile(parsing: "aarch64-linux-musl"))
        aarch64.isFirstTarget = false
        #expect(aarch64.files.mesonCrossFile == "share/muslroot/meson-cross-aarch64-linux-musl.ini")
        try MesonCrossFile.text(aarch64, relocatable: true).write(toFile: "\(toolchain)/\(aarch64.files.mesonCrossFile)", atomically: true, encoding: .utf8)
        let second = try await HostCommand(["/bin/sh", "-c", script, toolchain, "aarch64-linux-musl", "/src"], directory: dir.path).run()
        #expect(second.succeeded, "\(second.output)")
        let secondCross = try String(contentsOfFile: "\(dir.path)/cross.ini", encoding: .utf8)
        #expect(secondCross.contains("cpu_family = 'aarch64'") && secondCross.contains("prefix = \(ShellQuoting.meson(toolchain))\n"), "\(secondCross)")
    }
}
