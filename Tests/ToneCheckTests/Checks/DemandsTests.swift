import Foundation
import Testing
@testable import ToneCheck

/// The demand checks end to end through the library, with fixed send times.
@Suite struct DemandsTests {
    static let ruleSet = try! RuleSet.standard()
    static let deadlineRules: Set<String> = Set(ruleSet.rules.filter { $0.kind == .deadline }.map(\.id))
    static let friday = ReferenceTime.parse("2026-11-27T16:50:00-05:00")!
    static let monday = ReferenceTime.parse("2026-11-23T10:00:00-05:00")!

    static func findings(_ text: String, _ now: ReferenceTime, calendar: BusinessCalendar? = nil) -> [Finding] {
        var options = CheckOptions()
        options.calendar = calendar
        return ToneChecker(ruleSet: ruleSet, options: options).report(text: text, now: now).findings.filter { deadlineRules.contains($0.ruleID) }
    }

    @Test func theBuiltInPackHasEveryCheck() {
        let checks = Set(Self.ruleSet.rules.compactMap(\.check))
        #expect(checks == Set(DeadlineCheck.allCases.map(\.rawValue)))
        #expect(Self.ruleSet.demands != nil)
    }

    @Test func fixedByFiveOnAFridayAfternoon() throws {
        let f = Self.findings("Need the refund report fixed by 5.", Self.friday)
        #expect(f.map(\.ruleID) == ["demand.short-lead-time"])
        let m = try #require(f.first).message
        #expect(m.contains("by 17:00 Fri 27 Nov"), "\(m)")
        #expect(m.contains("10 minutes after this was sent"), "\(m)")
        #expect(m.contains("0.2 working hours"), "\(m)")
        #expect(m.contains("16:50 Fri 27 Nov -05:00"), "\(m)")
        #expect(f.first?.match == "by 5")
    }

    @Test func aReasonableRequestIsNotFlagged() {
        let text = "Could you send the refund report by Thursday? The audit starts Friday. Thanks!"
        #expect(Self.findings(text, Self.monday).isEmpty)
    }

    @Test func thresholdComesFromTheRuleFile() {
        // Tue 14:00 to EOD is 3.5 working hours: fine at the built-in threshold of 2, flagged at 4.
        let tuesday = ReferenceTime.parse("2026-11-24T14:00:00-05:00")!
        #expect(Self.findings("Can you send me the figures by EOD?", tuesday).isEmpty)
        var packs = try! RuleLoader.builtinPacks()
        let i = packs.firstIndex { $0.name == "deadlines" }!
        let r = packs[i].rules.firstIndex { $0.id == "demand.short-lead-time" }!
        packs[i].rules[r].threshold = 4
        let strict = try! RuleSet(packs: packs)
        let found = ToneChecker(ruleSet: strict).report(text: "Can you send me the figures by EOD?", now: tuesday).findings.map(\.ruleID)
        #expect(found.contains("demand.short-lead-time"))
    }

    @Test func pastDeadline() throws {
        let late = ReferenceTime.parse("2026-11-27T17:10:00-05:00")!
        let f = Self.findings("I need the refund report fixed by 5.", late)
        #expect(f.map(\.ruleID) == ["demand.deadline-past"])
        #expect(try #require(f.first).message.contains("10 minutes before this was sent"))
    }

    @Test func leadTimeSkipsTheWeekend() {
        // Friday 16:50 → Monday 10:00 is 100 working minutes (1.7 hours): under the threshold of 2.
        let f = Self.findings("Please fix the macro by 10am Monday.", Self.friday)
        #expect(f.map(\.ruleID) == ["demand.short-lead-time"])
        #expect(f.first?.message.contains("1.7 working hours") == true, "\(f.map(\.message))")
        #expect(f.first?.message.contains("3 days after") == true, "\(f.map(\.message))")
        // Monday at noon leaves 3.7 working hours.
        #expect(Self.findings("Please fix the macro by noon Monday.", Self.friday).isEmpty)
    }

