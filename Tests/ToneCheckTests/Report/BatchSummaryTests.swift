import Foundation
import Testing
@testable import ToneCheck

@Suite struct BatchSummaryTests {
    typealias F = ReportFixture

    func summary(worst: Int = 10) -> BatchSummary {
        var o = ReportOptions()
        o.teams = F.teams
        o.worstCount = worst
        return BatchSummary(options: o)
    }

    @Test func countsByWeekTeamRecipientAndSender() {
        var s = summary()
        s.add(F.message("Thanks so much for the handover, it really helped.", from: "Sam <sam@support.example.com>", to: ["ops@ops.example.com"], date: "2026-11-02T09:00:00-05:00"))
        s.add(F.message("What is wrong with you? Do your job.", from: "Grant <ops-lead@example.com>", to: ["sam@support.example.com"], date: "2026-11-10T09:00:00+00:00"))
        s.add(F.message("Thank you, this is great work.", from: "Dana <dana@ops.example.com>", to: ["sam@support.example.com", "ops@ops.example.com"], date: "2026-11-11T09:00:00+00:00"))
        s.add(F.message("No date on this one.", from: "dana@ops.example.com"))
        #expect(s.messages == 4)
        #expect(s.senderCount == 3)
        #expect(s.undated == 1)
        #expect(s.sortedWeeks.map(\.description) == ["2026-W45", "2026-W46"])
        #expect(s.weeks[s.sortedWeeks[1]]?.messages == 2)
        #expect(s.teams["ops"]?.messages == 3)
        #expect(s.teams["support"]?.messages == 1)
        #expect(s.senders["dana@ops.example.com"]?.messages == 2)
        #expect(s.senderNames["dana@ops.example.com"] == "Dana")
        // The message to both teams counts for both; the undated one has no recipients.
        #expect(s.recipientTeams["support"]?.messages == 2)
        #expect(s.recipientTeams["ops"]?.messages == 2)
        #expect(s.recipientTeams["other"]?.messages == 1)
        #expect(s.histogram.reduce(0, +) == 4)
        #expect(s.teamWeeks["ops"]?.count == 1)  // both dated ops messages are in W46
        #expect(s.teamWeeks["support"]?.keys.map(\.description) == ["2026-W45"])
        #expect(s.rules["tone.hostility"]?.findings == 2)
        #expect(s.rules["tone.hostility"]?.messages == 1)
        #expect(s.topRules.first?.ruleID == "tone.hostility")
        #expect(s.overall.errors == 2)
        #expect(s.sortedTeams == ["ops", "support", "other"])
    }

    @Test func histogramBins() {
        var s = summary()
        for score in [0.0, 9.9, 10, 55, 99.9, 100] { s.add(F.synthetic(score: score)) }
        #expect(s.histogram == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2])
    }

    @Test func worstIsBoundedAndLowestFirst() {
        var s = summary(worst: 3)
        let scores: [Double] = [80, 12, 95, 40, 3, 77, 12, 60, 99, 25]
        for (i, score) in scores.enumerated() { s.add(F.synthetic(score: score, id: "m\(i)")) }
        #expect(s.worst.count == 3)
        #expect(s.worst.map(\.score) == [3, 12, 12])
        // Ties keep the earlier message first.
        #expect(s.worst.map(\.id) == ["m4", "m1", "m6"])
        #expect(s.messages == 10)
    }

    @Test func worstKeepsTextWithFindingsMarked() throws {
        var s = summary(worst: 1)
        s.add(F.message("Hello team.\nThis is obviously the wrong queue. Do your job.\n> quoted earlier words\n", from: "a@ops.example.com", subject: "Queue"))
        let m = try #require(s.worst.first)
        #expect(m.subject == "Queue")
        let body = try #require(m.parts.first)
        #expect(body.role == .body)
        let marked = body.marks.map { String(decoding: body.text[$0.range], as: UTF8.self) }
        #expect(marked.contains("obviously"))
        #expect(marked.contains("Do your job"))
        #expect(m.parts.contains { $0.role == .quoted && String(decoding: $0.text, as: UTF8.self).contains("quoted earlier") })
        #expect(m.topFindings.first?.severity == .error)
    }

    @Test func excerptIsCutAtACharacterBoundary() throws {
        var o = ReportOptions()
        o.excerptBytes = 10
        var s = BatchSummary(options: o)
        s.add(F.synthetic(score: 10, text: "ééééééééé"))  // 2 bytes each
        let part = try #require(s.worst.first?.parts.first)
        #expect(part.text.count == 10)
        #expect(part.truncated)
        #expect(String(validating: part.text, as: UTF8.self) != nil)
    }

