/// Checkstyle XML (`<checkstyle><file name><error line column severity message source/>`),
/// read by many CI dashboards. Severity is `error`, `warning` or `info`; `source` is
/// `tonecheck.` followed by the rule id.
public struct CheckstyleReporter: Reporter {
    /// Creates a Checkstyle reporter.
    public init() {}

    /// The XML header.
    public mutating func begin() -> String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n" }

    /// One `<file>` element.
    public mutating func document(_ r: DocumentReport) -> String {
        var out = "  <file name=\"\(XML.escape(r.displayName))\">\n"
        if let error = r.error {
            out += "    <error line=\"\(r.warnings.first?.line ?? 1)\" severity=\"error\" message=\"\(XML.escape(error))\" source=\"tonecheck.input\"/>\n"
        }
        for f in r.findings where !f.isCredit {
            out += "    <error line=\"\(f.start.line)\" column=\"\(f.start.column)\" severity=\"\(f.severity.rawValue)\" message=\"\(XML.escape(f.message))\" source=\"tonecheck.\(XML.escape(f.ruleID))\"/>\n"
        }
        return out + "  </file>\n"
    }

    /// Closes the document.
    public mutating func end(_ summary: RunSummary) -> String { "</checkstyle>\n" }
}
