import Foundation

extension ISO8601 {
    /// Parses `2026-11-16T09:05:00-05:00` (also `Z`, `+0100`, fractional seconds, a space
    /// for `T`, no seconds, or a bare date `2026-11-16`). Returns the instant and the
    /// offset as written (nil when none was written: read as UTC), or nil when malformed.
    public static func parse(_ s: String) -> (date: Date, offset: Int?)? {
        let b = Array(s.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(0x2D), let mo = digits(2), expect(0x2D), let d = digits(2),
              (1...12).contains(mo), d >= 1, d <= 31 else { return nil }
        var hh = 0, mm = 0, ss = 0.0
        var offset: Int?
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 else { return nil }
            i += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2), h < 24, m < 60 else { return nil }
            hh = h; mm = m
            if expect(0x3A) {
                guard let sec = digits(2), sec <= 60 else { return nil }
                ss = Double(sec)
                if expect(0x2E) || expect(0x2C) {
                    var scale = 0.1, any = false
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { ss += Double(b[i] - 0x30) * scale; scale /= 10; i += 1; any = true }
                    if !any { return nil }
                }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                    offset = 0
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = expect(0x3A)
                    guard let om = digits(2), oh <= 23, om < 60 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard i == b.count else { return nil }
        }
        let day = days(year: y, month: mo, day: d)
        guard civil(day) == (y, mo, d) else { return nil }  // 2026-02-30
        let local = Double(day) * 86_400 + Double(hh * 3600 + mm * 60) + ss
        return (Date(timeIntervalSince1970: local - Double(offset ?? 0)), offset)
    }

    /// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian).
    static func civil(_ z0: Int) -> (Int, Int, Int) {
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

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
