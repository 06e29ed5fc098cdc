import Foundation
import Testing

/// `--now` and `--calendar` from the command line.
@Suite struct DemandsCLITests {
    @Test func nowSetsTheSendTime() throws {
        let r = try CLI.run(["--now", "2026-11-27T16:50:00-05:00", "--color", "never", "--fail-on", "warning"], stdin: "Need the refund report fixed by 5.\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("<stdin>:1:30: warning: “by 5” asks for it by 17:00 Fri 27 Nov, 10 minutes after this was sent (16:50 Fri 27 Nov -05:00, from --now)"), "\(r.stdout)")
        #expect(r.stdout.contains("[demand.short-lead-time]"))
        let calm = try CLI.run(["--now", "2026-11-23T10:00:00-05:00", "--fail-on", "warning"], stdin: "Could you send the refund report by Thursday? The audit starts Friday. Thanks!\n")
        #expect(calm.status == 0, "\(calm.stdout)")
    }

    @Test func badNowIsAUsageError() throws {
        let r = try CLI.run(["--now", "friday afternoon"], stdin: "hi\n")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--now takes an ISO 8601 time such as 2026-11-27T16:50:00-05:00, not 'friday afternoon'"))
    }

    @Test func calendarFileAddsHolidays() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cal = dir.appendingPathComponent("calendar.json5")
        try "// US office\n{\n  timeZone: \"America/New_York\",\n  holidays: [{date: \"2026-11-26\", name: \"Thanksgiving\"}],\n}\n".write(to: cal, atomically: true, encoding: .utf8)
        let args = ["--now", "2026-11-25T15:00:00-05:00", "--format", "json"]
        let text = "Could you send the audit pack by Thursday?\n"
        let without = try CLI.run(args, stdin: text)
        #expect(!without.stdout.contains("demand.after-hours"))
        let with = try CLI.run(args + ["--calendar", cal.path], stdin: text)
        #expect(with.stdout.contains("demand.after-hours"), "\(with.stdout)\(with.stderr)")
        #expect(with.stdout.contains("on Thanksgiving, a holiday"))
    }

    @Test func badCalendarFileFailsWithTheKey() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cal = dir.appendingPathComponent("calendar.json5")
        try "{\n  workStart: \"09:00\",\n  workEnd: \"5pm\",\n}\n".write(to: cal, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--calendar", cal.path], stdin: "hi\n")
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(cal.path):3: key 'workEnd': must be a time of day as \"HH:MM\""), "\(r.stderr)")
        let missing = try CLI.run(["--calendar", dir.appendingPathComponent("nope.json5").path], stdin: "hi\n")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the calendar file"))
    }
}
