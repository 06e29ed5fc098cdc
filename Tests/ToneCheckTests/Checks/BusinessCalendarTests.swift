import Foundation
import Testing
@testable import ToneCheck

/// Working-hours arithmetic: nights, weekends, holidays, zones and daylight-saving changes.
@Suite struct BusinessCalendarTests {
    static func t(_ s: String) -> Date { ReferenceTime.parse(s)!.date }
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let est = TimeZone(secondsFromGMT: -5 * 3600)!

    @Test func tenMinutesBeforeTheEndOfFriday() {
        let c = BusinessCalendar()
        let s = c.workingSeconds(from: Self.t("2026-11-27T16:50:00-05:00"), to: Self.t("2026-11-27T17:00:00-05:00"), in: Self.est)
        #expect(s == 600)
    }

    @Test func skipsNightsAndTheWeekend() {
        let c = BusinessCalendar()
        // Fri 16:50 → Mon 10:00: 40 minutes on Friday, 60 on Monday.
        let s = c.workingSeconds(from: Self.t("2026-11-27T16:50:00-05:00"), to: Self.t("2026-11-30T10:00:00-05:00"), in: Self.est)
        #expect(s == 100 * 60)
        // Overnight Tue 17:00 → Wed 09:30: 30 + 30 minutes.
        let n = c.workingSeconds(from: Self.t("2026-11-24T17:00:00-05:00"), to: Self.t("2026-11-25T09:30:00-05:00"), in: Self.est)
        #expect(n == 60 * 60)
        // A deadline earlier than the start counts nothing.
        #expect(c.workingSeconds(from: Self.t("2026-11-25T09:30:00-05:00"), to: Self.t("2026-11-24T17:00:00-05:00"), in: Self.est) == 0)
    }

