import Foundation
@testable import ToneCheck

/// Builds checked messages for report tests.
enum ReportFixture {
    static let checker: ToneChecker = try! ToneChecker.standard()

    static let teams = TeamMap(["ops": ["ops-lead@example.com", "@ops.example.com"], "support": ["@support.example.com"]])

    /// A checked message with the given metadata; `date` is ISO 8601.
    static func message(_ text: String, from: String? = nil, to: [String] = [], subject: String? = nil, date: String? = nil, id: String = "m") -> DocumentReport {
        var doc = PlainTextReader.read(Array(text.utf8), path: nil)
        doc.id = id
        doc.format = "email"
        doc.metadata.from = from
        doc.metadata.to = to
        doc.metadata.subject = subject
        if let date, let (d, off) = ISO8601.parse(date) {
            doc.metadata.date = d
            doc.metadata.dateOffsetSeconds = off
        }
        return checker.report(doc)
    }

    /// A report with exactly the given findings and score (no checking).
    static func synthetic(score: Double, findings: [Finding] = [], from: String? = nil, date: String? = nil, id: String = "s", text: String = "text") -> DocumentReport {
        var doc = Document(id: id, path: nil, format: "email", segments: [Segment(role: .body, string: text)])
        doc.metadata.from = from
        if let date, let (d, off) = ISO8601.parse(date) {
            doc.metadata.date = d
            doc.metadata.dateOffsetSeconds = off
        }
        var cats: [Category: Double] = [:]
        for c in Category.allCases { cats[c] = score }
        let s = Score(overall: score, categories: cats, label: score < 40 ? "hostile" : "fine", contributions: [], words: 3, lengthFactor: 1)
        return DocumentReport(document: doc, findings: findings, score: s, warnings: [])
    }

    static func finding(_ rule: String, _ category: Category = .demand, severity: Severity = .warning, match: String = "in 20 minutes", range: Range<Int> = 0..<4) -> Finding {
        Finding(ruleID: rule, category: category, severity: severity, message: "“\(match)” leaves no time", match: match, segment: 0, role: .body,
                segmentRange: range, start: SourcePosition(line: 1, column: 1, byteOffset: 0), end: SourcePosition(line: 1, column: 5, byteOffset: 4))
    }
}
