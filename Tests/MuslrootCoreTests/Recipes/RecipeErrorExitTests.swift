import Testing
@testable import MuslrootCore

@Suite("Recipe errors' exit status")
struct RecipeErrorExitTests {
    @Test("a recipe error says its own exit status (usage), as every other domain's error does",
          arguments: [RecipeError.unknownPackage(name: "zlibb", suggestions: ["zlib"]),
                      .missingField(file: "x.toml", key: "version"),
                      .missingDirectory(path: "/nonexistent")])
    func usage(error: RecipeError) {
        let provider = (error as any Error) as? any ExitStatusProviding
        #expect(provider?.exitStatus == .usage)
        #expect(ExitStatus.forError(error) == .usage)
    }
}
