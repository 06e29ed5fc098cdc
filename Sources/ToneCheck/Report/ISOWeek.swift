import Foundation

/// An ISO 8601 week (`2026-W47`): weeks start on Monday and belong to the year of their Thursday.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-numbering year.
    public var year: Int
    /// The week number, 1–53.
    public var week: Int
    /// Days since 1970-01-01 of the week's Monday.
    public var mondayDay: Int

    /// The week containing `date` as seen at `offset` seconds east of UTC (UTC when nil),
    /// so a message sent Sunday 23:30 at -05:00 counts in that Sunday's week.
    public init(date: Date, offset: Int?) {
        let local = date.timeIntervalSince1970 + Double(offset ?? 0)
        let days = Int((local / 86_400).rounded(.down))
        // 1970-01-01 was a Thursday; weekday 0 = Monday.
        let weekday = ((days % 7) + 7 + 3) % 7
        let monday = days - weekday
        let thursday = monday + 3
        let (y, _, _) = ISOWeek.civil(thursday)
        let jan1 = ISOWeek.days(year: y, month: 1, day: 1)
        year = y
        week = (thursday - jan1) / 7 + 1
        mondayDay = monday
    }

    /// `2026-W47`.
    public var description: String { String(format: "%04d-W%02d", year, week) }

    /// The Monday as `2026-11-16`.
    public var mondayString: String {
        let (y, m, d) = ISOWeek.civil(mondayDay)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Orders weeks in time.
    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { a.mondayDay < b.mondayDay }

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
