import Foundation
import Testing
@testable import MuslrootCore

/// docs/json.md, read as the schema: every event a command prints is documented there, with
/// each of its fields, of the documented type; the fields it says are always there are.
struct JSONSchema {
    struct Field { var type: String; var optional: Bool }
    struct Entry { var fields: [String: Field]; var stamped: Bool }

    let events: [String: Entry]

    init() throws {
        let text = try String(contentsOfFile: "\(TestPaths.repository)/docs/json.md", encoding: .utf8)
        var events: [String: Entry] = [:]
        var current: String?
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("### `") {
                let name = String(line.dropFirst(5).prefix { $0 != "`" })
                events[name] = Entry(fields: [:], stamped: line.contains("(stamped)"))
                current = name
            } else if line.hasPrefix("## ") {
                current = nil
            } else if let name = current, line.hasPrefix("| `") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                let field = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                let type = cells[1]
                events[name]?.fields[field] = Field(type: type.replacingOccurrences(of: ", optional", with: ""),
                                                    optional: type.hasSuffix(", optional"))
            }
        }
        self.events = events
    }

    /// What is wrong with `object` against the schema (nothing: an empty list).
    func problems(_ object: [String: Any]) -> [String] {
        guard let name = object["event"] as? String else { return ["no event field: \(object)"] }
        guard let entry = events[name] else { return ["event '\(name)' is not in docs/json.md"] }
        var fields = entry.fields
        if entry.stamped {
            fields["elapsed"] = Field(type: "number", optional: false)
            fields["self_cpu_seconds"] = Field(type: "number", optional: false)
        }
        var problems: [String] = []
        for (key, value) in object where key != "event" {
            guard let field = fields[key] else { problems.append("\(name): field '\(key)' is not documented"); continue }
            if !Self.matches(value, field.type) { problems.append("\(name).\(key): \(value) is not \(field.type)") }
        }
        for (key, field) in fields where !field.optional && object[key] == nil {
            problems.append("\(name): documented field '\(key)' is missing")
        }
        return problems
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "string": value is String
        case "integer": (value as? NSNumber).map { Double(truncating: $0) == Double(Int(truncating: $0)) } ?? false
        // Not `!(value is Bool)`: on Linux a parsed 0 or 1 casts to Bool too. JSONSerialization
        // makes true and false with objCType "c", numbers with another.
        case "number": (value as? NSNumber).map { String(cString: $0.objCType) != "c" } ?? false
        case "array of strings": (value as? [Any])?.allSatisfy { $0 is String } ?? false
        case "object": value is [String: Any]
        default: false
        }
    }
}

/// Parses JSON lines, recording what is not a JSON object.
func jsonEvents(_ output: String) -> [[String: Any]] {
    output.split(separator: "\n").compactMap { line in
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        if object == nil { Issue.record("not a JSON object: \(line)") }
        return object
    }
}

/// bootstrap, add and fetch in-process, their sources from a local HTTP server: the downloads
/// are reported (as text, and with --json as events in the same stream as the build's), and
/// every event is one docs/json.md documents.
@Suite("JSON events and download progress, against docs/json.md")
struct JSONEventTests {
    let dir = TemporaryDirectory("json-events")
    let server: FaultServer
    let sha: String