    @Test func afterHoursWeekendAndHoliday() throws {
        let wednesday = ReferenceTime.parse("2026-11-25T11:00:00-05:00")!
        let sat = Self.findings("Please finish the refund batch by Saturday.", wednesday)
        #expect(sat.map(\.ruleID) == ["demand.after-hours"])
        #expect(try #require(sat.first).message.contains("on a Saturday, a non-working day"))
        #expect(Self.findings("Please finish the refund batch by Thursday.", wednesday).isEmpty)
        var cal = BusinessCalendar()
        cal.holidays = ["2026-11-26": "Thanksgiving"]
        let hol = Self.findings("Please finish the refund batch by Thursday.", wednesday, calendar: cal)
        #expect(hol.map(\.ruleID) == ["demand.after-hours"])
        #expect(try #require(hol.first).message.contains("on Thanksgiving, a holiday"))
        let night = Self.findings("Send me the macros by 9pm.", wednesday)
        #expect(night.map(\.ruleID) == ["demand.after-hours"])
        #expect(try #require(night.first).message.contains("after the working day ends at 17:30"))
    }

    @Test func workingHoursFromTheCalendar() {
        var cal = BusinessCalendar()
        cal.workEnd = 22 * 60
        let wednesday = ReferenceTime.parse("2026-11-25T11:00:00-05:00")!
        #expect(Self.findings("Send me the macros by 9pm.", wednesday, calendar: cal).isEmpty)
        cal.workingDays.insert(7)
        #expect(Self.findings("Please finish the refund batch by Saturday.", wednesday, calendar: cal).isEmpty)
    }

    @Test func acrossTheDaylightSavingChange() throws {
        // Friday 30 Oct 2026 16:30 EDT; the clocks go back on Sunday 1 Nov. Monday 09:30 EST is
        // 1 hour (Friday) + 30 minutes (Monday) = 1.5 working hours away.
        var cal = BusinessCalendar()
        cal.timeZone = TimeZone(identifier: "America/New_York")
        let ref = ReferenceTime.parse("2026-10-30T16:30:00-04:00")!
        let f = Self.findings("Please fix the macro by 9:30am Monday.", ref, calendar: cal)
        #expect(f.map(\.ruleID) == ["demand.short-lead-time"])
        #expect(f.first?.message.contains("09:30 Mon 2 Nov") == true, "\(f.map(\.message))")
        #expect(f.first?.message.contains("leaves 1.5 working hours") == true, "\(f.map(\.message))")
        #expect(f.first?.message.contains("16:30 Fri 30 Oct -04:00") == true, "\(f.map(\.message))")
        // The deadline is 09:30 EST (14:30 UTC), not 09:30 at the sender's summer offset.
        let d = DeadlineParser.deadlines(in: "by 9:30am Monday", reference: ref, calendar: cal)
        #expect(d.first?.date == ReferenceTime.parse("2026-11-02T14:30:00Z")!.date)
    }

    @Test func urgencyNeedsADeadlineOrAReason() {
        #expect(Self.findings("Send me the refund report ASAP.", Self.monday).map(\.ruleID) == ["demand.urgent-no-reason"])
        #expect(Self.findings("Send me the refund report ASAP because the auditor is waiting.", Self.monday).isEmpty)
        #expect(Self.findings("Send me the refund report ASAP. The audit starts at noon tomorrow.", Self.monday).isEmpty)
        #expect(Self.findings("Please send the refund report urgently, by 3pm today.", Self.monday).isEmpty)
        #expect(Self.findings("I answered the customer immediately and closed the ticket.", Self.monday).isEmpty)
    }

    @Test func stackedUrgentDemands() throws {
        let f = Self.findings("Fix the refund macro immediately. Send me the backlog report ASAP. And update the rota right now.", Self.monday)
        let stacked = f.filter { $0.ruleID == "demand.stacked-urgent" }
        #expect(stacked.count == 1)
        #expect(try #require(stacked.first).message.hasPrefix("3 urgent demands"))
        #expect(stacked.first?.match == "ASAP")
        #expect(Self.findings("Send me the backlog report ASAP, because the audit is at noon.", Self.monday).isEmpty)
    }

    @Test func threatsAttachedToDemands() {
        let f = Self.findings("Get the queue under control by Thursday or there will be consequences.", Self.monday)
        #expect(f.map(\.ruleID) == ["demand.threat-with-demand"])
        #expect(f.first?.match == "or there will be consequences")
        #expect(Self.findings("Fix the macros today. I'll escalate this to your manager if not.", Self.monday).map(\.ruleID) == ["demand.threat-with-demand"])
        #expect(Self.findings("I escalated the ticket to tier 2 yesterday.", Self.monday).isEmpty)
    }

