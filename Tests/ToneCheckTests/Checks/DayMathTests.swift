import Foundation
import Testing

@testable import ToneCheck

/// Day arithmetic for fixed-offset zones is plain arithmetic: it must agree with
/// Foundation's Gregorian calendar everywhere.
@Suite struct DayMathTests {
    @Test(arguments: [0, 3600, -18000, 19800, 45900, -43200, 50400])
    func fixedOffsetAgreesWithFoundation(_ offset: Int) throws {
        let zone = try #require(TimeZone(secondsFromGMT: offset))
        let math = DayMath(zone)
        #expect(math.offset == offset && math.calendar == nil)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        var state = UInt64(bitPattern: Int64(offset)) &+ 12345
        for _ in 0..<1500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // 1900 to 2100, to the second.
            let t = -2_208_988_800 + Double(state >> 31 % 6_311_433_600)
            let date = Date(timeIntervalSince1970: t)
            #expect(math.startOfDay(date) == cal.startOfDay(for: date), "\(date)")
            #expect(math.weekday(date) == cal.component(.weekday, from: date))
            let c = cal.dateComponents([.year, .month, .day], from: date)
            #expect(math.civil(date) == (c.year!, c.month!, c.day!))
            let k = Int(state % 40) - 10
            #expect(math.adding(days: k, to: math.startOfDay(date)) == cal.date(byAdding: .day, value: k, to: cal.startOfDay(for: date)))
            let day = math.startOfDay(date)
            #expect(math.nextYear(day) == cal.date(byAdding: .year, value: 1, to: day), "\(day)")
        }
        for (y, m, d) in [(2026, 2, 28), (2026, 2, 29), (2028, 2, 29), (2026, 4, 31), (2026, 12, 31), (2026, 13, 1), (2026, 1, 0)] {
            let f = cal.date(from: DateComponents(year: y, month: m, day: d)).flatMap { cal.component(.day, from: $0) == d && (1...12).contains(m) ? $0 : nil }
            #expect(math.date(year: y, month: m, day: d) == f, "\(y)-\(m)-\(d)")
        }
    }

    @Test func namedZonesUseTheCalendar() throws {
        let math = DayMath(try #require(TimeZone(identifier: "Europe/London")))
        #expect(math.offset == nil && math.calendar != nil)
        // The spring-forward day is 23 hours long there.
        let day = try #require(math.date(year: 2026, month: 3, day: 29))
        #expect(math.adding(days: 1, to: day).timeIntervalSince(day) == 23 * 3600)
    }
}
