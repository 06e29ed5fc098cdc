import Foundation
import Testing
@testable import ToneCheck

@Suite struct ISOWeekTests {
    @Test(arguments: [
        ("2026-11-02T09:00:00Z", "2026-W45", "2026-11-02"),
        ("2026-11-22T23:59:59Z", "2026-W47", "2026-11-16"),
        ("2026-11-23T00:00:00Z", "2026-W48", "2026-11-23"),
        ("2027-01-01T12:00:00Z", "2026-W53", "2026-12-28"),  // 2026 starts on a Thursday: 53 weeks
        ("2024-12-30T12:00:00Z", "2025-W01", "2024-12-30"),  // Monday of week 1 falls in December
        ("2021-01-03T12:00:00Z", "2020-W53", "2020-12-28"),  // Sunday in January, last week of the year before
        ("1969-12-31T12:00:00Z", "1970-W01", "1969-12-29"),
    ])
    func weeks(_ date: String, _ week: String, _ monday: String) throws {
        let (d, off) = try #require(ISO8601.parse(date))
        let w = ISOWeek(date: d, offset: off)
        #expect(w.description == week)
        #expect(w.mondayString == monday)
    }

    @Test func aDateCountsInItsOwnOffset() throws {
        // Sunday 23:30 in New York is Monday 04:30 UTC: the sender's Sunday decides the week.
        let (d, off) = try #require(ISO8601.parse("2026-11-08T23:30:00-05:00"))
        #expect(off == -18_000)
        #expect(ISOWeek(date: d, offset: off).description == "2026-W45")
        #expect(ISOWeek(date: d, offset: nil).description == "2026-W46")
    }

    @Test(arguments: [
        ("2026-11-16T09:05:00-05:00", 1_794_837_900.0, -18_000 as Int?),
        ("2026-11-16T14:05:00Z", 1_794_837_900.0, 0),
        ("2026-11-16T14:05:00.250Z", 1_794_837_900.25, 0),
        ("2026-11-16 15:05+0100", 1_794_837_900.0, 3600),
        ("2026-11-16T14:05:00", 1_794_837_900.0, nil),
        ("2026-11-16", 1_794_787_200.0, nil),
    ])
    func parsesISO8601(_ s: String, _ seconds: Double, _ offset: Int?) throws {
        let (d, off) = try #require(ISO8601.parse(s))
        #expect(abs(d.timeIntervalSince1970 - seconds) < 0.001)
        #expect(off == offset)
    }

    @Test(arguments: ["", "Mon, 16 Nov 2026 09:05:00 -0500", "2026-13-01", "2026-02-30", "2026-11-16T25:00", "2026-11-16T09:05:00 -05:00", "2026-11-16Tx", "2026-11-16T09:05:00+5"])
    func rejectsMalformedDates(_ s: String) {
        #expect(ISO8601.parse(s) == nil)
    }
}
