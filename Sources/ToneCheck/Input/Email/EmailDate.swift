import Foundation

/// Parses `Date` header values: RFC 5322 (`Mon, 23 Nov 2026 09:15:00 +0100`) and the
/// common broken forms — no weekday, two-digit or leading year, no seconds, single-digit
/// hours, named zones (`GMT`, `UT`, `EST`, `PDT`, `Z`, ...), a zone comment `(UTC)`,
/// full month names, ISO 8601 (`2026-11-23T09:15:00Z`), and a missing zone (read as UTC,
/// offset unknown).
public enum EmailDate {
    /// The instant and the UTC offset (seconds east) as written; offset nil when no zone was given.
    public static func parse(_ text: String) -> (date: Date, offsetSeconds: Int?)? {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        if let iso = parseISO(s) { return iso }
        // Drop comments, split into words.
        var cleaned = ""
        var depth = 0
        for ch in s {
            if ch == "(" { depth += 1; cleaned.append(" "); continue }
            if ch == ")" { depth = max(0, depth - 1); cleaned.append(" "); continue }
            if depth == 0 { cleaned.append(ch == "," ? " " : ch) }
        }
        let words = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var haveTime = false
        var offset: Int?
        for w in words {
            let lw = w.lowercased()
            if let m = monthNumber(lw) { month = m; continue }
            if weekday(lw) { continue }
            if w.contains(":") {
                let parts = w.split(separator: ":").map { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "."))) }
                guard parts.count >= 2, let h = parts[0], let mi = parts[1], h < 24, mi < 60 else { continue }
                hour = h; minute = mi
                if parts.count > 2, let se = parts[2], se <= 60 { second = min(se, 59) }
                haveTime = true
                continue
            }
            if (w.hasPrefix("+") || w.hasPrefix("-")), w.count == 5, let v = Int(w.dropFirst()) {
                let sign = w.hasPrefix("-") ? -1 : 1
                offset = sign * ((v / 100) * 3600 + (v % 100) * 60)
                continue
            }
            if let z = zoneOffset(lw) { offset = z; continue }
            if let n = Int(w) {
                if day == nil, n >= 1, n <= 31, w.count <= 2, !(year == nil && month == nil && w.count == 4) {
                    day = n
                } else if year == nil {
                    year = n
                } else if day == nil, n >= 1, n <= 31 {
                    day = n
                }
                continue
            }
            // "23-Nov-2026"
            let dashed = w.split(separator: "-")
            if dashed.count == 3, let d = Int(dashed[0]), let m = monthNumber(dashed[1].lowercased()), let y = Int(dashed[2]) {
                day = d; month = m; year = y
            }
        }
        guard let d = day, let m = month, var y = year else { return nil }
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        _ = haveTime
        let days = daysFromCivil(y, m, d)
        let local = Double(days) * 86400 + Double(hour * 3600 + minute * 60 + second)
        let utc = local - Double(offset ?? 0)
        return (Date(timeIntervalSince1970: utc), offset)
    }

    static func parseISO(_ s: String) -> (Date, Int?)? {
        let b = Array(s.utf8)
        guard b.count >= 16, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A else { return nil }
        func num(_ a: Int, _ n: Int) -> Int? {
            var v = 0
            for k in a..<(a + n) {
                guard k < b.count, b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2) else { return nil }
        var i = 16
        var sec = 0
        if i < b.count, b[i] == 0x3A, let se = num(17, 2) { sec = se; i = 19 }
        while i < b.count, b[i] == 0x2E || (b[i] >= 0x30 && b[i] <= 0x39) { i += 1 }
        var offset: Int?
        if i < b.count {
            if b[i] == 0x5A || b[i] == 0x7A { offset = 0 } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                if let oh = num(i + 1, 2) {
                    var om = 0
                    if let m = num(i + 3, 2) { om = m } else if i + 3 < b.count, b[i + 3] == 0x3A, let m = num(i + 4, 2) { om = m }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
        }
        guard mo >= 1, mo <= 12, d >= 1, d <= 31 else { return nil }
        let local = Double(daysFromCivil(y, mo, d)) * 86400 + Double(h * 3600 + mi * 60 + sec)
        return (Date(timeIntervalSince1970: local - Double(offset ?? 0)), offset)
    }

    static func monthNumber(_ w: String) -> Int? {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let w3 = String(w.prefix(3))
        guard w.count >= 3, let i = names.firstIndex(of: w3) else { return nil }
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let trimmed = w.hasSuffix(".") ? String(w.dropLast()) : w
        guard trimmed.count == 3 || full[i] == trimmed || (i == 8 && trimmed == "sept") else { return nil }
        return i + 1
    }

    static func weekday(_ w: String) -> Bool {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(w.prefix(3))) && w.allSatisfy(\.isLetter)
    }

    static func zoneOffset(_ w: String) -> Int? {
        switch w {
        case "gmt", "ut", "utc", "z", "wet": return 0
        case "est": return -5 * 3600
        case "edt": return -4 * 3600
        case "cst": return -6 * 3600
        case "cdt": return -5 * 3600
        case "mst": return -7 * 3600
        case "mdt": return -6 * 3600
        case "pst": return -8 * 3600
        case "pdt": return -7 * 3600
        case "bst", "cet": return 3600
        case "cest", "eet": return 7200
        default: return nil
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