    @Test func theDateHeaderWinsOverNow() throws {
        var doc = PlainTextReader.read(Array("Need the refund report fixed by 5.".utf8))
        doc.metadata.date = Self.friday.date
        doc.metadata.dateOffsetSeconds = -18000
        let report = ToneChecker(ruleSet: Self.ruleSet).report(doc, now: Self.monday)
        let m = try #require(report.findings.first { $0.ruleID == "demand.short-lead-time" }).message
        #expect(m.contains("16:50 Fri 27 Nov -05:00, from the Date header"), "\(m)")
        // The same time in UTC as written: the message shows the sender's offset.
        doc.metadata.dateOffsetSeconds = 0
        let utc = ToneChecker(ruleSet: Self.ruleSet).report(doc, now: nil).findings.map(\.ruleID)
        #expect(utc.contains("demand.deadline-past"), "17:00 UTC was before 21:50 UTC")
    }

    @Test func transcriptTurnsCountFromTheCallTime() throws {
        // A call at 16:00; 35 minutes in, the manager asks for the tickets "within the hour" (17:35,
        // after hours) and, at 40 minutes, for a report "by 5" (20 minutes away).
        var doc = Document(format: "transcript")
        doc.metadata.date = ReferenceTime.parse("2026-11-27T16:00:00-05:00")!.date
        doc.metadata.dateOffsetSeconds = -18000
        doc.segments = [
            Segment(role: .turn, text: Array("I need those tickets closed within the hour.".utf8), sourceMap: SourceMap(), speaker: "Manager", startTime: 2100),
            Segment(role: .turn, text: Array("Send me the report by 5.".utf8), sourceMap: SourceMap(line: 2), speaker: "Manager", startTime: 2400),
        ]
        let f = ToneChecker(ruleSet: Self.ruleSet).report(doc).findings.filter { Self.deadlineRules.contains($0.ruleID) }
        let byRule = Dictionary(grouping: f, by: \.ruleID)
        let hour = try #require(byRule["demand.after-hours"]?.first)
        #expect(hour.message.contains("by 17:35 Fri 27 Nov"), "\(hour.message)")
        #expect(hour.message.contains("from the call time"), "\(hour.message)")
        let five = try #require(byRule["demand.short-lead-time"]?.first { $0.match == "by 5" })
        #expect(five.message.contains("20 minutes after this was sent (16:40 Fri 27 Nov -05:00"), "\(five.message)")
        #expect(five.speaker == "Manager")
    }

    @Test func suggestionsDoNotAskForAReasonAlreadyGiven() throws {
        let with = try #require(Self.findings("Need the refund report fixed by 5, because the audit starts Monday.", Self.friday).first)
        #expect(!with.suggestions.contains { $0.contains("reason") })
        #expect(!with.suggestions.isEmpty)
        let without = try #require(Self.findings("Need the refund report fixed by 5.", Self.friday).first)
        #expect(without.suggestions.contains { $0.contains("reason") })
    }

    @Test func quotedTextIsNotTheAuthorsDemand() {
        let text = "Thanks, on it.\n\nOn Friday, Mark wrote:\n> Need the refund report fixed by 5.\n"
        #expect(Self.findings(text, Self.friday).isEmpty)
    }

