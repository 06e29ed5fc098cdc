import Foundation

/// A deadline found in text and resolved to an instant.
public struct Deadline: Sendable, Equatable {
    /// What kind of deadline it is.
    public enum Kind: String, Sendable, Equatable {
        /// "ASAP", "immediately", "right now": due at the reference time itself.
        case immediate
        /// A time of day, a day or a date ("by 5pm", "EOD", "by Monday", "28/11").
        case time
        /// A span from the reference time ("within the hour", "in 20 minutes").
        case duration
    }

    /// What kind it is.
    public var kind: Kind
    /// When it falls due.
    public var date: Date
    /// The zone it was read in (the calendar's, the reference time's offset, or one named in the text).
    public var timeZone: TimeZone
    /// The words as written ("by 5pm").
    public var text: String
    /// Byte range of those words in the text that was parsed.
    public var range: Range<Int>
}

/// One word (or number or punctuation mark) of a sentence: where it is, its kind and hash.
/// Plain data (no string), so arrays of words are copied and freed without reference counting.
struct DemandWord {
    var start: Int
    var end: Int
    var kind: Token.Kind
    /// The token's hash (of the word lowercased, with ’ as ').
    var hash: UInt64
    /// Bits of the phrase lists with a phrase starting with this word (`PhraseList.bit`);
    /// all ones when not looked up, so every list is tried. The analyzer also keeps its
    /// cue, anchor, scan and question flags here (`DemandLexicon.wordInfo`: bits no list
    /// has); the deadline scan passes over a word without the anchor or scan flag.
    var lists: UInt64 = .max

    /// Words of `tokens` (a sentence); `firstWords` (hash → list bits) fills `lists`.
    static func make(_ tokens: ArraySlice<Token>, firstWords: FlatHashMap? = nil) -> [DemandWord] {
        var out: [DemandWord] = []
        make(tokens, firstWords: firstWords, into: &out)
        return out
    }

    /// `make`, into `out` (emptied first, its storage kept).
    static func make(_ tokens: ArraySlice<Token>, firstWords: FlatHashMap?, into out: inout [DemandWord]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(tokens.count)
        for t in tokens {
            var lists = UInt64.max
            // (With the deadline flags: these words are not looked up for them, so the scan tries each.)
            if let firstWords { lists = UInt64(bitPattern: firstWords.get(t.hash) ?? 0) | DemandLexicon.anchorFlag | DemandLexicon.scanFlag }
            out.append(DemandWord(start: Int(t.start), end: Int(t.end), kind: t.kind, hash: t.hash, lists: lists))
        }
    }

