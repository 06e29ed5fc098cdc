import Foundation

/// ISO 8601 formatting with a given UTC offset, without Foundation formatters or calendars
/// (plain arithmetic on the proleptic Gregorian calendar, as ISO 8601 uses).
public enum ISO8601 {
    /// `2026-11-28T16:50:00-05:00` for `date` shown at `offset` seconds east of UTC (UTC when nil).
    public static func string(_ date: Date, offset: Int?) -> String {
        let off = offset ?? 0
        let (day, second) = localDay(date, offset: off)
        let (y, m, d) = civil(day)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(second / 3600, 2) + ":" + pad(second % 3600 / 60, 2) + ":" + pad(second % 60, 2)
        if off == 0 && offset == nil { return out + "Z" }
        return out + offsetString(off)
    }

    /// The local day of `date` at `offset` seconds east of UTC, as a day number (days since
    /// 1970-01-01, floored for earlier dates) and the seconds into that day.
    static func localDay(_ date: Date, offset: Int) -> (day: Int, second: Int) {
        let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        var day = seconds / 86400, second = seconds % 86400
        if second < 0 {
            second += 86400
            day -= 1
        }
        return (day, second)
    }

    /// The weekday of a day number: 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday).
    static func weekday(ofDay day: Int) -> Int { ((day % 7) + 11) % 7 }

    /// `+hh:mm` or `-hh:mm` for an offset in seconds.
    static func offsetString(_ offset: Int) -> String {
        (offset < 0 ? "-" : "+") + pad(abs(offset) / 3600, 2) + ":" + pad(abs(offset) % 3600 / 60, 2)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        let sign = v < 0 ? "-" : ""
        return s.count >= width ? sign + s : sign + String(repeating: "0", count: width - s.count) + s
    }
}
