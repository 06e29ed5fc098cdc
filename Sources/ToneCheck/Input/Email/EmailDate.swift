import Foundation

/// Parses `Date` header values: RFC 5322 (`Mon, 23 Nov 2026 09:15:00 +0100`) and the
/// common broken forms — no weekday, two-digit or leading year, no seconds, single-digit
/// hours, named zones (`GMT`, `UT`, `EST`, `PDT`, `Z`, ...), a zone comment `(UTC)`,
/// full month names, ISO 8601 (`2026-11-23T09:15:00Z`), and a missing zone (read as UTC,
/// offset unknown).
public enum EmailDate {
    /// The instant and the UTC offset (seconds east) as written; offset nil when no zone was given.
    public static func parse(_ text: String) -> (date: Date, offsetSeconds: Int?)? {
        // The strict RFC 5322 form nearly every message uses is read straight from the
        // bytes; anything else (or anything this reader is unsure of) goes the long way.
        if let fast = text.utf8.withContiguousStorageIfAvailable({ strict($0) }), let r = fast { return r }
        return parseWords(text)
    }

    /// `parse` without the strict fast path: the text read word by word.
    static func parseWords(_ text: String) -> (date: Date, offsetSeconds: Int?)? {
        let all = Array(text.utf8)
        var a = 0, z = all.count
        while a < z, ByteText.isWS(all[a]) { a += 1 }
        while z > a, ByteText.isWS(all[z - 1]) { z -= 1 }
        if a == z || z - a > 200 { return nil }
        let b = Array(all[a..<z])
        if let iso = parseISO(b) { return iso }
        // Words, split at spaces and commas, comments dropped: lowercased into `lw`, each
        // word a range of it (a `)` is dropped without ending a word).
        var lw: [UInt8] = []
        lw.reserveCapacity(b.count)
        var words: [Range<Int>] = []
        var ws = 0
        var depth = 0
        for c in b {
            if c == 0x28 { depth += 1 } else if c == 0x29 { depth = max(0, depth - 1); continue }
            if depth > 0 || c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == 0x2C {
                if lw.count > ws { words.append(ws..<lw.count); ws = lw.count }
                continue
            }
            lw.append(ByteText.lower(c))
        }
        if lw.count > ws { words.append(ws..<lw.count) }
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        func number(_ w: ArraySlice<UInt8>) -> Int? {
            guard !w.isEmpty, w.count <= 9 else { return nil }
            var v = 0
            for c in w { guard c >= 0x30, c <= 0x39 else { return nil }; v = v * 10 + Int(c - 0x30) }
            return v
        }
        for r in words {
            let w = lw[r]
            if let m = monthNumber(w) { month = m; continue }
            if isWeekday(w) { continue }
            if w.contains(0x3A) {
                // h:mm[:ss], each part read up to a `.`.
                var parts = 0
                var values: (Int?, Int?, Int?) = (nil, nil, nil)
                var ps = w.startIndex
                while true {
                    var pe = ps
                    while pe < w.endIndex, w[pe] != 0x3A { pe += 1 }
                    var q = w[ps..<pe]
                    if let dot = q.firstIndex(of: 0x2E) { q = q[q.startIndex..<dot] }
                    switch parts {
                    case 0: values.0 = number(q)
                    case 1: values.1 = number(q)
                    case 2: values.2 = number(q)
                    default: break
                    }
                    parts += 1
                    if pe == w.endIndex { break }
                    ps = pe + 1
                }
                guard parts >= 2, let h = values.0, let mi = values.1, h < 24, mi < 60 else { continue }
                hour = h
                minute = mi
                if parts > 2, let se = values.2, se <= 60 { second = min(se, 59) }
                continue
            }
            if w.count == 2, w.last == 0x6D, w.first == 0x70 {  // "pm"
                if hour < 12 { hour += 12; continue }
            } else if w.count == 2, w.last == 0x6D, w.first == 0x61 {  // "am"
                if hour == 12 { hour = 0 }
                continue
            }
            if w.count == 5, w.first == 0x2B || w.first == 0x2D, let v = number(w.dropFirst()) {
                offset = (w.first == 0x2D ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
                continue
            }
            if let zo = zoneOffset(w) { offset = zo; continue }
            if let n = number(w) {
                if day == nil, n >= 1, n <= 31, w.count <= 2 {
                    day = n
                } else if year == nil {
                    year = n
                } else if day == nil, n >= 1, n <= 31 {
                    day = n
                }
                continue
            }
            // "23-nov-2026"
            let dashed = w.split(separator: 0x2D)
            if dashed.count == 3, let d = number(dashed[0]), let m = monthNumber(dashed[1]), let y = number(dashed[2]) {
                day = d
                month = m
                year = y
            }
        }
        guard let d = day, let m = month, var y = year, d >= 1, d <= 31 else { return nil }
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        let local = Double(ISO8601.days(year: y, month: m, day: d)) * 86400 + Double(hour * 3600 + minute * 60 + second)
        return (Date(timeIntervalSince1970: local - Double(offset ?? 0)), offset)
    }

    /// `[Www, ]D[D] Mmm YYYY hh:mm[:ss] ±hhmm[ (comment)]`, surrounding white space allowed;
    /// nil when the text is not exactly that (then `parse` reads it word by word, and gets
    /// the same answer for every text this accepts).
    static func strict(_ b: UnsafeBufferPointer<UInt8>) -> (date: Date, offsetSeconds: Int?)? {
        var a = 0, z = b.count
        while a < z, ByteText.isWS(b[a]) { a += 1 }
        while z > a, ByteText.isWS(b[z - 1]) { z -= 1 }
        guard z - a >= 20, z - a <= 200 else { return nil }
        var p = a
        @inline(__always) func digit(_ k: Int) -> Int? {
            guard k < z, b[k] >= 0x30, b[k] <= 0x39 else { return nil }
            return Int(b[k] &- 0x30)
        }
        @inline(__always) func letter(_ k: Int) -> UInt8? {
            guard k < z else { return nil }
            let c = b[k] | 0x20
            return c >= 0x61 && c <= 0x7A ? c : nil
        }
        func packed3(_ k: Int) -> UInt32? {
            guard let x = letter(k), let y = letter(k + 1), let w = letter(k + 2) else { return nil }
            return UInt32(x) << 16 | UInt32(y) << 8 | UInt32(w)
        }
        // Weekday and comma.
        if letter(p) != nil {
            guard let w = packed3(p), p + 4 < z, b[p + 3] == 0x2C, b[p + 4] == 0x20 else { return nil }
            switch w {
            case 0x6D6F6E, 0x747565, 0x776564, 0x746875, 0x667269, 0x736174, 0x73756E: break
            default: return nil
            }
            p += 5
        }
        // Day.
        guard let d1 = digit(p) else { return nil }
        var day = d1
        p += 1
        if let d2 = digit(p) { day = day * 10 + d2; p += 1 }
        guard day >= 1, day <= 31, p < z, b[p] == 0x20 else { return nil }
        p += 1
        // Month.
        guard let mw = packed3(p), let mi = monthIndex(mw), p + 3 < z, b[p + 3] == 0x20 else { return nil }
        p += 4
        // Year.
        guard let y1 = digit(p), let y2 = digit(p + 1), let y3 = digit(p + 2), let y4 = digit(p + 3), p + 4 < z, b[p + 4] == 0x20 else { return nil }
        let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4
        guard year >= 1000 else { return nil }
        p += 5
        // Time.
        guard let h1 = digit(p), let h2 = digit(p + 1), p + 2 < z, b[p + 2] == 0x3A, let m1 = digit(p + 3), let m2 = digit(p + 4) else { return nil }
        let hour = h1 * 10 + h2, minute = m1 * 10 + m2
        var second = 0
        p += 5
        if p < z, b[p] == 0x3A {
            guard let s1 = digit(p + 1), let s2 = digit(p + 2) else { return nil }
            second = s1 * 10 + s2
            p += 3
        }
        guard hour < 24, minute < 60, second < 60, p < z, b[p] == 0x20 else { return nil }
        p += 1
        // Zone.
        guard p + 4 < z, b[p] == 0x2B || b[p] == 0x2D, let o1 = digit(p + 1), let o2 = digit(p + 2), let o3 = digit(p + 3), let o4 = digit(p + 4) else { return nil }
        let v = o1 * 1000 + o2 * 100 + o3 * 10 + o4
        let offset = (b[p] == 0x2D ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
        p += 5
        // Nothing more, or one comment: ` (UTC)`.
        if p < z {
            guard b[p] == 0x20 else { return nil }
            while p < z, b[p] == 0x20 { p += 1 }
            guard p < z, b[p] == 0x28, b[z - 1] == 0x29 else { return nil }
            var k = p + 1
            while k < z - 1 {
                if b[k] == 0x28 || b[k] == 0x29 { return nil }
                k += 1
            }
        }
        let local = Double(ISO8601.days(year: year, month: mi + 1, day: day)) * 86400 + Double(hour * 3600 + minute * 60 + second)
        return (Date(timeIntervalSince1970: local - Double(offset)), offset)
    }

    static func parseISO(_ b: [UInt8]) -> (Date, Int?)? {
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
        let local = Double(ISO8601.days(year: y, month: mo, day: d)) * 86400 + Double(h * 3600 + mi * 60 + sec)
        return (Date(timeIntervalSince1970: local - Double(offset ?? 0)), offset)
    }

    static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }
    static let fullMonths: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].map { Array($0.utf8) }

