/// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
/// finding, which GitHub shows as an annotation on that line of the pull request.
///
/// `::warning file=templates/a.hbs,line=3,col=9,endLine=3,endColumn=17,title=tone.condescension::message`
/// Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF.
/// `endColumn` is the last character's column (inclusive). Standard input without
/// `--stdin-filename` has no `file=`.
public struct GitHubReporter: Reporter {
    /// Creates a GitHub reporter.
    public init() {}

    /// Nothing before the first document.
    public mutating func begin() -> String { "" }

    /// One command per finding, reading warning and unreadable input.
    public mutating func document(_ r: DocumentReport) -> String {
        var file = r.displayName
        while file.hasPrefix("./") { file.removeFirst(2) }
        var out = ""
        if let error = r.error {
            var props = ["file=" + GitHubReporter.property(file)]
            if let l = r.warnings.first?.line { props.append("line=\(l)") }
            props.append("title=tonecheck")
            return "::error \(props.joined(separator: ","))::\(GitHubReporter.data(error))\n"
        }
        for w in r.warnings {
            var props = ["file=" + GitHubReporter.property(w.path ?? file)]
            if let l = w.line { props.append("line=\(l)") }
            if let c = w.column { props.append("col=\(c)") }
            props.append("title=tonecheck")
            out += "::\(w.level == .error ? "error" : "warning") \(props.joined(separator: ","))::\(GitHubReporter.data(w.message))\n"
        }
        for f in r.findings where !f.isCredit {
            var props = file == "<stdin>" ? [] : ["file=" + GitHubReporter.property(file)]
            props += ["line=\(f.start.line)", "col=\(f.start.column)"]
            props.append("endLine=\(f.end.line)")
            props.append("endColumn=\(max(f.end.column - 1, f.end.line == f.start.line ? f.start.column : 1))")
            props.append("title=" + GitHubReporter.property(f.ruleID))
            var message = f.message
            if !f.suggestions.isEmpty { message += ". Try: " + f.suggestions.prefix(3).joined(separator: "; ") }
            out += "::\(GitHubReporter.command(f.severity)) \(props.joined(separator: ","))::\(GitHubReporter.data(message))\n"
        }
        return out
    }

    /// Nothing after the last document.
    public mutating func end(_ summary: RunSummary) -> String { "" }

    /// The command for a severity.
    public static func command(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// Escapes a message (`%`, CR, LF).
    public static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (`%`, CR, LF, `:`, `,`).
    public static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
