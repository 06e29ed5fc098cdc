import Foundation

/// ISO 8601 formatting with a given UTC offset, without Foundation formatters in loops.
public enum ISO8601 {
    /// `2026-11-28T16:50:00-05:00` for `date` shown at `offset` seconds east of UTC (UTC when nil).
    public static func string(_ date: Date, offset: Int?) -> String {
        let off = offset ?? 0
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: off) ?? TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let sign = off < 0 ? "-" : "+"
        let tz = off == 0 && offset == nil ? "Z" : String(format: "%@%02d:%02d", sign, abs(off) / 3600, abs(off) % 3600 / 60)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0) + tz
    }
}
