import Foundation
import Testing
@testable import MuslrootCore

@Suite("Target: profiles and their variables")
struct TargetProfileTests {
    @Test func triplesParseWithOrWithoutAVendor() throws {
        #expect(Triple(parsing: "x86_64-linux-musl") == .x86_64Musl)
        #expect(Triple(parsing: "x86_64-unknown-linux-musl") == .x86_64Musl)
        #expect(Triple(parsing: "arm-linux-musleabihf") == Triple(architecture: "arm", system: "linux", environment: "musleabihf"))
        for text in ["", "x86_64", "x86_64-linux", "x86_64--musl", "a-b-c-d-e", "x86_64-linux-musl-"] {
            #expect(Triple(parsing: text) == nil, "\(text)")
        }
        #expect(Triple.default == .x86_64Musl)
        #expect(TargetProfile.default.triple == .default)
        #expect(try TargetProfile(parsing: "x86_64-unknown-linux-musl") == .default)
    }

    @Test("--target takes Rust's names too, and the aliases are config.sub's and Rust's spellings")
    func rustNames() throws {
        for profile in TargetProfile.known {
            #expect(try TargetProfile(parsing: profile.rustTarget) == profile, "\(profile.rustTarget)")
            #expect(profile.triple.vendorSpellings.contains(profile.rustTarget))
            #expect(profile.triple.vendorSpellings.first == profile.triple.withVendor)
        }
        let arm = try TargetProfile(parsing: "armv7-unknown-linux-musleabihf")
        #expect(arm.triple.vendorSpellings == ["arm-unknown-linux-musleabihf", "armv7-unknown-linux-musleabihf"])
        #expect(try TargetProfile(parsing: "riscv64gc-unknown-linux-musl").triple.vendorSpellings
                == ["riscv64-unknown-linux-musl", "riscv64gc-unknown-linux-musl"])
        #expect(Triple.x86_64Musl.vendorSpellings == ["x86_64-unknown-linux-musl"])
        // A near miss is named as the user wrote it (vendor and all), not as muslroot read it.
        #expect(throws: TargetError.unknown(target: "armv7-alpine-linux-musleabihf", known: TargetProfile.known.map(\.triple.description))) {
            try TargetProfile(parsing: "armv7-alpine-linux-musleabihf")
        }
    }

    @Test("a foreign target's CMake and Meson files name its qemu for the programs this machine cannot run")
    func emulatorInBuildFiles() throws {
        let dir = TemporaryDirectory("emulator-files")
        defer { dir.remove() }
        let aarch64 = try TargetProfile(parsing: "aarch64-linux-musl")
        let description = PrefixDescription(root: dir.path, target: aarch64, hasCXX: false)
        let meson = MesonCrossFile.text(description, relocatable: false)
        #expect(meson.contains("exe_wrapper = 'qemu-aarch64-static'"), "\(meson)")
        #expect(!meson.contains("needs_exe_wrapper"), "Meson decides from the machines, not a fixed answer")
        let cmake = CMakeToolchainFile.text(description, relocatable: false)
        #expect(cmake.contains("find_program(MUSLROOT_EMULATOR qemu-aarch64-static)"), "\(cmake)")
        #expect(cmake.contains("CMAKE_HOST_SYSTEM_PROCESSOR STREQUAL \"aarch64\""), "\(cmake)")
    }

    @Test func anUnknownTargetListsTheKnownOnes() {
        let known = ["x86_64-linux-musl", "aarch64-linux-musl", "arm-linux-musleabihf", "riscv64-linux-musl", "i686-linux-musl"]
        #expect(TargetProfile.known.map(\.triple.description) == known)
        #expect(throws: TargetError.unknown(target: "mips-linux-musl", known: known)) { try TargetProfile(parsing: "mips-linux-musl") }
        #expect(throws: TargetError.unknown(target: "x86_64", known: known)) { try TargetProfile(parsing: "x86_64") }
        let message = TargetError.unknown(target: "mips-linux-musl", known: known).description
        #expect(message == "unknown target 'mips-linux-musl'; muslroot knows: \(known.joined(separator: ", "))")
        #expect(ExitStatus.forError(TargetError.unknown(target: "x", known: known)) == .usage)
        #expect(TargetProfile.of(Triple(architecture: "mips", system: "linux", environment: "musl")) == nil)
    }

    @Test func everyRowIsConsistent() {
        #expect(Set(TargetProfile.known.map(\.triple)).count == TargetProfile.known.count)
        for profile in TargetProfile.known {
            // musl names its loader after its arch, with "hf" for the hard-float ABI of arm.
            let suffix = profile.triple.environment.hasSuffix("hf") ? "hf" : ""
            #expect(profile.muslLoader == "ld-musl-\(profile.muslArch)\(suffix).so.1", "\(profile.triple)")
            #expect(profile.rustTarget.hasSuffix("-unknown-linux-\(profile.triple.environment)"), "\(profile.triple)")
            #expect(profile.emulator.hasPrefix("qemu-") && profile.emulator.hasSuffix("-static"), "\(profile.triple)")
            #expect(!profile.nativeMachines.isEmpty)
            #expect(Set(profile.variables.keys) == Set(TargetProfile.variableNames))
        }
        #expect(TargetProfile.default.runsNatively(on: "x86_64"))
        #expect(!TargetProfile.default.runsNatively(on: "aarch64"))
    }

    @Test func profileVariablesAreBuiltIn() throws {
        for name in TargetProfile.variableNames { #expect(VariableScope.builtins.contains(name)) }
        let directory = TemporaryDirectory("target-vars")
        defer { directory.remove() }
        directory.write("r.toml", """
            name = "r"
            version = "1"
            [[source]]
            url = "https://example.org/r-1.tar.gz"
            sha256 = "\(String(repeating: "a", count: 64))"
            [vars]
            musl-loader = "ld-mips.so"
            [[phase]]
            name = "p"
            run = [["true"]]
            """)
        #expect {
            try RecipeBook.load(directories: [directory.path])
        } throws: { error in
            "\(error)".contains("'musl-loader' is set by muslroot")
        }
    }

    @Test func recipesLoadWithTheTargetsValues() throws {
        let directory = TemporaryDirectory("target-resolve")
        defer { directory.remove() }
        directory.write("r.toml", """
            name = "r"
            version = "1"
            summary = "s"
            homepage = "https://example.org"
            license = "MIT"
            installs = ["${target}/${gcc-libdir}/x"]
            [[source]]
            url = "https://example.org/r-1.tar.gz"
            sha256 = "\(String(repeating: "a", count: 64))"
            [vars]
            flags = ["${options}", "ARCH=${kernel-arch}"]
            options = []
            [env]
            LOADER = "${musl-loader}"
            [[phase]]
            name = "p"
            cwd = "${build}/${musl-arch}"
            run = [["configure", "${options}", "--arch=${kernel-arch}", "${flags}", "${build}"]]
            [target.x86_64-linux-musl]
            kernel-arch = "x86"
            [target.riscv64-linux-musl]
            kernel-arch = "riscv"
            options = ["--with-arch=rv64gc", "--with-abi=lp64d"]
            """)
        let x86 = try #require(try RecipeBook.load(directories: [directory.path])["r"])
        #expect(x86.phases[0].commands == [["configure", "--arch=x86", "${flags}", "${build}"]])
        #expect(x86.variables["flags"] == .list(["ARCH=x86"]))
        #expect(x86.environment["LOADER"] == "ld-musl-x86_64.so.1")
        #expect(x86.installs == ["${target}/lib64/x"])
        #expect(x86.phases[0].directory == "${build}/x86_64")

        let riscv = try TargetProfile(parsing: "riscv64-linux-musl")
        let book = try RecipeBook.load(directories: [directory.path], target: riscv)
        let recipe = try #require(book["r"])
        #expect(recipe.phases[0].commands == [["configure", "--with-arch=rv64gc", "--with-abi=lp64d", "--arch=riscv", "${flags}", "${build}"]])
        #expect(recipe.variables["flags"] == .list(["--with-arch=rv64gc", "--with-abi=lp64d", "ARCH=riscv"]))
        #expect(recipe.environment["LOADER"] == "ld-musl-riscv64.so.1")
    }

    @Test func noShippedRecipeNamesAnArchitecture() throws {
        // Outside its [target.T] tables, a recipe reads the names of the target from the
        // profile's variables or its own tables: no copy of a command per architecture.
        let words = ["x86", "aarch64", "arm64", "armv7", "riscv", "i386", "i686", "ld-musl-"]
        var files: [String] = []
        for directory in [TestPaths.recipes, TestPaths.mirrorOverlay] {
            let paths = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
            files += paths.filter { $0.hasSuffix(".toml") }.map { "\(directory)/\($0)" }
        }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var inTargetTable = false
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                if line.hasPrefix("[") { inTargetTable = line.hasPrefix("[target.") }
                if inTargetTable { continue }
                for word in words { #expect(!line.contains(word), "\(file): \(line) names \(word)") }
            }
        }
    }
}
