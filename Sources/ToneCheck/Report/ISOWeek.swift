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

    static func civil(_ day: Int) -> (Int, Int, Int) { ISO8601.civil(day) }
    static func days(year: Int, month: Int, day: Int) -> Int { ISO8601.days(year: year, month: month, day: day) }
}
