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
        let (y, m, d) = civil(days)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(rest / 3600, 2) + ":" + pad(rest % 3600 / 60, 2) + ":" + pad(rest % 60, 2)
        if off == 0 && offset == nil { return out + "Z" }
        return out + (off < 0 ? "-" : "+") + pad(abs(off) / 3600, 2) + ":" + pad(abs(off) % 3600 / 60, 2)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        let sign = v < 0 ? "-" : ""
        return s.count >= width ? sign + s : sign + String(repeating: "0", count: width - s.count) + s
    }
}