    @Test func unreadableInputIsCountedButNotScored() {
        var s = summary()
        s.add(DocumentReport.failed(id: "x", path: "in.jsonl", line: 3, message: "not valid JSON"))
        s.add(F.synthetic(score: 70))
        #expect(s.messages == 2)
        #expect(s.unreadable == 1)
        #expect(s.overall.messages == 1)
        #expect(s.worst.count == 1)
    }

    @Test func demandsWithConfiguredRuleIDs() {
        var s = summary()
        s.add(F.synthetic(score: 30, findings: [F.finding("demand.short-lead-time"), F.finding("demand.asap"), F.finding("demand.after-hours", match: "by 7am")], from: "ops-lead@example.com", date: "2026-11-06T16:50:00-05:00"))
        #expect(s.demandCount == 2)
        #expect(s.demands.map(\.finding.ruleID) == ["demand.short-lead-time", "demand.after-hours"])
        #expect(s.demands.first?.date == "2026-11-06T16:50:00-05:00")
        var o = ReportOptions()
        o.demandRuleIDs = ["demand.asap"]
        o.demandLimit = 0
        var t = BatchSummary(options: o)
        t.add(F.synthetic(score: 30, findings: [F.finding("demand.asap")]))
        #expect(t.demandCount == 1)
        #expect(t.demands.isEmpty)
    }

    @Test func changeAgainstThePreviousWeek() throws {
        var s = summary()
        let data: [(String, String, Double)] = [
            ("a@ops.example.com", "2026-11-03T10:00:00Z", 90), ("b@support.example.com", "2026-11-04T10:00:00Z", 80),
            // W46 has no messages: the change compares W47 with W45.
            ("a@ops.example.com", "2026-11-17T10:00:00Z", 50), ("a@ops.example.com", "2026-11-18T10:00:00Z", 70),
            ("b@support.example.com", "2026-11-19T10:00:00Z", 85),
        ]
        for (from, date, score) in data { s.add(F.synthetic(score: score, from: from, date: date)) }
        let changes = s.latestChanges
        let all = try #require(changes.first { $0.team == nil })
        #expect(all.week.description == "2026-W47")
        #expect(all.previous.description == "2026-W45")
        #expect(abs(all.previousMean - 85) < 1e-9)
        #expect(abs(all.mean - 205.0 / 3) < 1e-9)
        let ops = try #require(changes.first { $0.team == "ops" })
        #expect(abs(ops.delta - (60 - 90)) < 1e-9)
        let support = try #require(changes.first { $0.team == "support" })
        #expect(abs(support.delta - 5) < 1e-9)
        #expect(s.weeklyDeltas.map { $0.delta.map { ($0 * 10).rounded() / 10 } } == [nil, -16.7])
    }

    @Test func oneWeekHasNoChange() {
        var s = summary()
        s.add(F.synthetic(score: 50, date: "2026-11-03T10:00:00Z"))
        s.add(F.synthetic(score: 60, date: "2026-11-05T10:00:00Z"))
        #expect(s.latestChanges.isEmpty)
    }

    @Test func jsonlRecordsCarryDatesAndRecipientLists() throws {
        let line = #"{"id": "1", "from": "Dana <dana@ops.example.com>", "to": ["a@support.example.com", "b@x.com"], "date": "2026-11-08T23:30:00-05:00", "message_id": "<m1@x>", "text": "Hi"}"#
        guard case .document(let d)? = JSONLinesReader.record(line.utf8[...].map { $0 }[...], lineNumber: 1, path: "in.jsonl") else {
            Issue.record("not read"); return
        }
        #expect(d.metadata.to == ["a@support.example.com", "b@x.com"])
        #expect(d.metadata.dateOffsetSeconds == -18_000)
        #expect(d.metadata.messageID == "<m1@x>")
        let date = try #require(d.metadata.date)
        #expect(ISO8601.string(date, offset: d.metadata.dateOffsetSeconds) == "2026-11-08T23:30:00-05:00")
        let bad = #"{"id": "2", "date": "last Tuesday", "text": "Hi"}"#
        guard case .document(let e)? = JSONLinesReader.record(Array(bad.utf8)[...], lineNumber: 7, path: "in.jsonl") else {
            Issue.record("not read"); return
        }
        #expect(e.metadata.date == nil)
        #expect(e.metadata.dateText == "last Tuesday")
        #expect(e.warnings.first?.line == 7)
        #expect(e.warnings.first?.message.contains("not an ISO 8601 date") == true)
    }
}
