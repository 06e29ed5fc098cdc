import Foundation
import Testing

@testable import ToneCheck

@Suite struct TimeWordsTests {
    /// The same words from Foundation's calendar, as the reference.
    static func reference(_ date: Date, _ zone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.hour, .minute, .weekday, .day, .month], from: date)
        return String(format: "%02d:%02d ", c.hour!, c.minute!) + "\(TimeWords.weekdays[c.weekday! - 1]) \(c.day!) \(TimeWords.months[c.month! - 1])"
    }

    @Test(arguments: ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "America/St_Johns"])
    func timesAgreeWithTheCalendar(_ zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var x: UInt64 = 12345
        for _ in 0..<500 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let d = Date(timeIntervalSince1970: Double(Int64(x >> 34)) - 1_000_000_000)
            #expect(TimeWords.time(d, in: zone) == Self.reference(d, zone))
        }
        #expect(TimeWords.time(Date(timeIntervalSince1970: 1_795_780_200), in: TimeZone(identifier: "America/New_York")!) == "06:50 Fri 27 Nov")
    }

    @Test func offsets() {
        #expect(TimeWords.offset(Date(timeIntervalSince1970: 1_795_780_200), in: TimeZone(identifier: "America/New_York")!) == "-05:00")
        #expect(TimeWords.offset(Date(), in: TimeZone(secondsFromGMT: 19800)!) == "+05:30")
    }
}