    @Test func skipsHolidays() throws {
        let c = try BusinessCalendar.parse(try JSONValue.parseJSON5(Data(#"{holidays: [{date: "2026-11-26", name: "Thanksgiving"}]}"#.utf8)))
        // Wed 17:00 → Fri 10:00 with Thursday off: 30 + 60 minutes.
        let s = c.workingSeconds(from: Self.t("2026-11-25T17:00:00-05:00"), to: Self.t("2026-11-27T10:00:00-05:00"), in: Self.est)
        #expect(s == 90 * 60)
        #expect(c.holiday(at: Self.t("2026-11-26T12:00:00-05:00"), in: Self.est) == "Thanksgiving")
        #expect(!c.isWorkingTime(Self.t("2026-11-26T12:00:00-05:00"), in: Self.est))
        #expect(c.isWorkingTime(Self.t("2026-11-27T12:00:00-05:00"), in: Self.est))
    }

    @Test func usDaylightSavingEndsOnNovemberFirst() {
        var c = BusinessCalendar()
        c.timeZone = Self.newYork
        // Fri 30 Oct 17:00 EDT → Mon 2 Nov 10:00 EST: 30 minutes + 60 minutes, not an hour more or less.
        let s = c.workingSeconds(from: Self.t("2026-10-30T17:00:00-04:00"), to: Self.t("2026-11-02T10:00:00-05:00"), in: Self.newYork)
        #expect(s == 90 * 60)
        // 09:00 local is 13:00 UTC before the change and 14:00 UTC after it.
        #expect(c.instant(minutes: 540, onDayOf: Self.t("2026-10-30T12:00:00-04:00"), in: Self.newYork) == Self.t("2026-10-30T13:00:00Z"))
        #expect(c.instant(minutes: 540, onDayOf: Self.t("2026-11-02T12:00:00-05:00"), in: Self.newYork) == Self.t("2026-11-02T14:00:00Z"))
        #expect(c.isWorkingTime(Self.t("2026-11-02T14:30:00Z"), in: Self.newYork))
        #expect(!c.isWorkingTime(Self.t("2026-11-02T13:30:00Z"), in: Self.newYork))
    }

    @Test func euDaylightSavingEndsOnOctober25() {
        var c = BusinessCalendar()
        c.workingDays = [1, 2, 3, 4, 5, 6, 7]
        c.timeZone = Self.berlin
        // Sat 12:00 CEST → Mon 12:00 CET, every day working: 5.5 + 8.5 (Sunday has 25 hours, the working day still 8.5) + 3.
        let s = c.workingSeconds(from: Self.t("2026-10-24T12:00:00+02:00"), to: Self.t("2026-10-26T12:00:00+01:00"), in: Self.berlin)
        #expect(s == 17 * 3600)
        // The spring change (29 March) has a 23-hour Sunday; the working day is still 8.5 hours.
        let spring = c.workingSeconds(from: Self.t("2026-03-29T00:00:00+01:00"), to: Self.t("2026-03-30T00:00:00+02:00"), in: Self.berlin)
        #expect(spring == 8.5 * 3600)
    }

    @Test func zoneDefaultsToTheReferenceOffset() {
        let c = BusinessCalendar()
        let ref = ReferenceTime(date: Self.t("2026-11-27T16:50:00+05:30"), offsetSeconds: 19800)
        #expect(c.zone(for: ref).secondsFromGMT() == 19800)
        var named = c
        named.timeZone = Self.berlin
        #expect(named.zone(for: ref) == Self.berlin)
    }

    @Test func parsesEveryKey() throws {
        let json = #"""
            {workingDays: ["sun", "monday", "Tue", "wed", "thu"], workStart: "08:00", workEnd: "16:00",
             timeZone: "Asia/Dubai", holidays: ["2026-12-02", {date: "2026-12-03", name: "National Day"}],
             dateOrder: "day/month", lunch: "13:00", tonight: "21:30"}
            """#
        let c = try BusinessCalendar.parse(try JSONValue.parseJSON5(Data(json.utf8)))
        #expect(c.workingDays == [1, 2, 3, 4, 5])
        #expect(c.workStart == 480 && c.workEnd == 960)
        #expect(c.timeZone == TimeZone(identifier: "Asia/Dubai"))
        #expect(c.holidays == ["2026-12-02": "", "2026-12-03": "National Day"])
        #expect(c.dateOrder == .dayMonth)
        #expect(c.lunch == 780 && c.tonight == 1290)
    }

    @Test(arguments: [
        (#"{workStart: "9am"}"#, "key 'calendar.workStart'"),
        (#"{workEnd: "08:00"}"#, "must end after it starts"),
        (#"{timeZone: "Mars/Olympus"}"#, "'Mars/Olympus' is not a known time zone"),
        (#"{workingDays: ["mon", "someday"]}"#, "'someday' is not a day"),
        (#"{holidays: ["26/11/2026"]}"#, "is not a date"),
        (#"{dateOrder: "year/day"}"#, "\"month/day\" or \"day/month\""),
        (#"{weekend: ["sat"]}"#, "key 'calendar.weekend': unknown key"),
        (#"["mon"]"#, "must be an object"),
    ])
    func badCalendarsFailPrecisely(_ json: String, _ expected: String) throws {
        let value = try JSONValue.parseJSON5(Data(json.utf8))
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            _ = try BusinessCalendar.parse(value, path: ".tonecheck.json5", lines: lines)
            Issue.record("expected an error for \(json)")
        } catch {
            let message = error.localizedDescription
            #expect(message.hasPrefix(".tonecheck.json5"), "\(message)")
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func loadReportsTheLineOfABadKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tc-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cal.json5")
        try "{\n  workStart: \"09:00\",\n  timeZone: \"Nowhere/Land\",\n}\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ToneCheckError.config(path: file.path, line: 3, key: "timeZone", message: "'Nowhere/Land' is not a known time zone; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\"")) {
            try BusinessCalendar.load(path: file.path)
        }
    }
}
