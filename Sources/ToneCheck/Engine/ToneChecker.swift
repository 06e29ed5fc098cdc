import Foundation

/// The version of tonecheck.
public let toneCheckVersion = "0.1.0"

/// Everything known about one checked document.
public struct DocumentReport: Sendable {
    /// The document (metadata and segments).
    public var document: Document
    /// Findings in document order (problems and politeness credits).
    public var findings: [Finding]
    /// The scores.
    public var score: Score
    /// Reading and checking warnings.
    public var warnings: [Diagnostic]
    /// Set when the input could not be read at all (a malformed JSONL line).
    public var error: String?
    /// For a transcript: speakers, sides, interruptions and the trajectory of the call.
    public var speakers: TranscriptSummary?

    /// Creates a report.
    public init(document: Document, findings: [Finding], score: Score, warnings: [Diagnostic], error: String? = nil) {
        self.document = document
        self.findings = findings
        self.score = score
        self.warnings = warnings
        self.error = error
    }

    /// Creates a report with its transcript analysis.
    init(document: Document, findings: [Finding], score: Score, warnings: [Diagnostic], speakers: TranscriptSummary?) {
        self.document = document
        self.findings = findings
        self.score = score
        self.warnings = warnings
        self.speakers = speakers
    }

    /// A report for input that could not be read (no score).
    public static func failed(id: String?, path: String?, line: Int?, message: String) -> DocumentReport {
        let doc = Document(id: id, path: path, format: "error")
        let score = Score(overall: .nan, categories: [:], label: "error", contributions: [], words: 0, lengthFactor: 1)
        return DocumentReport(document: doc, findings: [], score: score, warnings: [Diagnostic(.error, path: path, line: line, message: message)], error: message)
    }

    /// Findings that are problems (not credits).
    public var problems: [Finding] { findings.filter { !$0.isCredit } }
}

/// The library's front door: check documents against a rule set and score them.
public struct ToneChecker: Sendable {
    /// The compiled rules.
    public let ruleSet: RuleSet
    /// What to check.
    public var options: CheckOptions

    /// Creates a checker over a compiled rule set.
    public init(ruleSet: RuleSet, options: CheckOptions = CheckOptions()) {
        self.ruleSet = ruleSet
        self.options = options
    }

    /// A checker with the built-in rules.
    public static func standard() throws -> ToneChecker { ToneChecker(ruleSet: try RuleSet.builtin()) }

    /// Checks and scores a document.
    public func report(_ document: Document) -> DocumentReport {
        report(document) { $0 }
    }

    /// Checks plain text.
    public func report(text: String, path: String? = nil) -> DocumentReport {
        report(PlainTextReader.read(Array(text.utf8), path: path))
    }

    /// Checks a document as if sent at `now` when it carries no date of its own
    /// (a `Date` header or call time wins).
    public func report(_ document: Document, now: ReferenceTime?) -> DocumentReport {
        var c = self
        if let now { c.options.referenceTime = now }
        return c.report(document)
    }

    /// Checks plain text sent at `now`.
    public func report(text: String, now: ReferenceTime?, path: String? = nil) -> DocumentReport {
        report(PlainTextReader.read(Array(text.utf8), path: path), now: now)
    }
}
