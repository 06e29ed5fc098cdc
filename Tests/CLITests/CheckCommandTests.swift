import Foundation
import Testing

/// End-to-end behaviour of `tonecheck [PATH|-]...`: exit contract, formats, fixes, errors.
@Suite struct CheckCommandTests {
    @Test(arguments: [
        (["--fail-on", "warning"], "This is obviously wrong.", Int32(1)),
        (["--fail-on", "error"], "This is obviously wrong.", Int32(0)),
        (["--fail-on", "none"], "This is obviously wrong.", Int32(0)),
        (["--fail-on", "info"], "Thanks, all good.", Int32(0)),
        (["--min-score", "99"], "This is obviously wrong.", Int32(1)),
        (["--min-score", "10"], "This is obviously wrong.", Int32(0)),
    ])
    func exitContract(_ args: [String], _ text: String, _ status: Int32) throws {
        let r = try CLI.run(args, stdin: text)
        #expect(r.status == status, "stdout: \(r.stdout) stderr: \(r.stderr)")
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        for args in [["--fail-on", "loud"], ["--min-score", "200"], ["--format", "xml"], ["--input", "pdf"], ["--disable", "tone.nope"], ["--format"]] {
            let r = try CLI.run(args, stdin: "hi")
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.hasPrefix("tonecheck: error: "), "\(args): \(r.stderr)")
        }
    }

    @Test func jsonlInNdjsonOutWithAMalformedLine() throws {
        let input = """
            {"id": "a", "text": "Thanks so much for the help!"}
            {"id": "b", "text": "This is obviously wrong."}
            {"id": "c", "text": 42}
            not json at all
            {"id": 7, "text": ""}
            """
        let r = try CLI.run(["--input", "jsonl", "--format", "ndjson"], stdin: input)
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 5)
        #expect(lines.map { $0["id"] as? String } == ["a", "b", "c", nil, "7"])
        #expect((lines[0]["score"] as? Double ?? 0) > (lines[1]["score"] as? Double ?? 100))
        #expect(lines[2]["score"] is NSNull)
        #expect((lines[2]["error"] as? String)?.contains("\"text\" must be a string") == true)
        #expect((lines[3]["error"] as? String)?.contains("not valid JSON") == true)
        #expect(lines[4]["score"] as? Double == 100)
        for l in lines { #expect(l["schemaVersion"] as? Int == 1) }
    }

    @Test func jsonOutputCarriesPositionsAndTheScoreBreakdown() throws {
        let r = try CLI.run(["--format", "json", "--stdin-filename", "d.txt"], stdin: "Hello.\nThis is obviously wrong.\n")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["schemaVersion"] as? Int == 1)
        let doc = try #require((obj["documents"] as? [[String: Any]])?.first)
        #expect(doc["path"] as? String == "d.txt")
        let f = try #require((doc["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "tone.condescension" })
        #expect(f["line"] as? Int == 2)
        #expect(f["column"] as? Int == 9)
        #expect(f["offset"] as? Int == 15)
        #expect(f["endOffset"] as? Int == 24)
        #expect((f["why"] as? String)?.isEmpty == false)
        let contributions = try #require(doc["contributions"] as? [[String: Any]])
        #expect(contributions.contains { $0["rule"] as? String == "tone.condescension" && ($0["points"] as? Double ?? 0) < 0 })
        #expect((doc["categories"] as? [String: Any])?.keys.sorted() == ["demand", "politeness", "tone", "word-choice"])
    }

    @Test func invalidUTF8IsCheckedWithAWarning() throws {
        var data = Data("Caf".utf8)
        data.append(contentsOf: [0xE9, 0x20])
        data.append(contentsOf: Array(" is obviously closed.\n".utf8))
        let r = try CLI.run(["--format", "ndjson"], stdinData: data)
        #expect(r.status == 0)
        #expect(r.stderr.contains("invalid UTF-8"))
        #expect(r.stdout.contains("\"column\":10"))  // "obviously" after "Caf\u{FFFD}  is " counts characters
    }

    @Test func fixOnStdinChangesOnlyTheReplacedBytes() throws {
        let rules = try CLI.tempDir().appendingPathComponent("r.json5")
        try """
            { rules: [{ id: 'w.np', category: 'word-choice', kind: 'substitution', swap: { 'no problem': 'happy to help' },
              message: 'm', why: 'w', weight: 2, examples: { trigger: ['↓No problem.'], clean: ['A problem.'] } }] }
            """.write(to: rules, atomically: true, encoding: .utf8)
        let input = "No problem!\r\nno problem\r\nkeep\u{00A0}this  exactly"
        let r = try CLI.run(["--no-default-rules", "--rules", rules.path, "--fix"], stdin: input)
        #expect(r.status == 0)
        #expect(r.stdout == "Happy to help!\r\nhappy to help\r\nkeep\u{00A0}this  exactly")
    }

    @Test func fixOnFilesIsAtomicAndKeepsPermissions() throws {
        let dir = try CLI.tempDir()
        let rules = dir.appendingPathComponent("r.json5")
        try "{ rules: [{ id: 'w.np', category: 'word-choice', kind: 'substitution', swap: { 'no problem': 'happy to help' }, message: 'm', why: 'w', weight: 2 }] }"
            .write(to: rules, atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("reply.txt")
        try "Sure, no problem.".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let preview = try CLI.run(["--no-default-rules", "--rules", rules.path, "--fix", "--diff", file.path])
        #expect(preview.stdout.contains("-Sure, no problem."))
        #expect(preview.stdout.contains("+Sure, happy to help."))
        #expect(try String(contentsOf: file, encoding: .utf8) == "Sure, no problem.")
        let r = try CLI.run(["--no-default-rules", "--rules", rules.path, "--fix", file.path])
        #expect(r.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == "Sure, happy to help.")
        let perms = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(perms == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func badRuleFileIsExit2WithFileLineRuleAndField() throws {
        let rules = try CLI.tempDir().appendingPathComponent("bad.json5")
        try "{ rules: [\n  { id: 't.x', category: 'tone', kind: 'magic',\n    message: 'm', why: 'w', weight: 1 } ] }".write(to: rules, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--rules", rules.path], stdin: "hi")
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.json5:2: rule t.x: field 'kind': 'magic' is not one of"))
    }

    @Test func foldersAreWalkedAndEmptyFoldersAreErrors() throws {
        let dir = try CLI.tempDir()
        let empty = try CLI.tempDir()
        try "This is obviously wrong.".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "Fine.".write(to: dir.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2]).write(to: dir.appendingPathComponent("image.png"))
        let r = try CLI.run(["--format", "ndjson", dir.path])
        #expect(r.stdout.split(separator: "\n").count == 2)
        let e = try CLI.run([empty.path])
        #expect(e.status == 2)
        #expect(e.stderr.contains("has no text-like files"))
    }

    /// A folder named through a symbolic link (with or without a trailing slash) is walked,
    /// and its files are reported under the link's name.
    @Test func aFolderBehindALinkIsWalked() throws {
        let dir = try CLI.tempDir()
        let folder = dir.appendingPathComponent("replies")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "This is obviously wrong.".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: "replies")
        for arg in ["link", "link/"] {
            let r = try CLI.run(["--format", "ndjson", arg], in: dir)
            #expect(r.status == 0, "\(arg): \(r.stderr)")  // a warning: below the default gate
            #expect(r.stdout.contains(#""path":"link/a.txt""#), "\(arg)")
        }
    }

    @Test func rulesCommands() throws {
        let list = try CLI.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("tone.condescension"))
        let show = try CLI.run(["rules", "show", "tone.condescension"])
        #expect(show.stdout.contains("why: "))
        #expect(show.stdout.contains("triggers: "))
        let missing = try CLI.run(["rules", "show", "tone.nope"])
        #expect(missing.status == 2)
        let test = try CLI.run(["rules", "test"])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(test.stdout.contains("all pass"))
    }

    @Test func rulesTestReportsAFailingExample() throws {
        let rules = try CLI.tempDir().appendingPathComponent("r.json5")
        try "{ rules: [{ id: 't.x', category: 'tone', kind: 'phrase', phrases: ['zebra'], message: 'm', why: 'w', weight: 1, examples: { trigger: ['a ↓horse'], clean: ['zebra crossing'] } }] }"
            .write(to: rules, atomically: true, encoding: .utf8)
        let r = try CLI.run(["rules", "test", rules.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("rule t.x: triggering example did not trigger"))
        #expect(r.stdout.contains("rule t.x: clean example triggered"))
    }

    @Test func theBinaryCarriesItsRulesWhenMovedElsewhere() throws {
        let dir = try CLI.tempDir()
        let copy = dir.appendingPathComponent("tonecheck")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let p = Process()
        p.executableURL = copy
        p.arguments = ["rules", "list"]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("tone.condescension"))
    }
}
