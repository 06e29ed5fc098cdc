import Foundation

/// When people are expected to work: working days, working hours, a time zone and
/// holidays. Deadlines are measured against it in working hours, skipping nights,
/// weekends and holidays; all arithmetic goes through `Calendar` in the zone, so
/// daylight-saving changes are handled.
public struct BusinessCalendar: Sendable, Equatable {
    /// Working weekdays, as `Calendar` numbers them (1 = Sunday … 7 = Saturday).
    public var workingDays: Set<Int> = [2, 3, 4, 5, 6]
    /// Start of the working day, in minutes after midnight (09:00 = 540).
    public var workStart: Int = 9 * 60
    /// End of the working day, in minutes after midnight (17:30 = 1050); at most 1440.
    public var workEnd: Int = 17 * 60 + 30
    /// The zone deadlines are read in; nil means the reference time's UTC offset.
    public var timeZone: TimeZone?
    /// Non-working dates (`YYYY-MM-DD`) with a name each (may be empty).
    public var holidays: [String: String] = [:]
    /// How a numeric date such as `11/28` is read.
    public var dateOrder: DateOrder = .monthDay
    /// What "lunch" means, in minutes after midnight (12:00).
    public var lunch: Int = 12 * 60
    /// What "tonight" means, in minutes after midnight (20:00).
    public var tonight: Int = 20 * 60

    /// The defaults, made once (a new calendar builds its set of working days).
    static let standard = BusinessCalendar()

    /// The order of day and month in a numeric date.
    public enum DateOrder: String, Sendable, Equatable, CaseIterable {
        /// `11/28` is 28 November.
        case monthDay = "month/day"
        /// `28/11` is 28 November.
        case dayMonth = "day/month"
    }

    /// The defaults: Monday to Friday, 09:00–17:30, the reference time's zone, no holidays.
    public init() {}

    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    static let keys: Set<String> = ["workingDays", "workStart", "workEnd", "timeZone", "holidays", "dateOrder", "lunch", "tonight"]

    /// Reads a calendar from a JSON5 object such as
    /// `{workingDays: ["mon","tue","wed","thu","fri"], workStart: "09:00", workEnd: "17:30",
    /// timeZone: "America/New_York", holidays: ["2026-12-25", {date: "2026-11-26", name: "Thanksgiving"}],
    /// dateOrder: "day/month", lunch: "12:30", tonight: "20:00"}`. Keys left out keep their defaults.
    /// - Parameters:
    ///   - value: the object.
    ///   - path: the file, for errors.
    ///   - keyPrefix: how the object is reached in its file (`calendar`), for errors.
    ///   - lines: the file's lines, to find the line of a bad key.
    /// - Throws: `ToneCheckError.config` naming the key and what is wrong.
    public static func parse(_ value: JSONValue, path: String = "<calendar>", keyPrefix: String = "calendar", lines: [Substring] = []) throws -> BusinessCalendar {
        func key(_ k: String) -> String { keyPrefix.isEmpty ? k : keyPrefix + "." + k }
        func fail(_ k: String, _ message: String) -> ToneCheckError {
            .config(path: path, line: JSONValue.line(ofKey: k, in: lines), key: key(k), message: message)
        }
        guard let o = value.objectValue else {
            throw ToneCheckError.config(path: path, line: nil, key: keyPrefix.isEmpty ? nil : keyPrefix, message: "must be an object such as {workStart: \"09:00\", workEnd: \"17:30\"}, not \(value.typeName)")
        }
        for k in o.keys.sorted() where !keys.contains(k) {
            throw fail(k, "unknown key; known keys are \(keys.sorted().joined(separator: ", "))")
        }
        var c = BusinessCalendar()
        func clock(_ k: String, allow24: Bool = false) throws -> Int? {
            guard let v = o[k] else { return nil }
            guard let s = v.stringValue, let m = parseClock(s), m < 1440 || (allow24 && m == 1440) else {
                throw fail(k, "must be a time of day as \"HH:MM\" (24-hour), such as \"09:00\"; got \(v.stringValue.map { "'\($0)'" } ?? v.typeName)")
            }
            return m
        }
        if let v = o["workingDays"] {
            guard let a = v.arrayValue else { throw fail("workingDays", "must be a list of day names such as [\"mon\", \"tue\"], not \(v.typeName)") }
            var days = Set<Int>()
            for d in a {
                guard let s = d.stringValue, let i = dayNames.firstIndex(of: String(s.lowercased().prefix(3))), s.count >= 3 else {
                    throw fail("workingDays", "\(d.stringValue.map { "'\($0)'" } ?? d.typeName) is not a day; use mon, tue, wed, thu, fri, sat, sun")
                }
                days.insert(i + 1)
            }
            c.workingDays = days
        }
        if let m = try clock("workStart") { c.workStart = m }
        if let m = try clock("workEnd", allow24: true) { c.workEnd = m }
        if c.workEnd <= c.workStart {
            throw fail(o["workEnd"] != nil ? "workEnd" : "workStart", "the working day must end after it starts (\(formatClock(c.workStart))–\(formatClock(c.workEnd))); overnight shifts are not supported")
        }
        if let m = try clock("lunch") { c.lunch = m }
        if let m = try clock("tonight") { c.tonight = m }
        if let v = o["timeZone"] {
            guard let s = v.stringValue else { throw fail("timeZone", "must be a zone name such as \"Europe/London\", not \(v.typeName)") }
            guard let z = TimeZone(identifier: s) ?? (s.uppercased() == "UTC" ? TimeZone(secondsFromGMT: 0) : nil) else {
                throw fail("timeZone", "'\(s)' is not a known time zone; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\"")
            }
            c.timeZone = z
        }
        if let v = o["dateOrder"] {
            guard let s = v.stringValue, let d = DateOrder(rawValue: s) else {
                throw fail("dateOrder", "must be \"month/day\" or \"day/month\"")
            }
            c.dateOrder = d
        }
        if let v = o["holidays"] {
            guard let a = v.arrayValue else { throw fail("holidays", "must be a list of dates \"YYYY-MM-DD\" or {date, name} objects, not \(v.typeName)") }
            for h in a {
                var date: String?, name = ""
                if let s = h.stringValue {
                    date = s
                } else if let ho = h.objectValue {
                    for k in ho.keys where k != "date" && k != "name" { throw fail("holidays", "unknown key '\(k)' in a holiday; use date and name") }
                    date = ho["date"]?.stringValue
                    name = ho["name"]?.stringValue ?? ""
                }
                guard let d = date, parseDay(d) != nil else {
                    throw fail("holidays", "\(h.stringValue.map { "'\($0)'" } ?? h.typeName) is not a date; write \"YYYY-MM-DD\" or {date: \"YYYY-MM-DD\", name: \"...\"}")
                }
                c.holidays[d] = name
            }
        }
        return c
    }

