// The deadline parser as it was before it compared words by hash (tonecheck 2a3ab4a), kept
// to check that the hash-based parser finds exactly the same deadlines.
import Foundation
@testable import ToneCheck

/// One word (or number or punctuation mark) of a sentence, lowercased, with its bytes.
struct LegacyWord {
    /// The word lowercased, with ’ as ' (empty when made without text: see `make`).
    var text: String
    var start: Int
    var end: Int
    var kind: Token.Kind
    var hash: UInt64
    /// Bits of the phrase lists with a phrase starting with this word (`PhraseList.bit`);
    /// all ones when not looked up, so every list is tried.
    var lists: UInt64 = .max

    /// Words of `tokens` (a sentence) over `bytes`. `text: false` leaves each word's text
    /// empty (only deadline parsing reads it); `firstWords` (hash → list bits) fills `lists`.
    static func make(_ bytes: [UInt8], _ tokens: ArraySlice<Token>, text withText: Bool = true, firstWords: FlatHashMap? = nil) -> [LegacyWord] {
        bytes.withUnsafeBufferPointer { buf in
            tokens.map { t in
                let start = Int(t.start), end = Int(t.end)
                var lists = UInt64.max
                if let firstWords { lists = UInt64(bitPattern: firstWords.get(t.hash) ?? 0) }
                guard withText else { return LegacyWord(text: "", start: start, end: end, kind: t.kind, hash: t.hash, lists: lists) }
                let word = UnsafeBufferPointer(rebasing: buf[start..<end])
                // Lowercase ASCII and turn a right single quote (E2 80 99) into "'", written
                // straight into the string (no buffer per word).
                let text: String
                if t.uppercase == 0 && !word.contains(0xE2) {
                    text = String(decoding: word, as: UTF8.self)
                } else {
                    text = String(unsafeUninitializedCapacity: word.count) { out in
                        var k = 0, o = 0
                        while k < word.count {
                            let c = word[k]
                            if c == 0xE2, k + 2 < word.count, word[k + 1] == 0x80, word[k + 2] == 0x99 {
                                out[o] = 0x27
                                o += 1
                                k += 3
                                continue
                            }
                            out[o] = c >= 65 && c <= 90 ? c | 0x20 : c
                            o += 1
                            k += 1
                        }
                        return o
                    }
                }
                return LegacyWord(text: text, start: start, end: end, kind: t.kind, hash: t.hash, lists: lists)
            }
        }
    }
}

/// Finds deadlines in a sentence and resolves them against a reference time and a
/// business calendar: ASAP, immediately, right now, today, tonight, EOD/COB, "by 5",
/// "by 5pm", "by 17:00", "before lunch", "first thing tomorrow", "by tomorrow morning",
/// "by Monday", "this week", "within the hour", "in 20 minutes", "by Nov 28", "11/28", "28/11".
enum LegacyDeadlineParser {
    /// Deadlines in `text`, resolved against `reference` in `calendar`'s zone (or the
    /// reference time's offset when the calendar names none).
    static func deadlines(in text: String, reference: ReferenceTime, calendar: BusinessCalendar = BusinessCalendar()) -> [Deadline] {
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokenize(bytes)
        return deadlines(LegacyWord.make(bytes, tokens[...]), bytes: bytes, reference: reference, calendar: calendar)
    }

    // MARK: - Components

    typealias DaySpec = DeadlineParser.DaySpec
    typealias Part = DeadlineParser.Part
    /// Hashes of the words without which no deadline can be read (with any word starting
    /// with a digit): a sentence with none of them is not parsed at all. Every branch of
    /// `deadlines` needs one of these: keep the two in step.
    static let anchors: TokenSet = {
        var words = [
            "asap", "immediately", "once", "away", "now", "possible", "eod", "cob", "eob", "eop", "cop", "eow", "day", "business",
            "play", "week", "today", "tomorrow", "tmrw", "tmr", "tonight", "morning", "afternoon", "evening", "night", "thing",
            "lunch", "lunchtime", "noon", "midday", "midnight", "half", "hour", "minute",
        ]
        words += weekdayNames.keys
        words += monthNames.keys
        words += units.keys.filter { $0.count > 1 }
        return TokenSet(words: words)
    }()

