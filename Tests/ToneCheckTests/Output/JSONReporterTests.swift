import Foundation
import Testing
@testable import ToneCheck

/// NDJSON documents are written into a buffer the thread reuses: each one must come out as
/// a fresh writer would write it, whatever was written before it (longer, shorter, huge).
@Suite struct JSONReporterTests {
    static let checker = try! ToneChecker.standard()

    func report(_ text: String) -> DocumentReport {
        Self.checker.report(PlainTextReader.read(Array(text.utf8), path: "draft.txt"), now: ReferenceTime.parse("2026-11-23T10:00:00Z"))
    }

    @Test func reusedBufferGivesWhatAFreshWriterGives() throws {
        let huge = String(repeating: "Please send the report ASAP, obviously. ", count: 3000)  // past the kept size
        let reports = [
            report("Thanks so much for your help, Dana! Could you send the figures by Friday?"),
            report("Fix it."),
            report(huge),
            report("Obviously this is late. Send it now."),
            report("Thanks."),
        ]
        var reporter = JSONReporter(lines: true, ruleSet: Self.checker.ruleSet)
        for r in reports {
            let bytes = reporter.documentBytes(r)
            // `document` writes with a writer of its own.
            var fresh = JSONReporter(lines: true, ruleSet: Self.checker.ruleSet)
            #expect(String(decoding: bytes, as: UTF8.self) == fresh.document(r))
            #expect(bytes.last == 0x0A)
            #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil)
        }
    }
}
