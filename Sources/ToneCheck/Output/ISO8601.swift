import Foundation

/// ISO 8601 formatting with a given UTC offset, without Foundation formatters or calendars
/// (plain arithmetic on the proleptic Gregorian calendar, as ISO 8601 uses).
public enum ISO8601 {
    /// `2026-11-28T16:50:00-05:00` for `date` shown at `offset` seconds east of UTC (UTC when nil).
    public static func string(_ date: Date, offset: Int?) -> String {
        let off = offset ?? 0
        let seconds = Int((date.timeIntervalSince1970 + Double(off)).rounded(.down))
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let (y, m, d) = civil(fromDays: days)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(rest / 3600, 2) + ":" + pad(rest % 3600 / 60, 2) + ":" + pad(rest % 60, 2)
        if off == 0 && offset == nil { return out + "Z" }
        return out + (off < 0 ? "-" : "+") + pad(abs(off) / 3600, 2) + ":" + pad(abs(off) % 3600 / 60, 2)
    }

    /// Year, month, day of the day `days` after 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        let sign = v < 0 ? "-" : ""
        return s.count >= width ? sign + s : sign + String(repeating: "0", count: width - s.count) + s
    }
}
