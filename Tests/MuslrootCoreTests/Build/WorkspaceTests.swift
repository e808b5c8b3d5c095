import Foundation
@testable import MuslrootCore
import Testing

/// Where a build works: beside the prefix for an ordinary path, in the cache for one that
/// configure scripts cannot take; the stage always beside the prefix; refusals before any work.
struct WorkspaceTests {
    static let environment = ["XDG_CACHE_HOME": "/var/cache/u", "HOME": "/home/u"]

    @Test func anOrdinaryPrefixBuildsInItsHiddenSibling() throws {
        let workspace = try Workspace.choose(prefix: "/home/u/cross", workDirectory: nil, environment: Self.environment)
        #expect(workspace.root == "/home/u/.cross.muslroot")
        #expect(workspace.stage == "/home/u/.cross.muslroot/stage")
        #expect(workspace.root == Workspace.standard(for: "/home/u/cross").root)
        #expect(workspace.stage == Workspace.standard(for: "/home/u/cross").stage)
    }

    @Test(arguments: ["/tmp/x/mi space", "/tmp/a b'c$d/prefix", "/tmp/q\"uote/p", "/tmp/back`tick`/p"])
    func aPrefixWithAnAwkwardPathBuildsInTheCache(prefix: String) throws {
        let workspace = try Workspace.choose(prefix: prefix, workDirectory: nil, environment: Self.environment)
        #expect(workspace.root.hasPrefix("/var/cache/u/muslroot/work/"))
        #expect(Workspace.unsafeCharacter(in: workspace.root) == nil, "\(workspace.root)")
        #expect(workspace.stage == Workspace.stage(for: prefix))
        #expect(workspace.stage.hasPrefix(URL(fileURLWithPath: prefix).deletingLastPathComponent().path + "/."))
    }

    @Test func twoPrefixesOfOneNameGetTwoWorkDirectories() throws {
        let one = try Workspace.choose(prefix: "/tmp/a b/cross", workDirectory: nil, environment: Self.environment)
        let two = try Workspace.choose(prefix: "/tmp/c d/cross", workDirectory: nil, environment: Self.environment)
        #expect(one.root != two.root)
        #expect(one.root.hasPrefix("/var/cache/u/muslroot/work/cross-"))
    }

    @Test func withoutXDGTheCacheIsUnderHome() throws {
        let workspace = try Workspace.choose(prefix: "/tmp/a b/cross", workDirectory: nil, environment: ["HOME": "/home/u"])
        #expect(workspace.root.hasPrefix("/home/u/.cache/muslroot/work/cross-"))
    }

    @Test func workDirKeepsTheStageBesideThePrefix() throws {
        let workspace = try Workspace.choose(prefix: "/tmp/a b/cross", workDirectory: "/scratch/w", environment: Self.environment)
        #expect(workspace.root == "/scratch/w")
        #expect(workspace.stage == "/tmp/a b/.cross.muslroot/stage")
    }

    @Test func anAwkwardWorkDirIsRefused() throws {
        #expect {
            try Workspace.choose(prefix: "/tmp/cross", workDirectory: "/tmp/my work", environment: Self.environment)
        } throws: { error in
            guard case let .unusableWorkPath(path, character, prefix)? = error as? BuildError else { return false }
            let text = String(describing: error)
            return path == "/tmp/my work" && character == " " && prefix == nil && text.contains("--work-dir")
                && ExitStatus.forError(error) == .usage
        }
    }

    @Test func aCacheUnderAnAwkwardHomeIsRefusedNamingWorkDir() throws {
        #expect {
            try Workspace.choose(prefix: "/home/John Smith/cross", workDirectory: nil, environment: ["HOME": "/home/John Smith"])
        } throws: { error in
            guard case let .unusableWorkPath(path, _, prefix)? = error as? BuildError else { return false }
            let text = String(describing: error)
            return path.hasPrefix("/home/John Smith/.cache/muslroot/work/") && prefix?.path == "/home/John Smith/cross"
                && text.contains("--work-dir DIR") && text.contains("Nothing was done")
        }
    }

    @Test func unsafeCharacters() {
        #expect(Workspace.unsafeCharacter(in: "/home/u/.cross-1.2_x+y,z@h%q=r~s/Münch") == nil)
        for path in ["/a b", "/a'b", "/a$b", "/a\"b", "/a`b", "/a\\b", "/a#b", "/a:b", "/a;b", "/a*b", "/a\tb", "/a\u{00A0}b"] {
            #expect(Workspace.unsafeCharacter(in: path) != nil, "\(path)")
        }
    }
}
