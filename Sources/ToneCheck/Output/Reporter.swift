/// Totals over a run, for a reporter's footer.
public struct RunSummary: Sendable {
    /// Documents checked.
    public var documents = 0
    /// Findings by severity (problems only): only severities with findings have a count.
    public var bySeverity: [Severity: Int] {
        get {
            var d: [Severity: Int] = [:]
            for s in [Severity.info, .warning, .error] where count(s) > 0 { d[s] = count(s) }
            return d
        }
        set { counts = (newValue[.info] ?? 0, newValue[.warning] ?? 0, newValue[.error] ?? 0) }
    }
    /// The counts behind `bySeverity`, by `Severity.rank` (no dictionary is made unless it is
    /// asked for: its type costs a start-up lookup, a draft's run is short).
    private var counts = (info: 0, warning: 0, error: 0)
    /// Inputs that could not be read.
    public var errors = 0
    /// Lowest overall score seen.
    public var lowestScore: Double?

    /// An empty summary.
    public init() {}

    /// Adds a document's report.
    public mutating func add(_ r: DocumentReport) {
        documents += 1
        if r.error != nil { errors += 1; return }
        // Counted per severity first (no array of problems made, no key hashed per finding).
        var info = 0, warning = 0, error = 0
        for f in r.findings where !f.isCredit {
            switch f.severity {
            case .info: info += 1
            case .warning: warning += 1
            case .error: error += 1
            }
        }
        counts.info += info
        counts.warning += warning
        counts.error += error
        if r.score.overall.isFinite { lowestScore = min(lowestScore ?? 100, r.score.overall) }
    }

    /// Findings of severity `s` (problems only).
    public func count(_ s: Severity) -> Int {
        switch s {
        case .info: counts.info
        case .warning: counts.warning
        case .error: counts.error
        }
    }
}

/// Formats reports. A reporter returns text; the caller decides where it goes.
public protocol Reporter {
    /// Text before the first document.
    mutating func begin() -> String
    /// Text for one document.
    mutating func document(_ report: DocumentReport) -> String
    /// `document`'s text as UTF-8 bytes (a reporter that builds bytes can skip making a string).
    mutating func documentBytes(_ report: DocumentReport) -> [UInt8]
    /// Text after the last document.
    mutating func end(_ summary: RunSummary) -> String
    /// Whether `document` depends on nothing but its report, so a copy of the reporter may
    /// render documents on other threads (their texts are still written in order).
    var rendersDocumentsIndependently: Bool { get }
}

extension Reporter {
    /// By default a reporter keeps state across documents: render them in order.
    public var rendersDocumentsIndependently: Bool { false }

    /// By default, `document`'s string, as bytes.
    public mutating func documentBytes(_ report: DocumentReport) -> [UInt8] { Array(document(report).utf8) }
}

/// Output formats tonecheck can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Compiler-style lines with the source underlined (for people).
    case text
    /// One JSON object with every document.
    case json
    /// One JSON object per document, one per line.
    case ndjson
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif
    /// GitHub Actions workflow commands (`::warning file=...`), annotations on the lines.
    case github
    /// JUnit XML: one test case per file, a failure per finding.
    case junit
    /// Checkstyle XML.
    case checkstyle
}
