import Foundation

/// ISO 8601 formatting with a given UTC offset, without Foundation formatters or calendars
/// (plain arithmetic on the proleptic Gregorian calendar, as ISO 8601 uses).
public enum ISO8601 {
    /// `2026-11-28T16:50:00-05:00` for `date` shown at `offset` seconds east of UTC (UTC when nil).
    public static func string(_ date: Date, offset: Int?) -> String {
        String(unsafeUninitializedCapacity: maxLength) { write(date, offset: offset, into: $0.baseAddress!) }
    }

    /// Room `write` needs (a year of up to 20 digits and its sign included).
    static let maxLength = 64

    /// Writes `string(date, offset:)`'s bytes at `out` (room for `maxLength`), byte by byte
    /// (this runs for every dated message in a mailbox); returns how many.
    static func write(_ date: Date, offset: Int?, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let off = offset ?? 0
        let (day, second) = localDay(date, offset: off)
        let (y, m, d) = civil(day)
        var o = 0
        func put(_ b: UInt8) { out[o] = b; o += 1 }
        func pad(_ v: Int, _ width: Int) {
            if v < 0 { put(0x2D) }
            let x = v.magnitude
            var digits = 1
            var p: UInt = 1
            while x / p >= 10 { p *= 10; digits += 1 }
            for _ in digits..<max(digits, width) { put(0x30) }
            while p > 0 { put(UInt8(x / p % 10) + 0x30); p /= 10 }
        }
        pad(y, 4); put(0x2D)
        pad(m, 2); put(0x2D)
        pad(d, 2); put(0x54)
        pad(second / 3600, 2); put(0x3A)
        pad(second % 3600 / 60, 2); put(0x3A)
        pad(second % 60, 2)
        if off == 0 && offset == nil {
            put(0x5A)
        } else {
            put(off < 0 ? 0x2D : 0x2B)
            pad(abs(off) / 3600, 2); put(0x3A)
            pad(abs(off) % 3600 / 60, 2)
        }
        return o
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