    /// A word's text as the deadline parser reads it: ASCII lowercased and a right single
    /// quote (E2 80 99) turned into "'", written straight into the string.
    static func text(_ word: UnsafeBufferPointer<UInt8>) -> String {
        var plain = true
        for c in word where (c >= 65 && c <= 90) || c == 0xE2 { plain = false; break }
        if plain { return String(decoding: word, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: word.count) { out in
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
}

/// Finds deadlines in a sentence and resolves them against a reference time and a
/// business calendar: ASAP, immediately, right now, today, tonight, EOD/COB, "by 5",
/// "by 5pm", "by 17:00", "before lunch", "first thing tomorrow", "by tomorrow morning",
/// "by Monday", "this week", "within the hour", "in 20 minutes", "by Nov 28", "11/28", "28/11".
public enum DeadlineParser {
    /// Deadlines in `text`, resolved against `reference` in `calendar`'s zone (or the
    /// reference time's offset when the calendar names none).
    public static func deadlines(in text: String, reference: ReferenceTime, calendar: BusinessCalendar = BusinessCalendar()) -> [Deadline] {
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokenize(bytes)
        return deadlines(DemandWord.make(tokens[...]), bytes: bytes, reference: reference, calendar: calendar)
    }

    // MARK: - Components

    enum DaySpec: Equatable {
        case offset(Int)
        case weekday(Int, mode: Int)  // mode 0 plain (strictly after today), 1 "this", 2 "next"
        case date(year: Int?, month: Int, day: Int)
        case week(Int)  // 0 this week, 1 next week
    }

    struct Part {
        var day: DaySpec?
        var minute: Int?
        var zone: TimeZone?
        var firstThing = false
        var from: Int  // word indices, inclusive
        var to: Int
    }

    /// The words without which no deadline can be read (with any word starting with a
    /// digit): a sentence with none of them is not parsed at all. Every branch of
    /// `deadlines` needs one of these: keep the two in step.
    static let anchorWords: [String] = {
        var words = [
            "asap", "immediately", "once", "away", "now", "possible", "eod", "cob", "eob", "eop", "cop", "eow", "day", "business",
            "play", "week", "today", "tomorrow", "tmrw", "tmr", "tonight", "morning", "afternoon", "evening", "night", "thing",
            "lunch", "lunchtime", "noon", "midday", "midnight", "half", "hour", "minute",
        ]
        words += weekdayNames.keys
        words += monthNames.keys
        words += units.keys.filter { $0.count > 1 }
        return words
    }()

    /// Hashes of `anchorWords`.
    static let anchors = TokenSet(words: anchorWords)

    /// The words that are no anchor but at which `deadlines` may still read one ("at once",
    /// "end of day", "in 20 minutes"): with the anchors and the words starting with a digit,
    /// every word a case of its scan starts with. The analyzer flags these words
    /// (`DemandLexicon.scanFlag`), so the scan passes over the rest at one bit test each.
    static let scanWords = ["at", "straight", "right", "as", "end", "close", "this", "next", "first", "in", "within"]

    /// Whether `token` could be part of a deadline (see `anchors`).
    static func mayAnchor(_ token: Token, _ bytes: [UInt8]) -> Bool {
        if token.kind == .number { return true }
        guard token.end > token.start, Int(token.start) < bytes.count else { return false }
        let first = bytes[Int(token.start)]
        return (first >= 0x30 && first <= 0x39) || anchors.contains(token.hash)
    }

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

    /// Leading digits of a word by Characters ("28th" → 28, "5pm" → 5) and the rest: ASCII
    /// digits (at most four) that are whole Characters. `leadingNumber(_:_:_:)` reads
    /// bytes and asks this only when non-ASCII follows the digits.
    static func leadingNumberByCharacters(_ s: String) -> (Int, Substring)? {
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { return nil }
        return (n, s.dropFirst(digits.count))
    }

    /// A number at the start of a word ("28th" → 28, "5pm" → 5): its value, how many
    /// digits (Characters) it has, and the byte where the rest of the word starts.
    struct Lead {
        var value: Int
        var digits: Int
        var rest: Int
    }

    /// `leadingNumber` of the word `start..<end` of `bytes` (as `DemandWord` text would
    /// spell it), with the rest as a byte offset: the rest is compared by `restIs`.
    static func leadingNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Lead? {
        var value = 0, k = start
        while k < end {
            let b = bytes[k]
            guard b >= 0x30 && b <= 0x39 else { break }
            if k - start == 4 { return nil }
            value = value * 10 + Int(b - 0x30)
            k += 1
        }
        guard k > start else { return nil }
        // Non-ASCII right after the digits (other than ’, which the text spells ') may be a
        // combining mark that joins the last digit into one Character: decide by Characters.
        if k < end, bytes[k] >= 0x80, !(bytes[k] == 0xE2 && k + 2 < end && bytes[k + 1] == 0x80 && bytes[k + 2] == 0x99) {
            let text = DemandWord.text(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            guard let (v, rest) = leadingNumberByCharacters(text) else { return nil }
            // The digits kept are ASCII, one byte each.
            let digits = text.count - rest.count
            return Lead(value: v, digits: digits, rest: start + digits)
        }
        return Lead(value: value, digits: k - start, rest: k)
    }

    /// Whether bytes `from..<to`, ASCII lowercased, are `word` (lowercase ASCII).
    @inline(__always)
    static func restIs(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ word: StaticString) -> Bool {
        guard to - from == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for k in 0..<(to - from) {
            let c = bytes[from + k]
            if (c >= 65 && c <= 90 ? c | 0x20 : c) != p[k] { return false }
        }
        return true
    }

    /// Minutes per unit for the rest of a word ("5pm" has none, "20min" has 1).
    static func restUnit(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        switch to - from {
        case 1:
            if restIs(bytes, from, to, "m") { return 1 }
            if restIs(bytes, from, to, "h") { return 60 }
        case 2:
            if restIs(bytes, from, to, "hr") { return 60 }
        case 3:
            if restIs(bytes, from, to, "min") { return 1 }
            if restIs(bytes, from, to, "hrs") { return 60 }
            if restIs(bytes, from, to, "day") { return 1440 }
        case 4:
            if restIs(bytes, from, to, "mins") { return 1 }
            if restIs(bytes, from, to, "hour") { return 60 }
            if restIs(bytes, from, to, "days") { return 1440 }
        case 5:
            if restIs(bytes, from, to, "hours") { return 60 }
        case 6:
            if restIs(bytes, from, to, "minute") { return 1 }
        case 7:
            if restIs(bytes, from, to, "minutes") { return 1 }
        default: break
        }
        return nil
    }

    /// Whether the rest is empty or an ordinal suffix (st, nd, rd, th).
    @inline(__always)
    static func ordinalOrEmpty(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        from == to || restIs(bytes, from, to, "st") || restIs(bytes, from, to, "nd") || restIs(bytes, from, to, "rd") || restIs(bytes, from, to, "th")
    }

    /// Minutes per unit of a whole word (`units`), by hash.
    @inline(__always)
    static func unit(_ h: UInt64) -> Int? {
        typealias K = DeadlineWords
        switch h {
        case K.minute, K.minutes, K.min, K.mins, K.m: return 1
        case K.hour, K.hours, K.hr, K.hrs, K.h: return 60
        case K.day, K.days: return 1440
        default: return nil
        }
    }

    /// The month of a month name (`monthNames`), by hash.
    @inline(__always)
    static func month(_ h: UInt64) -> Int? {
        typealias K = DeadlineWords
        switch h {
        case K.jan, K.january: return 1
        case K.feb, K.february: return 2
        case K.mar, K.march: return 3
        case K.apr, K.april: return 4
        case K.may: return 5
        case K.jun, K.june: return 6
        case K.jul, K.july: return 7
        case K.aug, K.august: return 8
        case K.sep, K.sept, K.september: return 9
        case K.oct, K.october: return 10
        case K.nov, K.november: return 11
        case K.dec, K.december: return 12
        default: return nil
        }
    }

    /// The weekday of a weekday name (`weekdayNames`), by hash, and whether it is the full name ("monday").
    @inline(__always)
    static func weekday(_ h: UInt64) -> (Int, full: Bool)? {
        typealias K = DeadlineWords
        switch h {
        case K.sunday: return (1, true)
        case K.monday: return (2, true)
        case K.tuesday: return (3, true)
        case K.wednesday: return (4, true)
        case K.thursday: return (5, true)
        case K.friday: return (6, true)
        case K.saturday: return (7, true)
        case K.sun: return (1, false)
        case K.mon: return (2, false)
        case K.tue, K.tues: return (3, false)
        case K.wed: return (4, false)
        case K.thu, K.thur, K.thurs: return (5, false)
        case K.fri: return (6, false)
        case K.sat: return (7, false)
        default: return nil
        }
    }

    /// What follows the hour of a clock time: "5pm", "5 a.m.", "5 o'clock" (or "5o"), nothing, or something else.
    enum Suffix { case none, am, pm, oclock, other }

    /// Whether `h` may come before a bare hour ("by 5").
    @inline(__always)
    static func isClockCue(_ h: UInt64) -> Bool {
        typealias K = DeadlineWords
        switch h {
        case K.by, K.before, K.until, K.till, K.at, K.than: return true
        default: return false
        }
    }

    /// Whether `h` is a word that cues a weekday: by, before, until, till, til, due, on, for, than, thing, latest, within, in.
    @inline(__always)
    static func isCue(_ h: UInt64) -> Bool {
        typealias K = DeadlineWords
        switch h {
        case K.by, K.before, K.until, K.till, K.til, K.due, K.on, K.for, K.than, K.thing, K.latest, K.within, K.in: return true
        default: return false
        }
    }

    static func deadlines(_ w: [DemandWord], bytes: [UInt8], reference: ReferenceTime, calendar: BusinessCalendar) -> [Deadline] {
        bytes.withUnsafeBufferPointer { buf in
            w.withUnsafeBufferPointer { words in deadlines(words, buf, reference: reference, calendar: calendar) }
        }
    }

    static func deadlines(_ w: UnsafeBufferPointer<DemandWord>, _ bytes: UnsafeBufferPointer<UInt8>, reference: ReferenceTime, calendar: BusinessCalendar) -> [Deadline] {
        var out: [Deadline] = []
        deadlines(w, bytes, reference: reference, calendar: calendar, into: &out)
        return out
    }

    /// `deadlines`, appended to `out` (the analysis's list: no array made per sentence). `w`:
    /// a buffer of words, or a sentence's words read in place (`SentenceWords`).
    static func deadlines<W: RandomAccessCollection>(
        _ w: W, _ bytes: UnsafeBufferPointer<UInt8>, reference: ReferenceTime, calendar: BusinessCalendar, into out: inout [Deadline]
    ) where W.Element == DemandWord, W.Index == Int {
        typealias K = DeadlineWords
        let n = w.count
        // Words are compared by hash (the text lowercased, ’ as ', hashes the same); a
        // missing word has hash 0 (no word's).
        @inline(__always) func h(_ i: Int) -> UInt64 { i >= 0 && i < n ? w[i].hash : 0 }
        // "." as written: `…` hashes as a period too.
        @inline(__always) func isDot(_ i: Int) -> Bool { i >= 0 && i < n && w[i].hash == Token.period && w[i].end - w[i].start == 1 }
        /// Whether no bytes lie between word i-1 and word i (true when there is no such pair).
        func gapEmpty(_ i: Int) -> Bool { i > 0 && i < n ? w[i - 1].end == w[i].start : true }
        /// Whether the bytes between word i-1 and word i are exactly `c`.
        func gapIs(_ i: Int, _ c: UInt8) -> Bool { i > 0 && i < n && w[i].start - w[i - 1].end == 1 && bytes[w[i - 1].end] == c }
        func lead(_ i: Int) -> Lead? { i >= 0 && i < n ? leadingNumber(bytes, w[i].start, w[i].end) : nil }
        /// `Int(text)` of a number token, or nil.
        func intValue(_ i: Int) -> Int? {
            let s = w[i].start, e = w[i].end
            if e - s <= 18, e > s {
                var v = 0
                for k in s..<e {
                    let b = bytes[k]
                    guard b >= 0x30 && b <= 0x39 else { return Int(DemandWord.text(UnsafeBufferPointer(rebasing: bytes[s..<e]))) }
                    v = v * 10 + Int(b - 0x30)
                }
                return v
            }
            return Int(DemandWord.text(UnsafeBufferPointer(rebasing: bytes[s..<e])))
        }
        /// Character count of a number token's text.
        func charCount(_ i: Int) -> Int {
            let s = w[i].start, e = w[i].end
            for k in s..<e where !(bytes[k] >= 0x30 && bytes[k] <= 0x39) { return DemandWord.text(UnsafeBufferPointer(rebasing: bytes[s..<e])).count }
            return e - s
        }
        func cued(_ i: Int) -> Bool {
            let p = h(i - 1)
            return isCue(p) || ((p == K.this || p == K.next || p == K.the) && isCue(h(i - 2)))
        }
        var parts: [Part] = []
        var immediates: [(Int, Int)] = []
        var durations: [(Int, Int, Int)] = []  // from, to, minutes
        var i = 0
        let startFlags = DemandLexicon.anchorFlag | DemandLexicon.scanFlag
        scan: while i < n {
            // No case starts at a word without either flag (`scanWords`).
            if w[i].lists & startFlags == 0 {
                i += 1
                continue
            }
            let s = w[i].hash
            let b0 = w[i].end > w[i].start ? bytes[w[i].start] : 0
            if b0 >= 0x30 && b0 <= 0x39 {
                // Words starting with a digit: dates ("28 nov", "11/28", "2026-11-28") and clock times.
                let lnOrNil = leadingNumber(bytes, w[i].start, w[i].end)
                if let ln = lnOrNil, ordinalOrEmpty(bytes, ln.rest, w[i].end), (1...31).contains(ln.value) {
                    let restEmpty = ln.rest == w[i].end
                    var j = i + 1
                    if h(j) == K.of { j += 1 }
                    if let m = month(h(j)), h(j) != K.may || !restEmpty || j > i + 1 {
                        parts.append(Part(day: .date(year: nil, month: m, day: ln.value), from: i, to: j)); i = j + 1; continue scan
                    }
                }
                // Numeric dates: 11/28, 28/11, 11/28/2026, 2026-11-28.
                if i + 1 < n, w[i].kind == .number, w[i + 1].kind == .number {
                    let a = intValue(i) ?? 0, b = intValue(i + 1) ?? 0
                    if gapIs(i + 1, 0x2F) {
                        var to = i + 1
                        var year: Int?
                        if i + 2 < n, gapIs(i + 2, 0x2F), w[i + 2].kind == .number, let y = intValue(i + 2) { year = y < 100 ? 2000 + y : y; to = i + 2 }
                        var (month, day) = calendar.dateOrder == .monthDay ? (a, b) : (b, a)
                        if month > 12, day <= 12 { swap(&month, &day) }
                        if (1...12).contains(month), (1...31).contains(day) {
                            parts.append(Part(day: .date(year: year, month: month, day: day), from: i, to: to)); i = to + 1; continue scan
                        }
                    }
                    if charCount(i) == 4, gapIs(i + 1, 0x2D), i + 2 < n, gapIs(i + 2, 0x2D), let d = intValue(i + 2), (1...12).contains(b), (1...31).contains(d) {
                        parts.append(Part(day: .date(year: a, month: b, day: d), from: i, to: i + 2)); i += 3; continue scan
                    }
                }
                // Clock times: 5pm, 5 pm, 5 p.m., 17:00, 5:30pm, "by 5".
                guard let ln = lnOrNil, ln.value <= 24 else { i += 1; continue scan }
                let hr = ln.value
                func suffix(_ from: Int, _ to: Int) -> Suffix {
                    if from == to { return .none }
                    if restIs(bytes, from, to, "pm") { return .pm }
                    if restIs(bytes, from, to, "am") { return .am }
                    if restIs(bytes, from, to, "o") { return .oclock }
                    return .other
                }
                var minute = 0, to = i, hasMinutes = false, dotted = false
                var sfx = suffix(ln.rest, w[i].end)
                if sfx == .none, h(i + 1) == K.colon || isDot(i + 1), gapEmpty(i + 1), gapEmpty(i + 2),
                    let m2 = lead(i + 2), m2.value < 60, m2.digits == 2
                {
                    minute = m2.value; sfx = suffix(m2.rest, w[i + 2].end); to = i + 2; hasMinutes = true; dotted = isDot(i + 1)
                }
                if sfx == .none {
                    let next = h(to + 1)
                    if next == K.pm || next == K.am {
                        sfx = next == K.pm ? .pm : .am; to += 1
                    } else if next == K.p || next == K.a, isDot(to + 2), h(to + 3) == K.m {
                        sfx = next == K.p ? .pm : .am; to += 3
                        if isDot(to + 1) { to += 1 }
                    } else if next == K.oclock {
                        sfx = .oclock; to += 1
                    }
                }
                var total: Int?
                if sfx == .pm || sfx == .am, (1...12).contains(hr) {
                    total = (hr % 12 + (sfx == .pm ? 12 : 0)) * 60 + minute
                } else if sfx == .oclock, (1...12).contains(hr) {
                    total = (hr < 8 ? hr + 12 : hr) * 60
                } else if sfx == .none, hasMinutes, hr < 24, !dotted || isClockCue(h(i - 1)) {
                    // "by 5:30" means 17:30; "17:00" as written. "5.30" is a time only after a cue
                    // ("by 5.30"): alone it is a version or a number ("Ubuntu 10.10", "Python 3.10").
                    total = (hr >= 1 && hr < 8 ? hr + 12 : hr) * 60 + minute
                } else if sfx == .none, !hasMinutes, isClockCue(h(i - 1)), h(i - 1) != K.than || h(i - 2) == K.later, (1...12).contains(hr),
                    unit(h(i + 1)) == nil, month(h(i + 1)) == nil, !gapIs(i + 1, 0x2F),
                    i + 1 >= n || w[i + 1].kind != .word || !(bytes[w[i + 1].start] >= 65 && bytes[w[i + 1].start] <= 90) || weekday(h(i + 1)) != nil
                {
                    // "by 5" means 17:00; "than" counts only in "later than 5" ("more than 1 image" is no time).
                    total = (hr < 8 ? hr + 12 : hr) * 60
                }
                if let total {
                    var p = Part(minute: total, from: i, to: to)
                    if to + 1 < n {
                        let z = DemandWord.text(UnsafeBufferPointer(rebasing: bytes[w[to + 1].start..<w[to + 1].end]))
                        if let id = zones[z], let zone = TimeZone(identifier: id) {
                            p.zone = zone; p.to += 1
                        } else if let off = fixedZones[z] {
                            p.zone = TimeZone(secondsFromGMT: off * 3600); p.to += 1
                        }
                    }
                    parts.append(p); i = p.to + 1; continue scan
                }
                i += 1
                continue scan
            }
            switch s {
            // Immediate.
            case K.asap, K.immediately:
                immediates.append((i, i)); i += 1; continue scan
            case K.at:
                if h(i + 1) == K.once { immediates.append((i, i + 1)); i += 2; continue scan }
            case K.straight:
                if h(i + 1) == K.away { immediates.append((i, i + 1)); i += 2; continue scan }
            case K.right:
                if h(i + 1) == K.now || h(i + 1) == K.away { immediates.append((i, i + 1)); i += 2; continue scan }
            case K.as:
                if h(i + 1) == K.soon, h(i + 2) == K.as, h(i + 3) == K.possible { immediates.append((i, i + 3)); i += 4; continue scan }
            // End of day / week.
            case K.eod, K.cob, K.eob, K.eop, K.cop:
                parts.append(Part(minute: calendar.workEnd, from: i, to: i)); i += 1; continue scan
            case K.eow:
                parts.append(Part(day: .week(0), from: i, to: i)); i += 1; continue scan
            case K.end, K.close:
                if h(i + 1) == K.of {
                    var j = i + 2
                    if h(j) == K.the { j += 1 }
                    let x = h(j)
                    if x == K.day || x == K.business || x == K.play { parts.append(Part(minute: calendar.workEnd, from: i, to: j)); i = j + 1; continue scan }
                    if x == K.week { parts.append(Part(day: .week(0), from: i, to: j)); i = j + 1; continue scan }
                }
            case K.this, K.next:
                if h(i + 1) == K.week {
                    parts.append(Part(day: .week(s == K.this ? 0 : 1), from: i, to: i + 1)); i += 2; continue scan
                }
                if s == K.this {
                    let x = h(i + 1)
                    if x == K.morning || x == K.afternoon || x == K.evening {
                        let m = x == K.morning ? calendar.lunch : x == K.afternoon ? calendar.workEnd : calendar.tonight
                        parts.append(Part(day: .offset(0), minute: m, from: i, to: i + 1)); i += 2; continue scan
                    }
                }
            // Days.
            case K.today:
                parts.append(Part(day: .offset(0), from: i, to: i)); i += 1; continue scan
            case K.tomorrow, K.tmrw, K.tmr:
                parts.append(Part(day: .offset(1), from: i, to: i)); i += 1; continue scan
            case K.tonight:
                parts.append(Part(day: .offset(0), minute: calendar.tonight, from: i, to: i)); i += 1; continue scan
            case K.first:
                if h(i + 1) == K.thing {
                    var p = Part(minute: calendar.workStart, firstThing: true, from: i, to: i + 1)
                    if h(i + 2) == K.in, h(i + 3) == K.the, h(i + 4) == K.morning { p.to = i + 4 }
                    parts.append(p); i = p.to + 1; continue scan
                }
            case K.morning, K.afternoon, K.evening, K.night:
                if i > 0, !parts.isEmpty, parts[parts.count - 1].to == i - 1, parts[parts.count - 1].minute == nil {
                    parts[parts.count - 1].minute = s == K.morning ? calendar.workStart : s == K.afternoon ? calendar.workEnd : calendar.tonight
                    parts[parts.count - 1].to = i
                    i += 1; continue scan
                }
            case K.lunch, K.lunchtime:
                let p = h(i - 1)
                if p == K.by || p == K.before || p == K.until || p == K.till || p == K.at {
                    parts.append(Part(minute: calendar.lunch, from: i, to: i)); i += 1; continue scan
                }
            case K.noon, K.midday:
                parts.append(Part(minute: 720, from: i, to: i)); i += 1; continue scan
            case K.midnight:
                parts.append(Part(minute: 1440, from: i, to: i)); i += 1; continue scan
            case K.in, K.within:
                if s == K.in, h(i + 1) == K.the, h(i + 2) == K.morning {
                    parts.append(Part(minute: calendar.workStart, firstThing: true, from: i, to: i + 2)); i += 3; continue scan
                }
                // Durations: within the hour, in 20 minutes, within 2 hours, in half an hour.
                var j = i + 1
                if h(j) == K.the { j += 1 }
                if h(j) == K.next { j += 1 }
                var count: Int?
                if h(j) == K.half, h(j + 1) == K.an || h(j + 1) == K.a, h(j + 2) == K.hour {
                    durations.append((i, j + 2, 30)); i = j + 3; continue scan
                }
                if h(j) == K.an || h(j) == K.a {
                    count = 1; j += 1
                } else if j > i + 1, h(j) == K.hour || h(j) == K.minute {
                    count = 1
                } else if let ln = lead(j) {
                    if ln.rest != w[j].end, let u = restUnit(bytes, ln.rest, w[j].end) { durations.append((i, j, ln.value * u)); i = j + 1; continue scan }
                    if ln.rest == w[j].end { count = ln.value; j += 1 }
                }
                // Units of more than one letter.
                if let c = count, h(j) != K.m, h(j) != K.h, let u = unit(h(j)) {
                    durations.append((i, j, c * u)); i = j + 1; continue scan
                }
            default:
                if let (wd, full) = weekday(s) {
                    let p = h(i - 1)
                    let mode = p == K.this ? 1 : p == K.next ? 2 : 0
                    let x = h(i + 1)
                    let followedByTime = x == K.morning || x == K.afternoon || x == K.evening || x == K.night || x == K.eod || x == K.cob || x == K.at
                    let afterTime = parts.last.map { $0.to == i - 1 && $0.minute != nil && $0.day == nil } ?? false
                    // A short name after "the" is a noun, not a day ("before the Sun explodes", "the Sat nav").
                    let noun = !full && h(i - 1) == K.the
                    if !noun, cued(i) || followedByTime || afterTime || (full && mode != 0) {
                        parts.append(Part(day: .weekday(wd, mode: mode), from: mode == 0 ? i : i - 1, to: i)); i += 1; continue scan
                    }
                } else if let m = month(s) {
                    // Month-name dates: "nov 28", "november 28th" ("28 nov" is read from the number).
                    if let ln = lead(i + 1), ordinalOrEmpty(bytes, ln.rest, w[i + 1].end), (1...31).contains(ln.value) {
                        var to = i + 1
                        var year: Int?
                        if h(to + 1) == K.comma, let y = lead(to + 2), y.rest == w[to + 2].end, y.value > 1900 {
                            year = y.value; to += 2
                        } else if let y = lead(to + 1), y.rest == w[to + 1].end, y.value > 1900 {
                            year = y.value; to += 1
                        }
                        parts.append(Part(day: .date(year: year, month: m, day: ln.value), from: i, to: to)); i = to + 1; continue scan
                    }
                }
            }
            i += 1
        }

        // Pair each time of day with the nearest day (within 6 words), then resolve.
        if parts.isEmpty && immediates.isEmpty && durations.isEmpty { return }
        var merged: [Part] = []
        merged.reserveCapacity(parts.count)
        // Which parts are taken: bits of a word for the usual few, memory of our own past 64
        // (not an array: the optimizer would make it unique before every loop).
        var usedBits: UInt64 = 0
        let usedMore: UnsafeMutablePointer<Bool>? = parts.count > 64 ? .allocate(capacity: parts.count) : nil
        usedMore?.initialize(repeating: false, count: parts.count)
        defer { usedMore?.deallocate() }
        @inline(__always) func isUsed(_ k: Int) -> Bool { k < 64 ? usedBits >> UInt64(k) & 1 != 0 : usedMore.unsafelyUnwrapped[k] }
        @inline(__always) func use(_ k: Int) { if k < 64 { usedBits |= 1 << UInt64(k) } else { usedMore.unsafelyUnwrapped[k] = true } }
        for (k, p) in parts.enumerated() where p.minute != nil && p.day == nil {
            var best: Int?
            for q in max(0, k - 3)..<min(parts.count, k + 4) where parts[q].day != nil && parts[q].minute == nil && !isUsed(q) {
                let d = parts[q]
                let dist = min(abs(d.from - p.to), abs(p.from - d.to))
                if dist <= 6, best.map({ min(abs(parts[$0].from - p.to), abs(p.from - parts[$0].to)) > dist }) ?? true { best = q }
            }
            var m = p
            if let b = best {
                use(b)
                m.day = parts[b].day
                m.from = min(p.from, parts[b].from)
                m.to = max(p.to, parts[b].to)
            }
            use(k)
            merged.append(m)
        }
        for (k, p) in parts.enumerated() where !isUsed(k) { merged.append(p) }

        let zoneDefault = calendar.zone(for: reference)
        func deadline(_ kind: Deadline.Kind, _ date: Date, _ zone: TimeZone, _ from: Int, _ to: Int) -> Deadline {
            var a = from
            func leads(_ x: UInt64) -> Bool { x == K.by || x == K.before || x == K.until || x == K.till || x == K.due || x == K.latest }
            if a > 1, h(a - 1) == K.the, leads(h(a - 2)) { a -= 2 } else if a > 0, leads(h(a - 1)) { a -= 1 }
            if a > 1, h(a - 1) == K.than, h(a - 2) == K.later, a > 2, h(a - 3) == K.no { a -= 3 }
            let range = w[a].start..<w[to].end
            return Deadline(kind: kind, date: date, timeZone: zone, text: String(decoding: bytes[range], as: UTF8.self), range: range)
        }
        let first = out.count
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
                // A date with its year, more than 60 days gone, names a past event (a log line,
                // a release), not a deadline.
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
        // This sentence's deadlines sorted in place (`sorted` is this sort on a copy; one
        // needs no sorting).
        if out.count - first > 1 { out[first...].sort { $0.range.lowerBound < $1.range.lowerBound } }
    }
}

/// Token hashes (`TokenHash.of`) of the words `DeadlineParser.deadlines` compares, as
/// literals: a computed global would be a lazy-initialisation check on every read (a test
/// checks each against `TokenHash.of`).
enum DeadlineWords {
    static let asap: UInt64 = 0x9032_5684_4227_ECDC  // asap
    static let immediately: UInt64 = 0x1C34_3869_0477_69A1  // immediately
    static let at: UInt64 = 0x089C_4E07_B545_A968  // at
    static let once: UInt64 = 0x070E_CEB4_6AD5_85C4  // once
    static let straight: UInt64 = 0x8F44_0B80_3684_FD27  // straight
    static let away: UInt64 = 0x6F3F_B384_2FFA_02BB  // away
    static let right: UInt64 = 0x76AA_AA53_5714_D805  // right
    static let now: UInt64 = 0x215A_D519_258E_9D97  // now
    static let `as`: UInt64 = 0x089C_5507_B545_B54D  // as
    static let soon: UInt64 = 0x602E_D118_F0B5_A372  // soon
    static let possible: UInt64 = 0xDD18_7F80_04B1_C0EA  // possible
    static let eod: UInt64 = 0xC2F3_2118_F055_B8DB  // eod
    static let cob: UInt64 = 0xF604_ED19_0D01_5D5F  // cob
    static let eob: UInt64 = 0xC2F3_2718_F055_C30D  // eob
    static let eop: UInt64 = 0xC2F3_1518_F055_A477  // eop
    static let cop: UInt64 = 0xF604_FF19_0D01_7BF5  // cop
    static let eow: UInt64 = 0xC2F3_1218_F055_9F5E  // eow
    static let end: UInt64 = 0xC2F0_0318_F053_500A  // end
    static let close: UInt64 = 0x9EC2_6995_13C0_F9C3  // close
    static let of: UInt64 = 0x08B0_6007_B556_7108  // of
    static let the: UInt64 = 0x56F5_C919_4461_D57C  // the
    static let day: UInt64 = 0xCA8D_3918_F457_8F1D  // day
    static let business: UInt64 = 0x2657_F4CC_0D89_EB6B  // business
    static let play: UInt64 = 0xA5E8_570D_B713_B763  // play
    static let week: UInt64 = 0x3D80_FFF6_19ED_BFBD  // week
    static let this: UInt64 = 0x2587_BCEF_3249_3841  // this
    static let next: UInt64 = 0xE531_6CBA_A025_F028  // next
    static let today: UInt64 = 0xA411_597D_0674_521E  // today
    static let tomorrow: UInt64 = 0x480B_227C_A618_E526  // tomorrow
    static let tmrw: UInt64 = 0x4228_3BEF_433F_632D  // tmrw
    static let tmr: UInt64 = 0x5700_C619_446B_D7E8  // tmr
    static let tonight: UInt64 = 0x06E7_9A21_3AFA_FD4A  // tonight
    static let morning: UInt64 = 0xA43A_103D_D3B5_B38F  // morning
    static let afternoon: UInt64 = 0x2952_D22A_F001_2917  // afternoon
    static let evening: UInt64 = 0x8E5A_5D5C_0BD4_46EF  // evening
    static let night: UInt64 = 0x4F77_B241_4B2C_8001  // night
    static let first: UInt64 = 0x89D7_ED7F_996F_1D41  // first
    static let thing: UInt64 = 0x0E97_5072_722E_9C4F  // thing
    static let `in`: UInt64 = 0x08B7_3807_B55C_4BBE  // in
    static let lunch: UInt64 = 0x97D5_1193_3927_B15F  // lunch
    static let lunchtime: UInt64 = 0x3969_5072_9DB6_DFAE  // lunchtime
    static let noon: UInt64 = 0x3C10_F2BA_D16C_FF73  // noon
    static let midday: UInt64 = 0x5BD2_EA8D_7D24_5CBD  // midday
    static let midnight: UInt64 = 0xC4D8_84D2_68D5_17A1  // midnight
    static let within: UInt64 = 0xF13C_A4A2_C837_616A  // within
    static let half: UInt64 = 0x2E33_A6CC_7412_3124  // half
    static let an: UInt64 = 0x089C_3807_B545_8406  // an
    static let a: UInt64 = 0xAF63_DC4C_8601_EC8C  // a
    static let hour: UInt64 = 0x407E_FECC_7EB5_764F  // hour
    static let minute: UInt64 = 0x5BB2_F9BD_F2FA_D1E9  // minute
    static let pm: UInt64 = 0x08D5_3B07_B575_4E66  // pm
    static let am: UInt64 = 0x089C_3707_B545_8253  // am
    static let p: UInt64 = 0xAF63_ED4C_8602_096F  // p
    static let m: UInt64 = 0xAF63_E04C_8601_F358  // m
    static let oclock: UInt64 = 0x7AA9_791C_016D_889F  // o'clock
    static let by: UInt64 = 0x08A6_4B07_B54D_F8D4  // by
    static let before: UInt64 = 0xD89A_A062_45AF_B2BE  // before
    static let until: UInt64 = 0x1FCC_8B4E_81FB_AC2F  // until
    static let till: UInt64 = 0x1E50_A0EF_2E9B_D88E  // till
    static let til: UInt64 = 0x56F2_D419_445F_B256  // til
    static let due: UInt64 = 0xCA64_3D18_F434_90D5  // due
    static let on: UInt64 = 0x08B0_5807_B556_6370  // on
    static let `for`: UInt64 = 0xDCB2_7818_FED9_DA90  // for
    static let than: UInt64 = 0x256C_C7EF_3232_833A  // than
    static let latest: UInt64 = 0x376E_3463_8197_A4A6  // latest
    static let later: UInt64 = 0x9EE7_1CEC_3834_BB69  // later
    static let no: UInt64 = 0x08B3_5907_B558_9AFA  // no
    static let sunday: UInt64 = 0x7E73_E8AC_5B20_C179  // sunday
    static let monday: UInt64 = 0x0196_9B86_7712_2719  // monday
    static let tuesday: UInt64 = 0xFE82_67BD_7A6A_F710  // tuesday
    static let wednesday: UInt64 = 0xA2D9_C484_633B_9F77  // wednesday
    static let thursday: UInt64 = 0xCC6F_F6C2_D8BA_A9F7  // thursday
    static let friday: UInt64 = 0xA9C7_99A8_72D9_CD32  // friday
    static let saturday: UInt64 = 0xAFBA_98E8_192C_C656  // saturday
    static let sun: UInt64 = 0x8271_A119_5D0F_C9C1  // sun
    static let mon: UInt64 = 0x0808_6319_1767_1FE1  // mon
    static let tue: UInt64 = 0x571B_AD19_4482_7525  // tue
    static let tues: UInt64 = 0x867C_77EF_69AD_6122  // tues
    static let wed: UInt64 = 0x5EA0_E319_4872_2257  // wed
    static let thu: UInt64 = 0x56F5_B919_4461_BA4C  // thu
    static let thur: UInt64 = 0x2543_C3EF_320F_775A  // thur
    static let thurs: UInt64 = 0x619D_1872_1047_7AAB  // thurs
    static let fri: UInt64 = 0xDC8D_8F18_FEBA_E568  // fri
    static let sat: UInt64 = 0x822D_9719_5CD5_EBF7  // sat
    static let jan: UInt64 = 0x4584_8019_3A78_4D8E  // jan
    static let january: UInt64 = 0x98D0_182E_C107_1C5D  // january
    static let feb: UInt64 = 0xDCC6_9018_FEEA_AC62  // feb
    static let february: UInt64 = 0x0CDB_1CF6_5397_8793  // february
    static let mar: UInt64 = 0x080F_5719_176D_2A2B  // mar
    static let march: UInt64 = 0x9092_E9A4_E189_5990  // march
    static let apr: UInt64 = 0xE74F_A919_056A_86F2  // apr
    static let april: UInt64 = 0x0657_BDA4_60A0_7117  // april
    static let may: UInt64 = 0x080F_5019_176D_1E46  // may
    static let jun: UInt64 = 0x4540_8019_3A3E_80C2  // jun
    static let june: UInt64 = 0xEB1A_51DD_F834_9BC5  // june
    static let jul: UInt64 = 0x4540_7E19_3A3E_7D5C  // jul
    static let july: UInt64 = 0xEB13_69DD_F82E_A5DF  // july
    static let aug: UInt64 = 0xE745_C619_0562_63B4  // aug
    static let august: UInt64 = 0x01A1_E865_3D8D_D99C  // august
    static let sep: UInt64 = 0x823B_8B19_5CE2_14EF  // sep
    static let sept: UInt64 = 0x2D41_F718_D429_0361  // sept
    static let september: UInt64 = 0xEAA3_E4D7_3C9E_2CE0  // september
    static let oct: UInt64 = 0x1A35_9F19_21F1_37E9  // oct
    static let october: UInt64 = 0x312B_BBF1_734E_4187  // october
    static let nov: UInt64 = 0x215A_D419_258E_9BE4  // nov
    static let november: UInt64 = 0x7C51_29C7_9BB2_C83F  // november
    static let dec: UInt64 = 0xCA9A_1718_F461_DFB3  // dec
    static let december: UInt64 = 0xC867_9AEA_66B1_101E  // december
    static let minutes: UInt64 = 0xCBEF_F7C3_E032_28AE  // minutes
    static let min: UInt64 = 0x07F4_4319_1756_4077  // min
    static let mins: UInt64 = 0xDA4E_07A2_A78E_C6CC  // mins
    static let hours: UInt64 = 0x4D41_317B_4E57_E7F4  // hours
    static let hr: UInt64 = 0x08BA_4607_B55E_995F  // hr
    static let hrs: UInt64 = 0x331E_2B19_2FBE_45C4  // hrs
    static let h: UInt64 = 0xAF63_E54C_8601_FBD7  // h
    static let days: UInt64 = 0x8587_7367_30C8_B7EA  // days
    /// `:` and `,` (only their ASCII bytes hash so; `.` is `Token.period`, which `…` shares).
    static let colon: UInt64 = 0xAF63_B74C_8601_ADAD
    static let comma: UInt64 = 0xAF63_A14C_8601_884B

    /// Every constant with its spelling (for the test).
    static let all: [(UInt64, String)] = [
        (asap, "asap"), (immediately, "immediately"), (at, "at"), (once, "once"), (straight, "straight"), (away, "away"),
        (right, "right"), (now, "now"), (`as`, "as"), (soon, "soon"), (possible, "possible"), (eod, "eod"), (cob, "cob"),
        (eob, "eob"), (eop, "eop"), (cop, "cop"), (eow, "eow"), (end, "end"), (close, "close"), (of, "of"), (the, "the"),
        (day, "day"), (business, "business"), (play, "play"), (week, "week"), (this, "this"), (next, "next"), (today, "today"),
        (tomorrow, "tomorrow"), (tmrw, "tmrw"), (tmr, "tmr"), (tonight, "tonight"), (morning, "morning"),
        (afternoon, "afternoon"), (evening, "evening"), (night, "night"), (first, "first"), (thing, "thing"), (`in`, "in"),
        (lunch, "lunch"), (lunchtime, "lunchtime"), (noon, "noon"), (midday, "midday"), (midnight, "midnight"),
        (within, "within"), (half, "half"), (an, "an"), (a, "a"), (hour, "hour"), (minute, "minute"), (pm, "pm"), (am, "am"),
        (p, "p"), (m, "m"), (oclock, "o'clock"), (by, "by"), (before, "before"), (until, "until"), (till, "till"), (til, "til"),
        (due, "due"), (on, "on"), (`for`, "for"), (than, "than"), (latest, "latest"), (later, "later"), (no, "no"),
        (sunday, "sunday"), (monday, "monday"), (tuesday, "tuesday"), (wednesday, "wednesday"), (thursday, "thursday"),
        (friday, "friday"), (saturday, "saturday"), (sun, "sun"), (mon, "mon"), (tue, "tue"), (tues, "tues"), (wed, "wed"),
        (thu, "thu"), (thur, "thur"), (thurs, "thurs"), (fri, "fri"), (sat, "sat"), (jan, "jan"), (january, "january"),
        (feb, "feb"), (february, "february"), (mar, "mar"), (march, "march"), (apr, "apr"), (april, "april"), (may, "may"),
        (jun, "jun"), (june, "june"), (jul, "jul"), (july, "july"), (aug, "aug"), (august, "august"), (sep, "sep"),
        (sept, "sept"), (september, "september"), (oct, "oct"), (october, "october"), (nov, "nov"), (november, "november"),
        (dec, "dec"), (december, "december"), (minutes, "minutes"), (min, "min"), (mins, "mins"), (hours, "hours"), (hr, "hr"),
        (hrs, "hrs"), (h, "h"), (days, "days"), (colon, ":"), (comma, ","),
    ]
}
