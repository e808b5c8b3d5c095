import Foundation
@testable import MuslrootCore
import Testing

/// Which manifest is which target's, and which target a command takes.
@Suite struct PrefixTargetsTests {
    static func manifest(_ target: String) -> Manifest {
        Manifest(muslroot: "test", target: target, created: "now", packages: [])
    }

    @Test func theFirstTargetKeepsManifestJSONAndLaterOnesHaveTheirOwn() throws {
        let directory = TemporaryDirectory("prefix-targets")
        defer { directory.remove() }
        let prefix = directory.path
        #expect(Manifest.path(in: prefix, target: "aarch64-linux-musl") == "\(prefix)/.muslroot/manifest.json", "an empty prefix")
        try Self.manifest("x86_64-linux-musl").save(prefix: prefix)
        try Self.manifest("aarch64-linux-musl").save(prefix: prefix)
        try Self.manifest("arm-linux-musleabihf").save(prefix: prefix)
        #expect(Manifest.load(prefix: prefix)?.target == "x86_64-linux-musl")
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/.muslroot/targets/aarch64-linux-musl.json"))
        #expect(Manifest.load(prefix: prefix, target: "aarch64-linux-musl")?.target == "aarch64-linux-musl")
        #expect(Manifest.load(prefix: prefix, target: "riscv64-linux-musl") == nil)
        let targets = PrefixTargets.load(prefix: prefix)
        #expect(targets.targets == ["x86_64-linux-musl", "aarch64-linux-musl", "arm-linux-musleabihf"])

        // No --target: x86_64 of several, saying so; --target: that one; one it lacks: the command that adds it.
        let chosen = try targets.choose(nil)
        #expect(chosen.manifest.target == "x86_64-linux-musl")
        #expect(chosen.note?.contains("this is for x86_64-linux-musl (--target picks another)") == true)
        #expect(try targets.choose(try TargetProfile(parsing: "aarch64-linux-musl").triple).manifest.target == "aarch64-linux-musl")
        #expect(throws: TargetError.notInPrefix(prefix: prefix, target: "riscv64-linux-musl",
                                                holds: ["x86_64-linux-musl", "aarch64-linux-musl", "arm-linux-musleabihf"])) {
            try targets.choose(try TargetProfile(parsing: "riscv64-linux-musl").triple)
        }
    }

    @Test("bootstrap without --target: the prefix's only target, saying so; x86_64 in a new prefix or one of several")
    func bootstrapTarget() throws {
        let directory = TemporaryDirectory("prefix-targets-bootstrap")
        defer { directory.remove() }
        let prefix = directory.path
        let aarch64 = try TargetProfile(parsing: "aarch64-linux-musl").triple
        #expect(PrefixTargets.load(prefix: prefix).bootstrapTarget(nil) == (Triple.default, nil), "a new prefix")
        try Self.manifest("aarch64-linux-musl").save(prefix: prefix)
        let only = PrefixTargets.load(prefix: prefix).bootstrapTarget(nil)
        #expect(only.triple == aarch64)
        #expect(only.note == "\(prefix) holds aarch64-linux-musl; this is for aarch64-linux-musl (--target x86_64-linux-musl adds that beside it)")
        #expect(PrefixTargets.load(prefix: prefix).bootstrapTarget(.default) == (Triple.default, nil), "asked for")
        try Self.manifest("arm-linux-musleabihf").save(prefix: prefix)
        #expect(PrefixTargets.load(prefix: prefix).bootstrapTarget(nil) == (Triple.default, nil), "several: the default")
    }

    @Test func severalTargetsWithoutX86_64NeedTarget() throws {
        let directory = TemporaryDirectory("prefix-targets-arm")
        defer { directory.remove() }
        try Self.manifest("aarch64-linux-musl").save(prefix: directory.path)
        #expect(try PrefixTargets.load(prefix: directory.path).choose(nil).note == nil, "its only target")
        try Self.manifest("arm-linux-musleabihf").save(prefix: directory.path)
        let error = #expect(throws: TargetError.self) { try PrefixTargets.load(prefix: directory.path).choose(nil) }
        #expect(error?.description.contains("say which with --target") == true)
        #expect(error?.exitStatus == .usage)
    }

    @Test func aLaterTargetsFilesCarryItsTriple() {
        let first = ExportPaths(triple: .default)
        #expect(first.all == PrefixExports.paths())
        let later = ExportPaths(triple: try! TargetProfile(parsing: "aarch64-linux-musl").triple, isFirstTarget: false)
        #expect(later.all == ["bin/aarch64-linux-musl-pkg-config", "lib/muslroot/rust-aarch64-linux-musl/cc",
                              "lib/muslroot/rust-aarch64-linux-musl/libunwind.a", "share/muslroot/cargo-config-aarch64-linux-musl.toml",
                              "share/muslroot/meson-cross-aarch64-linux-musl.ini",
                              "share/muslroot/meson-cross-absolute-aarch64-linux-musl.ini", "share/muslroot/toolchain-aarch64-linux-musl.cmake"])
        // doctor --target names that target's Meson cross file.
        var meson = MesonReport(path: "/usr/bin/meson", version: "1.0.1")
        meson.files = later
        #expect(meson.crossFile == "share/muslroot/meson-cross-absolute-aarch64-linux-musl.ini")
        #expect(meson.text(prefix: "/p").contains("--cross-file /p/share/muslroot/meson-cross-absolute-aarch64-linux-musl.ini"))
    }

    @Test func eachTargetWorksInItsOwnDirectory() {
        let workspace = Workspace.standard(for: "/home/u/cross")
        #expect(workspace.scoped(to: .default).root == "/home/u/.cross.muslroot")
        let arm = workspace.scoped(to: try! TargetProfile(parsing: "aarch64-linux-musl").triple)
        #expect(arm.root == "/home/u/.cross.muslroot/aarch64-linux-musl")
        #expect(arm.stage == workspace.stage)
    }
}