    /// Reads a calendar file: a JSON5 object as `parse` takes.
    public static func load(path: String) throws -> BusinessCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToneCheckError.config(path: path, line: nil, key: nil, message: "cannot read the calendar file; check that it exists and is readable")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON5(data)
        } catch let e as JSONSyntaxError {
            throw ToneCheckError.config(path: path, line: e.position?.line, key: nil, message: "not valid JSON5: " + e.message.prefix(1).lowercased() + e.message.dropFirst())
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return try parse(value, path: path, keyPrefix: "", lines: lines)
    }

    /// `"17:30"` → 1050.
    static func parseClock(_ s: String) -> Int? {
        let parts = s.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    /// `"2026-11-26"` → (2026, 11, 26).
    static func parseDay(_ s: String) -> (Int, Int, Int)? {
        let p = s.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return (y, m, d)
    }

    /// 1050 → `"17:30"`.
    static func formatClock(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }

    // MARK: - Arithmetic

    /// The zone used for a reference time: the calendar's zone, else the reference's offset.
    public func zone(for reference: ReferenceTime) -> TimeZone {
        timeZone ?? TimeZone(secondsFromGMT: reference.offsetSeconds ?? 0) ?? TimeZone(identifier: "UTC")!
    }

    /// A Gregorian calendar in `zone`.
    static func gregorian(_ zone: TimeZone) -> Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal
    }

    /// The holiday's name when `date` falls on a holiday in `zone` ("" for an unnamed one).
    public func holiday(at date: Date, in zone: TimeZone) -> String? { holiday(at: date, DayMath(zone)) }

    func holiday(at date: Date, _ math: DayMath) -> String? {
        if holidays.isEmpty { return nil }
        let (y, m, d) = math.civil(date)
        return holidays[ISO8601.pad(y, 4) + "-" + ISO8601.pad(m, 2) + "-" + ISO8601.pad(d, 2)]
    }

    /// Whether the day `date` falls on is a working day (a working weekday, not a holiday).
    public func isWorkingDay(_ date: Date, in zone: TimeZone) -> Bool { isWorkingDay(date, DayMath(zone)) }

    func isWorkingDay(_ date: Date, _ math: DayMath) -> Bool {
        workingDays.contains(math.weekday(date)) && holiday(at: date, math) == nil
    }

    /// The instant `minutes` after midnight on the day of `day` in `zone` (DST-safe).
    func instant(minutes: Int, onDayOf day: Date, in zone: TimeZone) -> Date { instant(minutes: minutes, onDayOf: day, DayMath(zone)) }

    func instant(minutes: Int, onDayOf day: Date, _ math: DayMath) -> Date {
        let start = math.startOfDay(day)
        let candidate = start.addingTimeInterval(Double(minutes) * 60)
        guard let cal = math.calendar else { return candidate }  // a fixed offset: no DST
        // Fast path: no UTC-offset change between midnight and the time (most days).
        if math.zone.secondsFromGMT(for: candidate) == math.zone.secondsFromGMT(for: start) { return candidate }
        if minutes >= 1440 { return cal.date(byAdding: .day, value: 1, to: start) ?? start }
        return cal.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: start) ?? start
    }

    /// Whether `date` is inside working hours on a working day (the end of the day included).
    public func isWorkingTime(_ date: Date, in zone: TimeZone) -> Bool {
        let math = DayMath(zone)
        guard isWorkingDay(date, math) else { return false }
        return date >= instant(minutes: workStart, onDayOf: date, math) && date <= instant(minutes: workEnd, onDayOf: date, math)
    }

    /// Working seconds between `from` and `to` (0 when `to` is not later): the parts of
    /// working hours on working days that fall between them.
    /// - Parameter limit: stop counting once the total passes this (the result is then only known to exceed it).
    public func workingSeconds(from: Date, to: Date, in zone: TimeZone, limit: TimeInterval = .infinity) -> TimeInterval {
        guard to > from else { return 0 }
        let math = DayMath(zone)
        var day = math.startOfDay(from)
        var total: TimeInterval = 0
        var steps = 0
        while day < to && steps < 3700 && total <= limit {
            if isWorkingDay(day, math) {
                let s = instant(minutes: workStart, onDayOf: day, math)
                let e = instant(minutes: workEnd, onDayOf: day, math)
                total += max(0, min(e, to).timeIntervalSince(max(s, from)))
            }
            day = math.adding(days: 1, to: day)
            steps += 1
        }
        return total
    }
}

