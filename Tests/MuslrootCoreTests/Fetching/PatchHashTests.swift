import Foundation
import Testing
@testable import MuslrootCore

/// A recipe's patches are hashed by one function, for the source stamp and the build
/// fingerprints alike; a missing patch is an error naming it, never hashed as empty.
struct PatchHashTests {
    let scratch = TemporaryDirectory()

    func recipe(patches: [String]) -> Recipe {
        Recipe(name: "pkg", version: "1.0", summary: "", homepage: "", license: "", kind: .library, optional: false,
               sources: [], patches: patches, dependencies: [], variables: [:], environment: [:],
               phases: [], installs: [], files: [])
    }

    @Test func aMissingPatchIsAnErrorForTheFingerprintAndTheStamp() throws {
        let missing = "\(scratch.path)/patches/0001-gone.patch"
        let expected = PatchError.unreadable(patch: missing, reason: "there is no such file")
        #expect(throws: expected) { try RecipeDescription.of(recipe(patches: [missing]), target: .x86_64Musl) }
        #expect(throws: expected) { try SourceStamp(recipe: recipe(patches: [missing])) }
        #expect(expected.description.contains(missing))
    }

    @Test func bothHashAPatchTheSameWay() throws {
        let patch = scratch.write("patches/0001-fix.patch", "--- a/x\n+++ b/x\n")
        let digest = try Patcher.sha256(of: patch)
        #expect(digest == FileDigest.sha256(of: Data("--- a/x\n+++ b/x\n".utf8)))
        #expect(try SourceStamp(recipe: recipe(patches: [patch])).text.contains("patch 0001-fix.patch \(digest)"))
        #expect(try RecipeDescription.of(recipe(patches: [patch]), target: .x86_64Musl).contains("patch 0001-fix.patch \(digest)"))
    }

    @Test func oneHexEncoder() {
        #expect(FileDigest.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(ELFHeader.describeForeign([0x00, 0x0f, 0xa0, 0xff]) == "starts with bytes 00 0f a0 ff, not 7f 45 4c 46")
    }
}