    init() async throws {
        #expect(try await shell("mkdir -p src/tiny-1.0 served && echo x > src/tiny-1.0/README && tar czf served/tiny-1.0.tar.gz -C src tiny-1.0",
                                in: dir.path).status == 0)
        server = try FaultServer(root: "\(dir.path)/served")
        sha = sha256("\(dir.path)/served/tiny-1.0.tar.gz")
    }

    func recipe(_ name: String, kind: String, install: String) -> String {
        """
        name = "\(name)"
        version = "1.0"
        summary = "a test recipe"
        homepage = "https://example.invalid/"
        license = "MIT"
        kind = "\(kind)"

        [[source]]
        url = "\(server.url("ok/tiny-1.0.tar.gz"))"
        sha256 = "\(sha)"

        [[phase]]
        name = "install"
        run = [\(install)]
        """
    }

    /// A toolchain recipe whose compilers are the host's, and a library, both from the server.
    func writeRecipes() {
        dir.write("data/recipes/cc.toml", recipe("cc", kind: "toolchain", install: """
            ["mkdir", "-p", "${destdir}/bin", "${destdir}/x86_64-linux-musl/lib"], ["touch", "${destdir}/x86_64-linux-musl/lib/libc.a"],
            ["ln", "-s", ".", "${destdir}/x86_64-linux-musl/usr"], ["ln", "-s", "/usr/bin/gcc", "${destdir}/bin/x86_64-linux-musl-gcc"],
            ["ln", "-s", "/usr/bin/g++", "${destdir}/bin/x86_64-linux-musl-g++"]
            """))
        dir.write("data/recipes/tiny.toml", recipe("tiny", kind: "library", install: """
            ["mkdir", "-p", "${destdir}/usr/lib"], ["cp", "${source}/README", "${destdir}/usr/lib/libtiny.a"]
            """))
    }

    func run(_ arguments: [String]) async -> CLIResult {
        await CLI.run(arguments + ["--cache-dir", "\(dir.path)/cache"], environment: ["MUSLROOT_DATA_DIR": "\(dir.path)/data"])
    }

    @Test("bootstrap --json, then add --json: downloads as fetch-* events before the build's, every line as documented")
    func bootstrapAndAdd() async throws {
        defer { server.stop(); dir.remove() }
        writeRecipes()
        let schema = try JSONSchema()
        let prefix = "\(dir.path)/cross"
        let bootstrap = await run(["bootstrap", "--prefix", prefix, "--json"])
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let events = jsonEvents(bootstrap.stdout)
        for event in events { #expect(schema.problems(event).isEmpty, "\(schema.problems(event))") }
        // fetch-progress comes as the transfer goes (not always): left out of the order checked.
        let names = events.compactMap { $0["event"] as? String }.filter { $0 != "fetch-progress" }
        #expect(Array(names.prefix(3)) == ["fetch-started", "fetch-done", "planned"], "\(names)")
        #expect(names.suffix(2) == ["installed", "resources"])
        let done = try #require(events.first { $0["event"] as? String == "fetch-done" })
        #expect(done["url"] as? String == server.url("ok/tiny-1.0.tar.gz") && done["sha256"] as? String == sha)
        #expect(!names.contains("fetch-cached"), "the source downloaded up front is not reported again when it is unpacked")

        let add = await run(["add", "tiny", "--prefix", prefix, "--json"])
        #expect(add.status == 0, "\(add.stderr)")
        let added = jsonEvents(add.stdout)
        for event in added { #expect(schema.problems(event).isEmpty, "\(schema.problems(event))") }
        let addNames = added.compactMap { $0["event"] as? String }
        #expect(addNames.filter { $0 == "fetch-cached" }.count == 1, "\(addNames)")
        #expect(addNames.suffix(2) == ["installed", "resources"], "\(addNames)")
        #expect(added.last { $0["event"] as? String == "installed" }?["packages"] as? [String] == ["tiny"])
        #expect(added.last { $0["event"] as? String == "installed" }?["target"] as? String == "x86_64-linux-musl")

        let again = await run(["add", "tiny", "--prefix", prefix, "--json"])
        let upToDate = try #require(jsonEvents(again.stdout).last)
        #expect(upToDate["event"] as? String == "up-to-date" && schema.problems(upToDate).isEmpty, "\(upToDate)")
        #expect(upToDate["target"] as? String == "x86_64-linux-musl")
    }

    @Test("bootstrap without --json on a pipe: plain download lines before the build's")
    func bootstrapText() async throws {
        defer { server.stop(); dir.remove() }
        writeRecipes()
        let result = await run(["bootstrap", "--prefix", "\(dir.path)/cross"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let fetching = try #require(lines.firstIndex { $0.hasPrefix("fetching  tiny-1.0.tar.gz from \(server.url("ok/"))") }, "\(lines)")
        let verified = try #require(lines.firstIndex { $0.hasPrefix("verified  tiny-1.0.tar.gz") }, "\(lines)")
        let planned = try #require(lines.firstIndex { $0.hasSuffix("phases to run") }, "\(lines)")
        #expect(fetching < verified && verified < planned)
        #expect(!result.stdout.contains("\u{1B}["), "no escape sequences off a terminal")
    }

    @Test("fetch --json: the same fetch-* events, then summary, every line as documented")
    func fetch() async throws {
        defer { server.stop(); dir.remove() }
        writeRecipes()
        let schema = try JSONSchema()
        let result = await run(["fetch", "tiny", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = jsonEvents(result.stdout)
        for event in events { #expect(schema.problems(event).isEmpty, "\(schema.problems(event))") }
        #expect(events.compactMap { $0["event"] as? String }.filter { $0 != "fetch-progress" } == ["fetch-started", "fetch-done", "summary"])
        #expect(events.last?["downloaded"] as? Int == 1)
    }

    @Test("remove --json and a failed add --json: the documented events")
    func removeAndFailure() async throws {
        defer { server.stop(); dir.remove() }
        writeRecipes()
        let schema = try JSONSchema()
        let prefix = "\(dir.path)/cross"
        #expect(await run(["bootstrap", "--prefix", prefix]).status == 0)
        #expect(await run(["add", "tiny", "--prefix", prefix]).status == 0)
        let removed = await CLI.run(["remove", "tiny", "--prefix", prefix, "--json"])
        let event = try #require(jsonEvents(removed.stdout).first)
        #expect(event["event"] as? String == "removed" && schema.problems(event).isEmpty, "\(event)")
        #expect((event["files"] as? [String: [String]])?["tiny"] == ["x86_64-linux-musl/lib/libtiny.a"])
        #expect(event["target"] as? String == "x86_64-linux-musl")
        let failed = await run(["add", "nothing-such", "--prefix", "\(dir.path)/missing", "--json"])
        #expect(failed.status != 0)
        for event in jsonEvents(failed.stdout) { #expect(schema.problems(event).isEmpty, "\(schema.problems(event))") }
    }

    @Test("the schema's own check catches an undocumented field and a missing one")
    func schemaCheck() throws {
        let schema = try JSONSchema()
        #expect(schema.problems(["event": "planned", "total": 3, "done": 0, "elapsed": 0.5, "self_cpu_seconds": 0.1]).isEmpty)
        #expect(!schema.problems(["event": "planned", "total": 3, "elapsed": 0.5, "self_cpu_seconds": 0.1]).isEmpty)
        #expect(!schema.problems(["event": "planned", "total": 3, "done": 0, "extra": 1, "elapsed": 0.5, "self_cpu_seconds": 0.1]).isEmpty)
        #expect(!schema.problems(["event": "started"]).isEmpty, "the old name of fetch-started")
    }
}