/// Day arithmetic in one time zone. For a zone with a fixed UTC offset (made from an email's
/// `+0100`, or UTC) it is plain arithmetic on day numbers; for a named zone with daylight
/// saving, Foundation's Gregorian calendar (which costs microseconds a call).
struct DayMath {
    let zone: TimeZone
    /// The fixed offset in seconds, when the zone has one.
    let offset: Int?
    /// The calendar, for a zone without a fixed offset.
    let calendar: Calendar?

    init(_ zone: TimeZone) {
        self.zone = zone
        let id = zone.identifier
        if id == "GMT" || id == "UTC" || id.hasPrefix("GMT+") || id.hasPrefix("GMT-") {
            offset = zone.secondsFromGMT()
            calendar = nil
        } else {
            offset = nil
            calendar = BusinessCalendar.gregorian(zone)
        }
    }

    /// Midnight at the start of `date`'s day.
    func startOfDay(_ date: Date) -> Date {
        guard let offset else { return calendar!.startOfDay(for: date) }
        return Date(timeIntervalSince1970: Double(ISO8601.localDay(date, offset: offset).day) * 86_400 - Double(offset))
    }

    /// `date` moved by `days` calendar days (same local time where the zone allows).
    func adding(days: Int, to date: Date) -> Date {
        guard offset != nil else { return calendar!.date(byAdding: .day, value: days, to: date) ?? date }
        return date.addingTimeInterval(Double(days) * 86_400)
    }

    /// The weekday of `date`, 1 for Sunday to 7 for Saturday (as Foundation counts).
    func weekday(_ date: Date) -> Int {
        guard let offset else { return calendar!.component(.weekday, from: date) }
        return ISO8601.weekday(ofDay: ISO8601.localDay(date, offset: offset).day) + 1
    }

    /// Year, month and day of `date`.
    func civil(_ date: Date) -> (year: Int, month: Int, day: Int) {
        guard let offset else {
            let c = calendar!.dateComponents([.year, .month, .day], from: date)
            return (c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return ISO8601.civil(ISO8601.localDay(date, offset: offset).day)
    }

    /// Midnight of a date, or nil when there is no such day (30 February).
    func date(year: Int, month: Int, day: Int) -> Date? {
        guard let offset else {
            guard let cal = calendar, let d = cal.date(from: DateComponents(year: year, month: month, day: day)),
                cal.component(.day, from: d) == day
            else { return nil }
            return d
        }
        guard (1...12).contains(month), day >= 1 else { return nil }
        let n = ISO8601.days(year: year, month: month, day: day)
        guard ISO8601.civil(n) == (year, month, day) else { return nil }
        return Date(timeIntervalSince1970: Double(n) * 86_400 - Double(offset))
    }

    /// The same day a year later (29 February becomes 28 February), at midnight.
    func nextYear(_ date: Date) -> Date? {
        guard offset != nil else { return calendar!.date(byAdding: .year, value: 1, to: date) }
        let (y, m, d) = civil(date)
        return self.date(year: y + 1, month: m, day: d) ?? self.date(year: y + 1, month: m, day: d - 1)
    }
}
