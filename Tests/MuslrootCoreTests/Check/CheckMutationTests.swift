import Foundation
import MuslrootCore
import Testing

/// A reproducible random number generator (SplitMix64), so a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Mutates valid ELF files thousands of times and checks each: the answer must be a report or a
/// `CheckError` (exit 0, 1 or 2), never a crash. A crash ends the test process, which fails the run.
@Suite("Check: mutated ELF files")
struct CheckMutationTests {
    /// Values that break parsers: zero, all ones, sign bits, sizes around the file's length.
    static func interesting(_ count: Int) -> [UInt64] {
        [0, 1, 2, 0xff, 0xffff, 0x7fff_ffff, 0xffff_ffff, 0x8000_0000_0000_0000, .max, .max - 7,
         UInt64(count), UInt64(count) - 1, UInt64(count) + 1, UInt64(count) / 2]
    }

    /// One mutated copy: a few random bytes, interesting words, or a cut, mostly in the headers,
    /// the tables after them and the section header table at the end, where parsers break.
    static func mutate(_ original: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        let count = bytes.count
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let offset: Int
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4: offset = Int.random(in: 0..<min(count, 0x400), using: &random)
            case 4..<7: offset = Int.random(in: max(0, count - 0x1000)..<count, using: &random)
            default: offset = Int.random(in: 0..<count, using: &random)
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                bytes[offset] = UInt8.random(in: 0...255, using: &random)
            case 5..<9:
                let size = [2, 4, 8].randomElement(using: &random)!
                let start = min(offset & ~(size - 1), count - size)
                let value = interesting(count).randomElement(using: &random)!
                ELFWriter.patch(&bytes, at: start, value, size: size, bigEndian: Bool.random(using: &random))
            default:
                bytes.removeLast(bytes.count - Int.random(in: 0..<bytes.count, using: &random))
                return bytes
            }
        }
        return bytes
    }

    /// MUSLROOT_FUZZ_SCALE=100 multiplies the iterations for a long run; MUSLROOT_FUZZ_SEED changes the seeds;
    /// MUSLROOT_FUZZ_FILES=/bin/ls:/lib/x86_64-linux-gnu/libc.so.6 mutates those files too.
    static let environment = ProcessInfo.processInfo.environment
    static let scale = environment["MUSLROOT_FUZZ_SCALE"].flatMap(Int.init) ?? 1
    static let seedOffset = environment["MUSLROOT_FUZZ_SEED"].flatMap(UInt64.init) ?? 0

    /// Checks `iterations` mutations of `original` (not crashing is the real guard); returns how
    /// many gave a report and how many an error.
    @discardableResult
    static func run(_ original: [UInt8], iterations: Int, seed: UInt64) -> (reports: Int, errors: Int) {
        let iterations = iterations * scale
        var random = SplitMix64(state: seed &+ seedOffset)
        var results: [StaticCheck.Result] = []
        var (reports, errors) = (0, 0)
        for iteration in 0..<iterations {
            let bytes = mutate(original, &random)
            do {
                let report = try StaticCheck.check(bytes: bytes, file: "mutant-\(seed)-\(iteration)")
                _ = CheckFormatter.text(report)
                results.append(.success(report))
                reports += 1
            } catch {
                #expect(error.description.hasPrefix("mutant-\(seed)-\(iteration): "), "the error names the file: \(error)")
                results.append(.failure(error))
                errors += 1
            }
        }
        // Any file that is not ELF makes the exit status 2, whatever the others are.
        if errors > 0 { #expect(StaticCheck.exitStatus(results) == .usage) }
        #expect((try? CheckFormatter.json(results)) != nil)
        return (reports, errors)
    }

    /// Both answers must occur: mutations that never give a report (or never an error) test
    /// only one path of the checker.
    static func expectBothAnswers(_ counts: (reports: Int, errors: Int)) {
        #expect(counts.reports > 0 && counts.errors > 0, "mutations should give both answers: \(counts.reports) reports, \(counts.errors) errors")
    }

    @Test func mutatedDynamicExecutable() throws {
        let path = try HostCompiler.build("mutate-dynamic", source: HostCompiler.dlopenCaller, flags: [])
        Self.expectBothAnswers(Self.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), iterations: 3000, seed: 1))
    }

    @Test func mutatedSharedObject() throws {
        let path = try HostCompiler.build("mutate-shared.so", source: HostCompiler.library, flags: ["-shared", "-fPIC"])
        Self.expectBothAnswers(Self.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), iterations: 2000, seed: 2))
    }

    @Test func mutatedStaticPIE() throws {
        let path = try HostCompiler.build("mutate-static-pie", source: HostCompiler.hello, flags: ["-static-pie"])
        Self.expectBothAnswers(Self.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), iterations: 300, seed: 3))
    }

    /// Needs no compiler: runs on any machine.
    @Test(arguments: CheckKindRuleTests.shapes)
    func mutatedHandMadeFiles(wide: Bool, bigEndian: Bool) {
        let builder = ELFBuilder(wide: wide, bigEndian: bigEndian, type: 3, interpreter: "/lib/ld-musl-x86_64.so.1",
                                 needed: ["libc.so", "libz.so.1"], soname: "libfoo.so", flags1: CheckKindRuleTests.pie)
        Self.expectBothAnswers(Self.run(builder.build(), iterations: 1000, seed: wide ? (bigEndian ? 10 : 11) : (bigEndian ? 12 : 13)))
    }

    @Test(.enabled(if: environment["MUSLROOT_FUZZ_FILES"] != nil, "MUSLROOT_FUZZ_FILES is not set"))
    func mutatedFilesFromTheEnvironment() throws {
        for (index, path) in (Self.environment["MUSLROOT_FUZZ_FILES"] ?? "").split(separator: ":").enumerated() {
            Self.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: String(path)))), iterations: 1000, seed: 100 + UInt64(index))
        }
    }

    /// Section headers, symbol tables and notes in a 32-bit big-endian file.
    @Test func mutatedBigEndian32BitExecutable() throws {
        let path = try HostCompiler.build("mutate-powerpc", source: HostCompiler.freestanding, compiler: "clang",
                                          flags: ["--target=powerpc-linux-gnu", "-fuse-ld=lld", "-nostdlib", "-static", "-ffreestanding"])
        Self.expectBothAnswers(Self.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), iterations: 1000, seed: 4))
    }
}