    /// Month number of a lowercased word: `nov`, `nov.`, `november`, `sept`.
    static func monthNumber(_ w0: ArraySlice<UInt8>) -> Int? {
        var w = w0
        if w.last == 0x2E { w = w.dropLast() }
        guard w.count >= 3 else { return nil }
        let s = w.startIndex
        guard let i = monthIndex(UInt32(ByteText.lower(w[s])) << 16 | UInt32(ByteText.lower(w[s + 1])) << 8 | UInt32(ByteText.lower(w[s + 2]))) else { return nil }
        if w.count == 3 { return i + 1 }
        func lowerEquals(_ x: [UInt8]) -> Bool {
            guard x.count == w.count else { return false }
            var k = 0
            for c in w { if ByteText.lower(c) != x[k] { return false }; k += 1 }
            return true
        }
        guard lowerEquals(fullMonths[i]) || (i == 8 && lowerEquals(Array("sept".utf8))) else { return nil }
        return i + 1
    }

    /// The index in `months` of three lowercase letters packed big-endian into a number.
    static func monthIndex(_ packed: UInt32) -> Int? {
        switch packed {
        case 0x6A616E: return 0  // jan
        case 0x666562: return 1  // feb
        case 0x6D6172: return 2  // mar
        case 0x617072: return 3  // apr
        case 0x6D6179: return 4  // may
        case 0x6A756E: return 5  // jun
        case 0x6A756C: return 6  // jul
        case 0x617567: return 7  // aug
        case 0x736570: return 8  // sep
        case 0x6F6374: return 9  // oct
        case 0x6E6F76: return 10  // nov
        case 0x646563: return 11  // dec
        default: return nil
        }
    }

