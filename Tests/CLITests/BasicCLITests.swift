import Foundation
import Testing

@Suite struct BasicCLITests {
    @Test func versionAndHelp() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.hasPrefix("tonecheck "))
        let h = try CLI.run(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE"))
    }

    @Test func unknownFlagIsUsageError() throws {
        let r = try CLI.run(["--bogus"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown option '--bogus'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func stdinFindingsInCompilerStyle() throws {
        let r = try CLI.run(["--stdin-filename", "draft.txt", "--color", "never"], stdin: "This is obviously the wrong queue.\n")
        #expect(r.stdout.contains("draft.txt:1:9: warning: “obviously” talks down to the reader [tone.condescension]"))
        #expect(r.stdout.contains("        ^^^^^^^^^"))
        #expect(r.stdout.contains("draft.txt: score "))
    }

    @Test func emptyInputScores100() throws {
        let r = try CLI.run(["--format", "ndjson"], stdin: "")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"score\":100"))
    }

    @Test func missingFileIsInputError() throws {
        let r = try CLI.run(["no/such/file.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no/such/file.txt: no such file or folder"))
    }
}
