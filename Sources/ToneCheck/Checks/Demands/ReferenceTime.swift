import Foundation

/// The moment a message was sent (or a call took place), against which deadlines are
/// measured, with the UTC offset it was written in.
public struct ReferenceTime: Sendable, Equatable {
    /// Where the time came from, shown in findings.
    public enum Source: String, Sendable, Equatable {
        /// The email's `Date` header.
        case dateHeader = "the Date header"
        /// A transcript's call time.
        case callTime = "the call time"
        /// Given by the caller (`--now`).
        case given = "--now"
        /// The clock when the check ran, because nothing else was known.
        case currentTime = "the current time; no send time was known"
    }

    /// The instant.
    public var date: Date
    /// Its UTC offset as written, in seconds east of UTC (nil when unknown).
    public var offsetSeconds: Int?
    /// Where it came from.
    public var source: Source

    /// Creates a reference time.
    public init(date: Date, offsetSeconds: Int?, source: Source = .given) {
        self.date = date
        self.offsetSeconds = offsetSeconds
        self.source = source
    }

    /// The current time with the local zone's offset.
    public static func now() -> ReferenceTime {
        let d = Date()
        return ReferenceTime(date: d, offsetSeconds: TimeZone.current.secondsFromGMT(for: d), source: .currentTime)
    }

    /// The time a document carries (its `Date` header or call time), else `fallback`
    /// (`--now`), else the current time.
    public static func resolve(for document: Document, fallback: ReferenceTime?) -> ReferenceTime {
        if let d = document.metadata.date {
            // (Roles read in place: `contains` on the segments would copy each one out.)
            let transcript = document.segments.indices.contains { document.segments[$0].role == .turn }
            return ReferenceTime(date: d, offsetSeconds: document.metadata.dateOffsetSeconds, source: transcript ? .callTime : .dateHeader)
        }
        return fallback ?? .now()
    }

    /// Parses ISO 8601 `2026-11-27T16:50:00-05:00` (also `…Z`, `…+0100`, without seconds,
    /// or with a space instead of `T`), keeping the offset. A time with no offset is UTC.
    public static func parse(_ text: String, source: Source = .given) -> ReferenceTime? {
        let b = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let y = num(4), expect("-"), let mo = num(2), expect("-"), let d = num(2) else { return nil }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 else { return nil }
        i += 1
        guard let h = num(2), expect(":"), let mi = num(2) else { return nil }
        var s = 0
        if expect(":") {
            guard let sec = num(2) else { return nil }
            s = sec
            if expect(".") { while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } }
        }
        var offset: Int?
        if i == b.count {
            offset = nil
        } else if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            offset = 0
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = num(2) else { return nil }
            _ = expect(":")
            guard let om = num(2), oh <= 18, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard i == b.count, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: offset ?? 0)!
        let comps = DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        guard let date = cal.date(from: comps), cal.component(.day, from: date) == d else { return nil }
        return ReferenceTime(date: date, offsetSeconds: offset ?? 0, source: source)
    }
}

/// Plain-words formatting of times and durations for finding messages.
enum TimeWords {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `17:00 Fri 27 Nov`.
    static func time(_ date: Date, in zone: TimeZone) -> String {
        // Plain arithmetic on the local time (no Calendar, no format strings).
        let (day, second) = ISO8601.localDay(date, offset: zone.secondsFromGMT(for: date))
        let (_, month, dayOfMonth) = ISO8601.civil(day)
        return ISO8601.pad(second / 3600, 2) + ":" + ISO8601.pad(second % 3600 / 60, 2)
            + " \(weekdays[ISO8601.weekday(ofDay: day)]) \(dayOfMonth) \(months[month - 1])"
    }

    /// `-05:00`, or the zone's abbreviation-free offset at `date`.
    static func offset(_ date: Date, in zone: TimeZone) -> String {
        ISO8601.offsetString(zone.secondsFromGMT(for: date))
    }

    /// `10 minutes`, `2 hours 5 minutes`, `3 days`.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((abs(seconds) / 60).rounded())
        func unit(_ n: Int, _ w: String) -> String { "\(n) \(w)\(n == 1 ? "" : "s")" }
        if minutes < 60 { return unit(minutes, "minute") }
        if minutes < 48 * 60 {
            let h = minutes / 60, m = minutes % 60
            return m == 0 ? unit(h, "hour") : unit(h, "hour") + " " + unit(m, "minute")
        }
        return unit(Int((Double(minutes) / 1440).rounded()), "day")
    }

    /// Working hours to one decimal: `0.2`.
    static func hours(_ seconds: TimeInterval) -> String {
        let h = seconds / 3600
        if h == h.rounded() { return String(Int(h)) }
        return String(format: "%.1f", h)
    }
}
