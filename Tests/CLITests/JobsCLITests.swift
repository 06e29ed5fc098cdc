import Foundation
import Testing

/// `--jobs`: documents checked on several threads, reported exactly as on one.
@Suite struct JobsCLITests {
    static let now = ["--now", "2026-11-23T09:00:00Z"]

    @Test(arguments: ["text", "ndjson", "json", "sarif", "junit"])
    func outputIsTheSameWhateverTheNumberOfJobs(_ format: String) throws {
        let one = try CLI.run(Self.now + ["--format", format, "-j", "1", "Corpus/"])
        let four = try CLI.run(Self.now + ["--format", format, "--jobs", "4", "Corpus/"])
        #expect(one.status == four.status)
        #expect(!one.stdout.isEmpty)
        #expect(one.stdout == four.stdout)
        #expect(one.stderr == four.stderr)
    }

    @Test func manyDocumentsInOneMboxKeepTheirOrder() throws {
        var mbox = ""
        for i in 0..<300 {
            let body = i % 3 == 0 ? "Fix this ASAP. Obviously it is broken." : "Thanks so much for the help with ticket \(i)!"
            mbox += "From ops@example.com Mon Nov 23 09:00:00 2026\nFrom: ops@example.com\nSubject: ticket \(i)\nMessage-ID: <m\(i)@example.com>\n\n\(body)\n\n"
        }
        let one = try CLI.run(Self.now + ["--format", "ndjson", "--fail-on", "warning", "-j", "1", "--input", "mbox", "-"], stdin: mbox)
        let three = try CLI.run(Self.now + ["--format", "ndjson", "--fail-on", "warning", "-j", "3", "--input", "mbox", "-"], stdin: mbox)
        #expect(one.stdout == three.stdout)
        let ids = three.stdout.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids.count == 300)
        #expect(ids.first == "<m0@example.com>" || ids.first == "m0@example.com")
        #expect(one.status == 1)
        #expect(three.status == 1)
    }

    /// Messages of 120 KB close a batch every three messages (`RunLimits.batchBytes`):
    /// still every message, in order, as on one thread.
    @Test func largeMessagesInAnMboxKeepTheirOrder() throws {
        var mbox = ""
        let filler = String(repeating: "The queue is long today and everyone is working through it. ", count: 2000)
        for i in 0..<20 {
            mbox += "From ops@example.com Mon Nov 23 09:00:00 2026\nFrom: ops@example.com\nSubject: big \(i)\nMessage-ID: <b\(i)@example.com>\n\n"
            mbox += (i % 2 == 0 ? "Send it ASAP. " : "Thanks! ") + filler + "\n\n"
        }
        let one = try CLI.run(Self.now + ["--format", "ndjson", "-j", "1", "--input", "mbox", "-"], stdin: mbox)
        let three = try CLI.run(Self.now + ["--format", "ndjson", "-j", "3", "--input", "mbox", "-"], stdin: mbox)
        #expect(one.stdout == three.stdout)
        #expect(three.stdout.split(separator: "\n").count == 20)
        #expect(one.status == three.status)
    }

    @Test(arguments: ["0", "-2", "many"])
    func aBadJobCountIsAUsageError(_ value: String) throws {
        let r = try CLI.run(["--jobs", value, "Corpus/drafts/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--jobs"))
    }
}