    /// Hashes of the words a branch of `deadlines` starts from (with numbers and words
    /// starting with a digit); keep in step with the branches.
    static let branchStarts: TokenSet = {
        var words = [
            "asap", "immediately", "at", "straight", "right", "as", "eod", "cob", "eob", "eop", "cop", "eow", "end", "close", "this",
            "next", "today", "tomorrow", "tmrw", "tmr", "tonight", "first", "in", "morning", "afternoon", "evening", "night", "lunch",
            "lunchtime", "noon", "midday", "midnight", "within",
        ]
        words += weekdayNames.keys
        words += monthNames.keys
        return TokenSet(words: words)
    }()

    /// Whether `token` could be part of a deadline (see `anchors`).
    static func mayAnchor(_ token: Token, _ bytes: [UInt8]) -> Bool {
        if token.kind == .number { return true }
        guard token.end > token.start, Int(token.start) < bytes.count else { return false }
        let first = bytes[Int(token.start)]
        return (first >= 0x30 && first <= 0x39) || anchors.contains(token.hash)
    }

    static let cues: Set<String> = ["by", "before", "until", "till", "til", "due", "on", "for", "than", "thing", "latest", "within", "in"]
    static let weekdayNames: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
        "sun": 1, "mon": 2, "tue": 3, "tues": 3, "wed": 4, "thu": 5, "thur": 5, "thurs": 5, "fri": 6, "sat": 7,
    ]
    static let monthNames: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]
    static let zones: [String: String] = [
        "et": "America/New_York", "pt": "America/Los_Angeles", "ct": "America/Chicago", "mt": "America/Denver",
        "uk": "Europe/London", "cet": "Europe/Paris", "cest": "Europe/Paris",
    ]
    static let fixedZones: [String: Int] = [
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "gmt": 0, "utc": 0, "bst": 1,
    ]
    static let units: [String: Int] = [
        "minute": 1, "minutes": 1, "min": 1, "mins": 1, "m": 1, "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60,
        "day": 1440, "days": 1440,
    ]

    /// Leading digits of a word ("28th" → 28, "5pm" → 5) and the rest.
    static func leadingNumber(_ s: String) -> (Int, Substring)? {
        // Bytes, not Characters: asked of most words near a deadline cue ("may", "in").
        var value = 0, digits = 0
        let utf8 = s.utf8
        for b in utf8 {
            guard b >= 0x30 && b <= 0x39 else { break }
            digits += 1
            if digits > 4 { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        guard digits > 0 else { return nil }
        let rest = utf8.dropFirst(digits)
        // Non-ASCII right after the digits may be a combining mark that joins the last
        // digit into one Character: then decide by Characters.
        if let next = rest.first, next >= 0x80 { return leadingNumberByCharacters(s) }
        return (value, Substring(rest))
    }

    /// `leadingNumber` by Characters: ASCII digits (at most four) that are whole Characters.
    static func leadingNumberByCharacters(_ s: String) -> (Int, Substring)? {
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { return nil }
        return (n, s.dropFirst(digits.count))
    }

    static func deadlines(_ w: [LegacyWord], bytes: [UInt8], reference: ReferenceTime, calendar: BusinessCalendar) -> [Deadline] {
        let n = w.count
        func t(_ i: Int) -> String { i >= 0 && i < n ? w[i].text : "" }
        func gap(_ i: Int) -> String {  // bytes between word i-1 and word i
            guard i > 0, i < n else { return "" }
            return String(decoding: bytes[w[i - 1].end..<w[i].start], as: UTF8.self)
        }
        func cued(_ i: Int) -> Bool {
            cues.contains(t(i - 1)) || (["this", "next", "the"].contains(t(i - 1)) && cues.contains(t(i - 2)))
        }
        var parts: [Part] = []
        var immediates: [(Int, Int)] = []
        var durations: [(Int, Int, Int)] = []  // from, to, minutes
        var i = 0
        while i < n {
            // Most words start no deadline: skip them without comparing strings.
            if w[i].kind != .number, !branchStarts.contains(w[i].hash), !(w[i].text.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
                i += 1
                continue
            }
            let s = w[i].text
            // Immediate.
            if s == "asap" || s == "immediately" || (s == "at" && t(i + 1) == "once") || (s == "straight" && t(i + 1) == "away") {
                let end = s == "asap" || s == "immediately" ? i : i + 1
                immediates.append((i, end)); i = end + 1; continue
            }
            if s == "right", t(i + 1) == "now" || t(i + 1) == "away" { immediates.append((i, i + 1)); i += 2; continue }
            if s == "as", t(i + 1) == "soon", t(i + 2) == "as", t(i + 3) == "possible" { immediates.append((i, i + 3)); i += 4; continue }
            // End of day / week.
            if ["eod", "cob", "eob", "eop", "cop"].contains(s) { parts.append(Part(minute: calendar.workEnd, from: i, to: i)); i += 1; continue }
            if s == "eow" { parts.append(Part(day: .week(0), from: i, to: i)); i += 1; continue }
            if (s == "end" || s == "close"), t(i + 1) == "of" {
                var j = i + 2
                if t(j) == "the" { j += 1 }
                if ["day", "business", "play"].contains(t(j)) { parts.append(Part(minute: calendar.workEnd, from: i, to: j)); i = j + 1; continue }
                if t(j) == "week" { parts.append(Part(day: .week(0), from: i, to: j)); i = j + 1; continue }
            }
            if (s == "this" || s == "next"), t(i + 1) == "week" {
                parts.append(Part(day: .week(s == "this" ? 0 : 1), from: i, to: i + 1)); i += 2; continue
            }
            // Days.
            if s == "today" { parts.append(Part(day: .offset(0), from: i, to: i)); i += 1; continue }
            if s == "tomorrow" || s == "tmrw" || s == "tmr" { parts.append(Part(day: .offset(1), from: i, to: i)); i += 1; continue }
            if s == "tonight" { parts.append(Part(day: .offset(0), minute: calendar.tonight, from: i, to: i)); i += 1; continue }
            if s == "this", ["morning", "afternoon", "evening"].contains(t(i + 1)) {
                let m = t(i + 1) == "morning" ? calendar.lunch : t(i + 1) == "afternoon" ? calendar.workEnd : calendar.tonight
                parts.append(Part(day: .offset(0), minute: m, from: i, to: i + 1)); i += 2; continue
            }
            if s == "first", t(i + 1) == "thing" {
                var p = Part(minute: calendar.workStart, firstThing: true, from: i, to: i + 1)
                if t(i + 2) == "in", t(i + 3) == "the", t(i + 4) == "morning" { p.to = i + 4 }
                parts.append(p); i = p.to + 1; continue
            }
            if s == "in", t(i + 1) == "the", t(i + 2) == "morning" {
                parts.append(Part(minute: calendar.workStart, firstThing: true, from: i, to: i + 2)); i += 3; continue
            }
            if ["morning", "afternoon", "evening", "night"].contains(s), i > 0, !parts.isEmpty, parts[parts.count - 1].to == i - 1, parts[parts.count - 1].minute == nil {
                parts[parts.count - 1].minute = s == "morning" ? calendar.workStart : s == "afternoon" ? calendar.workEnd : calendar.tonight
                parts[parts.count - 1].to = i
                i += 1; continue
            }
            if (s == "lunch" || s == "lunchtime"), ["by", "before", "until", "till", "at"].contains(t(i - 1)) {
                parts.append(Part(minute: calendar.lunch, from: i, to: i)); i += 1; continue
            }
            if s == "noon" || s == "midday" { parts.append(Part(minute: 720, from: i, to: i)); i += 1; continue }
            if s == "midnight" { parts.append(Part(minute: 1440, from: i, to: i)); i += 1; continue }
            if let wd = weekdayNames[s] {
                let mode = t(i - 1) == "this" ? 1 : t(i - 1) == "next" ? 2 : 0
                let followedByTime = ["morning", "afternoon", "evening", "night", "eod", "cob", "at"].contains(t(i + 1))
                let afterTime = parts.last.map { $0.to == i - 1 && $0.minute != nil && $0.day == nil } ?? false
                let noun = !(s.count > 3 && s.hasSuffix("day")) && t(i - 1) == "the"
                if !noun, cued(i) || followedByTime || afterTime || (s.count > 3 && s.hasSuffix("day") && mode != 0) {
                    parts.append(Part(day: .weekday(wd, mode: mode), from: mode == 0 ? i : i - 1, to: i)); i += 1; continue
                }
            }
            // Month-name dates: "nov 28", "november 28th", "28 nov", "28th of november".
            if let m = monthNames[s], s != "may" || leadingNumber(t(i + 1)) != nil, let (d, rest) = leadingNumber(t(i + 1)), rest.isEmpty || ["st", "nd", "rd", "th"].contains(String(rest)), (1...31).contains(d) {
                var to = i + 1
                var year: Int?
                if t(to + 1) == ",", let (y, r) = leadingNumber(t(to + 2)), r.isEmpty, y > 1900 { year = y; to += 2 } else if let (y, r) = leadingNumber(t(to + 1)), r.isEmpty, y > 1900 { year = y; to += 1 }
                parts.append(Part(day: .date(year: year, month: m, day: d), from: i, to: to)); i = to + 1; continue
            }
            if let (d, rest) = leadingNumber(s), rest.isEmpty || ["st", "nd", "rd", "th"].contains(String(rest)), (1...31).contains(d) {
                var j = i + 1
                if t(j) == "of" { j += 1 }
                if let m = monthNames[t(j)], t(j) != "may" || !rest.isEmpty || j > i + 1 {
                    parts.append(Part(day: .date(year: nil, month: m, day: d), from: i, to: j)); i = j + 1; continue
                }
            }
            // Numeric dates: 11/28, 28/11, 11/28/2026, 2026-11-28.
            if i + 1 < n, w[i].kind == .number, w[i + 1].kind == .number {
                let a = Int(s) ?? 0, b = Int(w[i + 1].text) ?? 0
                if gap(i + 1) == "/" {
                    var to = i + 1
                    var year: Int?
                    if i + 2 < n, gap(i + 2) == "/", w[i + 2].kind == .number, let y = Int(w[i + 2].text) { year = y < 100 ? 2000 + y : y; to = i + 2 }
                    var (month, day) = calendar.dateOrder == .monthDay ? (a, b) : (b, a)
                    if month > 12, day <= 12 { swap(&month, &day) }
                    if (1...12).contains(month), (1...31).contains(day) {
                        parts.append(Part(day: .date(year: year, month: month, day: day), from: i, to: to)); i = to + 1; continue
                    }
                }
                if s.count == 4, gap(i + 1) == "-", i + 2 < n, gap(i + 2) == "-", let d = Int(w[i + 2].text), (1...12).contains(b), (1...31).contains(d) {
                    parts.append(Part(day: .date(year: a, month: b, day: d), from: i, to: i + 2)); i += 3; continue
                }
            }
            // Durations: within the hour, in 20 minutes, within 2 hours, in half an hour.
            if s == "within" || s == "in" {
                var j = i + 1
                if t(j) == "the" { j += 1 }
                if t(j) == "next" { j += 1 }
                var count: Int?
                if t(j) == "half", t(j + 1) == "an" || t(j + 1) == "a", t(j + 2) == "hour" {
                    durations.append((i, j + 2, 30)); i = j + 3; continue
                }
                if t(j) == "an" || t(j) == "a" {
                    count = 1; j += 1
                } else if j > i + 1, t(j) == "hour" || t(j) == "minute" {
                    count = 1
                } else if let (v, rest) = leadingNumber(t(j)) {
                    if !rest.isEmpty, let u = units[String(rest)] { durations.append((i, j, v * u)); i = j + 1; continue }
                    if rest.isEmpty { count = v; j += 1 }
                }
                if let c = count, t(j).count > 1, let u = units[t(j)] {
                    durations.append((i, j, c * u)); i = j + 1; continue
                }
            }
            // Clock times: 5pm, 5 pm, 5 p.m., 17:00, 5:30pm, "by 5".
            if let (h, rest) = leadingNumber(s), h <= 24 {
                var minute = 0, to = i, hasMinutes = false, dotted = false
                var suffix = String(rest)
                if suffix.isEmpty, t(i + 1) == ":" || t(i + 1) == ".", gap(i + 1).isEmpty, gap(i + 2).isEmpty, t(i + 2).count >= 2,
                    let (m, r2) = leadingNumber(t(i + 2)), m < 60, t(i + 2).count - r2.count == 2
                {
                    minute = m; suffix = String(r2); to = i + 2; hasMinutes = true; dotted = t(i + 1) == "."
                }
                if suffix.isEmpty {
                    if t(to + 1) == "pm" || t(to + 1) == "am" {
                        suffix = t(to + 1); to += 1
                    } else if t(to + 1) == "p" || t(to + 1) == "a", t(to + 2) == ".", t(to + 3) == "m" {
                        suffix = t(to + 1) + "m"; to += 3
                        if t(to + 1) == "." { to += 1 }
                    } else if t(to + 1) == "o'clock" {
                        suffix = "o"; to += 1
                    }
                }
                var total: Int?
                if suffix == "pm" || suffix == "am", (1...12).contains(h) {
                    total = (h % 12 + (suffix == "pm" ? 12 : 0)) * 60 + minute
                } else if suffix == "o", (1...12).contains(h) {
                    total = (h < 8 ? h + 12 : h) * 60
                } else if suffix.isEmpty, hasMinutes, h < 24, !dotted || ["by", "before", "until", "till", "at", "than"].contains(t(i - 1)) {
                    total = (h >= 1 && h < 8 ? h + 12 : h) * 60 + minute  // "by 5:30" means 17:30; "17:00" as written
                } else if suffix.isEmpty, !hasMinutes, ["by", "before", "until", "till", "at", "than"].contains(t(i - 1)),
                    t(i - 1) != "than" || t(i - 2) == "later", (1...12).contains(h),
                    units[t(i + 1)] == nil, monthNames[t(i + 1)] == nil, gap(i + 1) != "/",
                    i + 1 >= n || w[i + 1].kind != .word || !(bytes[w[i + 1].start] >= 65 && bytes[w[i + 1].start] <= 90) || weekdayNames[t(i + 1)] != nil
                {
                    total = (h < 8 ? h + 12 : h) * 60  // "by 5" means 17:00
                }
                if let total {
                    var p = Part(minute: total, from: i, to: to)
                    let z = t(to + 1)
                    if let id = zones[z], let zone = TimeZone(identifier: id) {
                        p.zone = zone; p.to += 1
                    } else if let off = fixedZones[z] {
                        p.zone = TimeZone(secondsFromGMT: off * 3600); p.to += 1
                    }
                    parts.append(p); i = p.to + 1; continue
                }
            }
            i += 1
        }

        // Pair each time of day with the nearest day (within 6 words), then resolve.
        var merged: [Part] = []
        var used = Set<Int>()
        for (k, p) in parts.enumerated() where p.minute != nil && p.day == nil {
            var best: Int?
            for q in max(0, k - 3)..<min(parts.count, k + 4) where parts[q].day != nil && parts[q].minute == nil && !used.contains(q) {
                let d = parts[q]
                let dist = min(abs(d.from - p.to), abs(p.from - d.to))
                if dist <= 6, best.map({ min(abs(parts[$0].from - p.to), abs(p.from - parts[$0].to)) > dist }) ?? true { best = q }
            }
            var m = p
            if let b = best {
                used.insert(b)
                m.day = parts[b].day
                m.from = min(p.from, parts[b].from)
                m.to = max(p.to, parts[b].to)
            }
            used.insert(k)
            merged.append(m)
        }
        for (k, p) in parts.enumerated() where !used.contains(k) { merged.append(p) }

        let zoneDefault = calendar.zone(for: reference)
        func deadline(_ kind: Deadline.Kind, _ date: Date, _ zone: TimeZone, _ from: Int, _ to: Int) -> Deadline {
            var a = from
            let leads: Set<String> = ["by", "before", "until", "till", "due", "latest"]
            if a > 1, t(a - 1) == "the", leads.contains(t(a - 2)) { a -= 2 } else if a > 0, leads.contains(t(a - 1)) { a -= 1 }
            if a > 1, t(a - 1) == "than", t(a - 2) == "later", a > 2, t(a - 3) == "no" { a -= 3 }
            let range = w[a].start..<w[to].end
            return Deadline(kind: kind, date: date, timeZone: zone, text: String(decoding: bytes[range], as: UTF8.self), range: range)
        }
        var out: [Deadline] = []
        for (a, b) in immediates { out.append(deadline(.immediate, reference.date, zoneDefault, a, b)) }
        for (a, b, minutes) in durations {
            out.append(deadline(.duration, reference.date.addingTimeInterval(Double(minutes) * 60), zoneDefault, a, b))
        }
        for p in merged {
            let zone = p.zone ?? zoneDefault
            let math = DayMath(zone)
            let today = math.startOfDay(reference.date)
            var day: Date
            var minute = p.minute ?? calendar.workEnd
            switch p.day {
            case nil:
                day = today
                if p.firstThing {
                    let start = calendar.instant(minutes: calendar.workStart, onDayOf: reference.date, math)
                    if reference.date >= start { day = math.adding(days: 1, to: today) }
                }
            case .offset(let k):
                day = math.adding(days: k, to: today)
            case .weekday(let wd, let mode):
                let refWd = math.weekday(reference.date)
                var ahead = (wd - refWd + 7) % 7
                if mode == 0 || mode == 2, ahead == 0 { ahead = 7 } else if mode == 2, (wd + 5) % 7 > (refWd + 5) % 7 { ahead += 7 }
                day = math.adding(days: ahead, to: today)
            case .date(let year, let month, let d):
                let y0 = year ?? math.civil(reference.date).year
                guard var dd = math.date(year: y0, month: month, day: d) else { continue }
                if year == nil, dd < today.addingTimeInterval(-60 * 86400), let next = math.nextYear(dd) { dd = next }
                if year != nil, dd < today.addingTimeInterval(-60 * 86400) { continue }
                day = dd
            case .week(let k):
                let refWd = math.weekday(reference.date)
                let toSunday = (8 - refWd) % 7 + 7 * k
                let first = k == 0 ? 0 : toSunday - 6
                var found: Date?
                for off in stride(from: toSunday, through: first, by: -1) {
                    let dd = math.adding(days: off, to: today)
                    if calendar.isWorkingDay(dd, math) { found = dd; break }
                }
                day = math.adding(days: toSunday, to: today)
                if let f = found, calendar.instant(minutes: calendar.workEnd, onDayOf: f, math) >= reference.date || k > 0 { day = f }
                if p.minute == nil { minute = calendar.workEnd }
            }
            out.append(deadline(.time, calendar.instant(minutes: minute, onDayOf: day, math), zone, p.from, p.to))
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