    /// A segment without a request cue is skipped by the demand checks: for every paragraph
    /// of the corpus, no cue means the full analysis finds no request, deadline or cue
    /// sentence either (so skipping it loses nothing), and a paragraph with one is not skipped.
    @Test func aSegmentWithoutACueHasNothingToAnalyse() throws {
        let lexicon = try #require(Self.ruleSet.demands).lexicon
        #expect(DemandAnalyzer.hasCue(Tokenizer.tokenize(Array("Send me the report.".utf8)), lexicon: lexicon))
        #expect(DemandAnalyzer.hasCue(Tokenizer.tokenize(Array("Can you check the queue by Friday?".utf8)), lexicon: lexicon))
        #expect(!DemandAnalyzer.hasCue(Tokenizer.tokenize(Array("Hello.".utf8)), lexicon: lexicon))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Corpus").path).filter { $0.hasSuffix(".txt") }
        var withCue = 0, without = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent("Corpus").appendingPathComponent(file), encoding: .utf8)
            for paragraph in text.components(separatedBy: "\n\n") {
                let bytes = Array(paragraph.utf8)
                let tokens = Tokenizer.tokenize(bytes)
                let a = DemandAnalyzer.analyze(bytes, tokens, reference: Self.monday, calendar: BusinessCalendar(), lexicon: lexicon)
                if DemandAnalyzer.hasCue(tokens, lexicon: lexicon) {
                    withCue += 1
                    #expect(a.sentences.contains { $0.bits & DemandLexicon.cueFlag != 0 }, "\(file): \(paragraph)")
                } else {
                    without += 1
                    #expect(a.sentences.allSatisfy { $0.request == nil && $0.words.isEmpty && $0.deadlines.isEmpty }, "\(file): \(paragraph)")
                    #expect(a.deadlines.isEmpty && !a.reason && !a.offer && !a.acknowledgement, "\(file): \(paragraph)")
                }
            }
        }
        #expect(withCue > 50 && without > 20, "\(withCue) paragraphs with a cue, \(without) without")
    }

    /// The checker's analysis (`allSofteners: false`) stops looking for reasons, offers and
    /// acknowledgements once a sentence gives a reason: every request, deadline and "please",
    /// and whether the segment gives a reason, are as the full analysis has them.
    @Test func theCheckersAnalysisKeepsWhatItsFindingsRead() throws {
        let lexicon = try #require(Self.ruleSet.demands).lexicon
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Corpus").path).filter { $0.hasSuffix(".txt") }
        var reasons = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent("Corpus").appendingPathComponent(file), encoding: .utf8)
            let bytes = Array(text.utf8)
            let tokens = Tokenizer.tokenize(bytes)
            let full = DemandAnalyzer.analyze(bytes, tokens, reference: Self.monday, calendar: BusinessCalendar(), lexicon: lexicon)
            let lean = DemandAnalyzer.analyze(bytes, tokens, reference: Self.monday, calendar: BusinessCalendar(), lexicon: lexicon, allSofteners: false)
            #expect(lean.reason == full.reason, "\(file)")
            #expect(lean.deadlines == full.deadlines, "\(file)")
            #expect(lean.sentences.map(\.request) == full.sentences.map(\.request), "\(file)")
            #expect(lean.sentences.map(\.please) == full.sentences.map(\.please), "\(file)")
            #expect(lean.sentences.map(\.bits) == full.sentences.map(\.bits), "\(file)")
            if full.reason { reasons += 1 }
        }
        #expect(reasons > 10, "\(reasons) files give a reason")
    }

    @Test func requestsAndTheirSofteners() throws {
        let lexicon = try #require(Self.ruleSet.demands).lexicon
        func requests(_ t: String) -> [Request] { DemandAnalyzer.requests(in: t, reference: Self.monday, lexicon: lexicon) }
        let bare = try #require(requests("Send me the report.").first)
        #expect(bare.kind == .imperative)
        #expect(bare.softeners.isEmpty)
        #expect(bare.missingSofteners == Request.Softener.allCases)
        let soft = try #require(requests("Could you please send the report by Thursday? The audit starts Friday.").first)
        #expect(soft.kind == .question)
        #expect(soft.softeners == [.please, .modal, .reason])
        #expect(soft.deadlines.map(\.text) == ["by Thursday"])
        let need = try #require(requests("I need you to fix the macro. I know you're busy, so let me know if you need a hand.").first)
        #expect(need.kind == .need)
        #expect(need.softeners.isSuperset(of: [.acknowledgement, .offer]))
        #expect(try #require(requests("Hi Dana, can you check the queue?").first).kind == .question)
        #expect(try #require(requests("Dana, fix this").first).kind == .imperative)
        #expect(try #require(requests("Make sure the rota is out.").first).kind == .need)
        #expect(try #require(requests("Need the refund report fixed by 5.").first).kind == .need)
        #expect(try #require(requests("Send it ASAP").first).isUrgent)
        #expect(requests("I'll send it tomorrow. I need to leave at 4. Thanks for the update.").isEmpty)
    }

    @Test func badDeadlineRulesFailPrecisely() {
        func load(_ rule: String) -> String {
            let text = "{lists: {}, rules: [{id: \"demand.x\", category: \"demand\", kind: \"deadline\", message: \"m\", why: \"w\", weight: 1, \(rule)}]}"
            do {
                let pack = try RuleLoader.parse(Data(text.utf8), path: "x.json5")
                _ = try RuleSet(packs: [pack])
                return ""
            } catch { return error.localizedDescription }
        }
        #expect(load("").contains("field 'check': missing"))
        #expect(load("check: \"too-late\"").contains("'too-late' is not one of deadline-past"))
        #expect(load("check: \"short-lead-time\"").contains("field 'threshold'"))
        #expect(load("check: \"threat-with-demand\"").contains("field 'phrases'"))
        #expect(load("check: \"stacked-urgent\", min: 1").contains("min ≥ 2"))
        #expect(load("check: \"after-hours\"").contains("lists.request-starts"))
    }
}
