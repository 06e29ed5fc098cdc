import Foundation
import Testing
@testable import ToneCheck

/// Deadlines extracted from text and resolved against a fixed reference time.
@Suite struct DeadlineParserTests {
    /// The byte-wise number reader agrees with the Character-wise one it stands in for.
    @Test(arguments: ["5", "12th", "2026", "12345", "", "abc", "7pm", "٣", "5\u{301}", "17:00", "0", "9999", "10000", "3é", "28th’", "1st", "5PM"])
    func leadingNumberAgreesWithCharacters(word: String) {
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { b in
            let fast = DeadlineParser.leadingNumber(b, 0, b.count)
            let slow = DeadlineParser.leadingNumberByCharacters(DemandWord.text(b))
            #expect(fast?.value == slow?.0)
            #expect(fast.map { DemandWord.text(UnsafeBufferPointer(rebasing: b[$0.rest...])) } == slow.map { String($0.1) })
        }
    }

    /// Friday 27 November 2026, 16:50 in New York (EST, -05:00).
    static let friday = ReferenceTime.parse("2026-11-27T16:50:00-05:00")!
    static func t(_ s: String) -> Date { ReferenceTime.parse(s)!.date }

    static func one(_ text: String, _ ref: ReferenceTime = friday, _ calendar: BusinessCalendar = BusinessCalendar()) -> Deadline? {
        let d = DeadlineParser.deadlines(in: text, reference: ref, calendar: calendar)
        // The analyzer parses only sentences with an anchor word: every deadline must have one.
        let bytes = Array(text.utf8)
        if !d.isEmpty { #expect(Tokenizer.tokenize(bytes).contains { DeadlineParser.mayAnchor($0, bytes) }, "no anchor in \(text)") }
        return d.count == 1 ? d[0] : nil
    }

    @Test(arguments: [
        ("Send it ASAP.", "2026-11-27T16:50:00-05:00"),
        ("Do it immediately", "2026-11-27T16:50:00-05:00"),
        ("I need it right now!", "2026-11-27T16:50:00-05:00"),
        ("as soon as possible", "2026-11-27T16:50:00-05:00"),
    ])
    func immediate(_ text: String, _ expected: String) throws {
        let d = try #require(Self.one(text), "\(text)")
        #expect(d.kind == .immediate)
        #expect(d.date == Self.t(expected))
    }

    @Test(arguments: [
        ("by today", "2026-11-27T17:30:00-05:00", "by today"),
        ("tonight", "2026-11-27T20:00:00-05:00", "tonight"),
        ("by EOD", "2026-11-27T17:30:00-05:00", "by EOD"),
        ("by COB", "2026-11-27T17:30:00-05:00", "by COB"),
        ("by end of day", "2026-11-27T17:30:00-05:00", "by end of day"),
        ("by the end of the day", "2026-11-27T17:30:00-05:00", "by the end of the day"),
        ("before close of business", "2026-11-27T17:30:00-05:00", "before close of business"),
        ("by 5", "2026-11-27T17:00:00-05:00", "by 5"),
        ("by 5pm", "2026-11-27T17:00:00-05:00", "by 5pm"),
        ("by 5 pm", "2026-11-27T17:00:00-05:00", "by 5 pm"),
        ("by 5 p.m. please", "2026-11-27T17:00:00-05:00", "by 5 p.m."),
        ("by 17:00", "2026-11-27T17:00:00-05:00", "by 17:00"),
        ("by 5:30", "2026-11-27T17:30:00-05:00", "by 5:30"),
        ("by 5.30", "2026-11-27T17:30:00-05:00", "by 5.30"),
        ("at 10.15", "2026-11-27T10:15:00-05:00", "10.15"),
        ("by 9am", "2026-11-27T09:00:00-05:00", "by 9am"),
        ("no later than 11", "2026-11-27T11:00:00-05:00", "no later than 11"),
        ("before lunch", "2026-11-27T12:00:00-05:00", "before lunch"),
        ("by noon", "2026-11-27T12:00:00-05:00", "by noon"),
        ("first thing tomorrow", "2026-11-28T09:00:00-05:00", "first thing tomorrow"),
        ("by tomorrow morning", "2026-11-28T09:00:00-05:00", "by tomorrow morning"),
        ("by tomorrow", "2026-11-28T17:30:00-05:00", "by tomorrow"),
        ("EOD tomorrow", "2026-11-28T17:30:00-05:00", "EOD tomorrow"),
        ("by Monday", "2026-11-30T17:30:00-05:00", "by Monday"),
        ("by Monday morning", "2026-11-30T09:00:00-05:00", "by Monday morning"),
        ("by 10am Monday", "2026-11-30T10:00:00-05:00", "by 10am Monday"),
        ("on Monday at 3pm", "2026-11-30T15:00:00-05:00", "Monday at 3pm"),
        ("by Friday", "2026-12-04T17:30:00-05:00", "by Friday"),
        ("by this Friday", "2026-11-27T17:30:00-05:00", "by this Friday"),
        ("this week", "2026-11-27T17:30:00-05:00", "this week"),
        ("by the end of the week", "2026-11-27T17:30:00-05:00", "by the end of the week"),
        ("next week", "2026-12-04T17:30:00-05:00", "next week"),
        ("by Nov 28", "2026-11-28T17:30:00-05:00", "by Nov 28"),
        ("by November 28th", "2026-11-28T17:30:00-05:00", "by November 28th"),
        ("by 28 November", "2026-11-28T17:30:00-05:00", "by 28 November"),
        ("by the 28th of Nov", "2026-11-28T17:30:00-05:00", "by the 28th of Nov"),
        ("by 11/28", "2026-11-28T17:30:00-05:00", "by 11/28"),
        ("by 28/11", "2026-11-28T17:30:00-05:00", "by 28/11"),
        ("due 2026-12-01", "2026-12-01T17:30:00-05:00", "due 2026-12-01"),
        ("by Jan 5", "2027-01-05T17:30:00-05:00", "by Jan 5"),
        ("by 3pm on Dec 1", "2026-12-01T15:00:00-05:00", "by 3pm on Dec 1"),
    ])
    func clockAndDay(_ text: String, _ expected: String, _ written: String) throws {
        let d = try #require(Self.one(text), "\(text): \(DeadlineParser.deadlines(in: text, reference: Self.friday))")
        #expect(d.kind == .time)
        #expect(d.date == Self.t(expected), "\(text): got \(ISO8601.string(d.date, offset: -18000))")
        #expect(d.text == written)
        #expect(d.timeZone.secondsFromGMT(for: d.date) == -18000)
    }

    @Test(arguments: [
        ("within the hour", 60), ("within an hour", 60), ("in 20 minutes", 20), ("in 20 mins", 20), ("within 2 hours", 120),
        ("in half an hour", 30), ("in the next 30 minutes", 30), ("within 24 hours", 1440), ("in 15min", 15),
    ])
    func durations(_ text: String, _ minutes: Int) throws {
        let d = try #require(Self.one(text), "\(text)")
        #expect(d.kind == .duration)
        #expect(d.date == Self.friday.date.addingTimeInterval(Double(minutes) * 60))
        #expect(d.text == text)
    }

    @Test func numericDateOrderComesFromTheCalendar() throws {
        var dm = BusinessCalendar()
        dm.dateOrder = .dayMonth
        #expect(Self.one("by 12/11", Self.friday)?.date == Self.t("2026-12-11T17:30:00-05:00"))
        #expect(Self.one("by 12/11", Self.friday, dm)?.date == Self.t("2026-11-12T17:30:00-05:00"))
        // 28 cannot be a month, so either order reads 28/11 and 11/28 as 28 November.
        #expect(Self.one("by 28/11", Self.friday, dm)?.date == Self.t("2026-11-28T17:30:00-05:00"))
        #expect(Self.one("by 11/28", Self.friday, dm)?.date == Self.t("2026-11-28T17:30:00-05:00"))
    }

    @Test func namedZonesInTheText() throws {
        let est = try #require(Self.one("by 5pm EST"))
        #expect(est.date == Self.t("2026-11-27T17:00:00-05:00"))
        #expect(est.text == "by 5pm EST")
        let pt = try #require(Self.one("by 3pm PT"))
        #expect(pt.date == Self.t("2026-11-27T15:00:00-08:00"))
        #expect(pt.timeZone == TimeZone(identifier: "America/Los_Angeles"))
    }

    @Test func theCalendarZoneWinsOverTheReferenceOffset() throws {
        var c = BusinessCalendar()
        c.timeZone = TimeZone(identifier: "America/New_York")
        let utc = ReferenceTime.parse("2026-11-27T21:50:00Z")!
        let d = try #require(Self.one("by 5", utc, c))
        #expect(d.date == Self.t("2026-11-27T17:00:00-05:00"))
        #expect(d.date > utc.date)
        // Without a calendar zone the reference's offset (UTC here) is used, and 17:00 UTC has passed.
        #expect(Self.one("by 5", utc)?.date == Self.t("2026-11-27T17:00:00Z"))
    }

    @Test func acrossTheUSDaylightSavingChange() throws {
        var c = BusinessCalendar()
        c.timeZone = TimeZone(identifier: "America/New_York")
        let ref = ReferenceTime.parse("2026-10-30T16:00:00-04:00")!
        #expect(Self.one("by Monday 10am", ref, c)?.date == Self.t("2026-11-02T10:00:00-05:00"))
        #expect(Self.one("first thing Monday", ref, c)?.date == Self.t("2026-11-02T09:00:00-05:00"))
    }

    @Test func acrossTheEUDaylightSavingChange() throws {
        var c = BusinessCalendar()
        c.timeZone = TimeZone(identifier: "Europe/Berlin")
        let ref = ReferenceTime.parse("2026-10-24T12:00:00+02:00")!
        #expect(Self.one("by 5pm tomorrow", ref, c)?.date == Self.t("2026-10-25T17:00:00+01:00"))
        #expect(Self.one("by Monday", ref, c)?.date == Self.t("2026-10-26T17:30:00+01:00"))
    }

    @Test(arguments: [
        "We have 5 tickets open.", "See you in the office.", "The report from 2026 is fine.", "It was Monday's report.",
        "Thanks for the 3 macros.", "in 2026", "at 5 Main Street",
        // Versions and counts are not clock times; "than" cues a time only in "later than".
        "Can you install Python 3.10?", "Could you send the link for version 10.10?", "Block it for longer than 1 month.",
        "Render it as more than 1 image.",
        // A short day name after "the" is a noun; a dated log line years back is no deadline.
        "Can it finish before the Sun explodes?", "Why does the log say 2009-08-14 00:37:02?",
    ])
    func notDeadlines(_ text: String) {
        #expect(DeadlineParser.deadlines(in: text, reference: Self.friday).isEmpty, "\(DeadlineParser.deadlines(in: text, reference: Self.friday).map(\.text))")
    }

    @Test func severalInOneSentence() {
        let d = DeadlineParser.deadlines(in: "Send the report by 5pm today and the macros by Monday.", reference: Self.friday)
        #expect(d.map(\.text) == ["by 5pm today", "by Monday"])
    }

    @Test func referenceTimesParse() throws {
        let r = try #require(ReferenceTime.parse("2026-11-27T16:50:00-05:00"))
        #expect(r.offsetSeconds == -18000)
        #expect(r.date == Date(timeIntervalSince1970: 1_795_816_200))
        #expect(ReferenceTime.parse("2026-11-27T21:50Z")?.date == Date(timeIntervalSince1970: 1_795_816_200))
        #expect(ReferenceTime.parse("2026-11-27 22:50:00+0100")?.date == Date(timeIntervalSince1970: 1_795_816_200))
        for bad in ["yesterday", "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-11-27T25:00:00Z", "2026-11-27T10:00:00+5"] {
            #expect(ReferenceTime.parse(bad) == nil, "\(bad)")
        }
    }
}
