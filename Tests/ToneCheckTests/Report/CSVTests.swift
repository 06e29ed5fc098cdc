import Foundation
import Testing
@testable import ToneCheck

@Suite struct CSVTests {
    @Test func headerIsStable() {
        #expect(CSVRenderer.header == "id,message_id,date,week,from,from_team,to,to_team,subject,score,label,tone,word_choice,demand,politeness,errors,warnings,infos,top_rule\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r\nlf", "\"cr\r\nlf\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("a=b", "a=b"),
        ("", ""),
    ])
    func quotingAndInjection(_ input: String, _ expected: String) {
        #expect(CSVRenderer.field(input) == expected)
    }

    @Test func rowOfAMessage() {
        let r = ReportFixture.message("What is wrong with you?", from: "Grant, Ops <ops-lead@example.com>", to: ["a@support.example.com", "=cmd@x.com"],
                                      subject: "=1+1", date: "2026-11-09T13:10:00+00:00", id: "opsup-11")
        let m = MessageSummary(r, teams: ReportFixture.teams)
        let row = CSVRenderer.row(m)
        #expect(row.hasSuffix("\r\n"))
        #expect(row.hasPrefix("opsup-11,,2026-11-09T13:10:00+00:00,2026-W46,\"Grant, Ops <ops-lead@example.com>\",ops,a@support.example.com; =cmd@x.com,support;other,'=1+1,"))
        // "\r\n" is one Character, so dropLast(1) drops both bytes.
        let fields = row.dropLast(1).split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.last == "tone.hostility")
        #expect(fields[fields.count - 4] == "1")  // errors
        #expect(row.contains(",hostile,") || row.contains(",needs work,"))
    }

    @Test func unreadableRowHasNoScores() {
        let m = MessageSummary(DocumentReport.failed(id: "7", path: "x.jsonl", line: 7, message: "bad"), teams: TeamMap())
        #expect(CSVRenderer.row(m) == "7,,,,,,,,,,error,,,,,0,0,0,\r\n")
    }
}
