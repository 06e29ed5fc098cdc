import Testing

@testable import ToneCheck

/// The run's totals for the reporters' footers.
@Suite struct RunSummaryTests {
    /// Problems are counted per severity (credits not); `bySeverity` holds only severities
    /// with findings, agrees with `count`, and can be set.
    @Test func countsProblemsBySeverity() throws {
        let checker = try ToneChecker.standard()
        var s = RunSummary()
        let reports = [
            "You always ignore the queue. This is unacceptable and I need it ASAP!!!",
            "Thanks so much for the update, it really helped.",
        ].map { checker.report(text: $0) }
        for r in reports { s.add(r) }
        #expect(s.documents == 2)
        for sev in [Severity.info, .warning, .error] {
            let expected = reports.flatMap(\.findings).filter { !$0.isCredit && $0.severity == sev }.count
            #expect(s.count(sev) == expected, "\(sev)")
            #expect(s.bySeverity[sev] == (expected > 0 ? expected : nil))
        }
        #expect(s.count(.warning) + s.count(.error) > 0)
        s.bySeverity = [.error: 3]
        #expect(s.count(.error) == 3 && s.count(.warning) == 0 && s.count(.info) == 0)
        #expect(s.bySeverity == [.error: 3])
    }
}