    static let weekdays: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }

    static func isWeekday(_ w: ArraySlice<UInt8>) -> Bool {
        guard w.count >= 3 else { return false }
        let s = w.startIndex
        switch UInt32(w[s]) << 16 | UInt32(w[s + 1]) << 8 | UInt32(w[s + 2]) {
        case 0x6D6F6E, 0x747565, 0x776564, 0x746875, 0x667269, 0x736174, 0x73756E:  // the three letters of a day in `weekdays`
            return w.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E }
        default:
            return false
        }
    }

    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600, "bst": 3600, "cet": 3600, "cest": 7200, "eet": 7200,
    ]

    static func zoneOffset(_ w: ArraySlice<UInt8>) -> Int? {
        guard w.count <= 4, !w.isEmpty else { return nil }
        return zonesPacked[packed(w)]
    }

    /// Up to four bytes packed big-endian, with their count above them: distinct words, distinct numbers.
    static func packed<C: Collection>(_ w: C) -> UInt64 where C.Element == UInt8 {
        let v = UInt64(w.count) << 32
        var b: UInt64 = 0
        for c in w { b = b << 8 | UInt64(c) }
        return v | b
    }

    /// `zones`, keyed by `packed` name.
    static let zonesPacked: [UInt64: Int] = Dictionary(uniqueKeysWithValues: zones.map { (packed(Array($0.key.utf8)), $0.value) })
}
