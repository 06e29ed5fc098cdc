/// JUnit XML: one `<testsuite name="tonecheck">` with one `<testcase>` per file, and a
/// `<failure>` per finding at or above the fail threshold; findings below it are listed
/// in the test case's `<system-out>`. An unreadable input is an `<error>`.
public struct JUnitReporter: Reporter {
    /// Findings at or above this are failures (nil: none are).
    public var failOn: Severity?
    /// A document scoring under this fails too.
    public var minScore: Double?
    private var cases = ""
    private var tests = 0, failures = 0, errors = 0

    /// Creates a JUnit reporter.
    public init(failOn: Severity? = .info, minScore: Double? = nil) {
        self.failOn = failOn
        self.minScore = minScore
    }

    /// Nothing until the end (the suite's counts come first).
    public mutating func begin() -> String { "" }

    /// Collects one test case.
    public mutating func document(_ r: DocumentReport) -> String {
        tests += 1
        let name = XML.escape(r.displayName)
        var c = "    <testcase classname=\"tonecheck\" name=\"\(name)\" file=\"\(name)\">\n"
        if let error = r.error {
            errors += 1
            c += "      <error type=\"input\" message=\"\(XML.escape(error))\"></error>\n"
        } else {
            var other: [String] = []
            for f in r.findings where !f.isCredit {
                let line = "\(r.displayName):\(f.start.line):\(f.start.column): \(f.severity.rawValue): \(f.message) [\(f.ruleID)]"
                if let t = failOn, f.severity >= t {
                    failures += 1
                    var body = line
                    if !f.suggestions.isEmpty { body += "\ntry: " + f.suggestions.joined(separator: "; ") }
                    c += "      <failure type=\"\(XML.escape(f.ruleID))\" message=\"\(XML.escape("line \(f.start.line), column \(f.start.column): \(f.message)"))\">\(XML.escape(body))</failure>\n"
                } else {
                    other.append(line)
                }
            }
            if let m = minScore, r.score.overall.isFinite, r.score.overall < m {
                failures += 1
                let text = "score \(Int(r.score.overall.rounded())) is under the minimum \(Int(m.rounded()))"
                c += "      <failure type=\"min-score\" message=\"\(XML.escape(text))\">\(XML.escape(text))</failure>\n"
            }
            other.append("score \(Int(r.score.overall.rounded())) (\(r.score.label))")
            c += "      <system-out>\(XML.escape(other.joined(separator: "\n")))</system-out>\n"
        }
        c += "    </testcase>\n"
        cases += c
        return ""
    }

    /// The whole XML document.
    public mutating func end(_ summary: RunSummary) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="tonecheck" tests="\(tests)" failures="\(failures)" errors="\(errors)">
          <testsuite name="tonecheck" tests="\(tests)" failures="\(failures)" errors="\(errors)" skipped="0">
        \(cases)  </testsuite>
        </testsuites>

        """
    }
}
