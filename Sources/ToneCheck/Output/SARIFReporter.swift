import Foundation

/// SARIF 2.1.0 output (one run), for GitHub code scanning and other dashboards.
///
/// `tool.driver.rules` describes each rule a result refers to: the message as
/// `shortDescription`, the `why` as `fullDescription` and `help`, the severity as
/// `defaultConfiguration.level`. Results carry `error`, `warning` or `note`, a region
/// (1-based lines, columns in Unicode code points, `byteOffset`/`byteLength` when the
/// text maps byte for byte) and, for safe substitutions, a fix with the replacement.
/// Unreadable inputs and reading warnings become tool execution notifications.
public struct SARIFReporter: Reporter {
    /// Where rule metadata comes from.
    public var catalog: RuleCatalog
    private var results = JSONWriter()
    private var notifications = JSONWriter()
    private var ruleIndex: [String: Int] = [:]
    private var ruleOrder: [String] = []
    private var hadError = false

    /// Creates a SARIF reporter.
    public init(catalog: RuleCatalog) {
        self.catalog = catalog
        results.beginArray()
        notifications.beginArray()
    }

    /// Nothing until the end: SARIF is one JSON document.
    public mutating func begin() -> String { "" }

    /// Collects a document's results.
    public mutating func document(_ r: DocumentReport) -> String {
        let uri = SARIFReporter.uri(r.displayName)
        if let error = r.error {
            hadError = true
            note(level: "error", message: error, uri: uri, line: r.warnings.first?.line)
            return ""
        }
        for w in r.warnings {
            note(level: w.level == .error ? "error" : "warning", message: w.message, uri: w.path.map(SARIFReporter.uri) ?? uri, line: w.line)
        }
        for f in r.findings where !f.isCredit {
            if ruleIndex[f.ruleID] == nil {
                ruleIndex[f.ruleID] = ruleOrder.count
                ruleOrder.append(f.ruleID)
            }
            SARIFReporter.writeResult(f, uri: uri, ruleIndex: ruleIndex[f.ruleID]!, into: &results)
        }
        return ""
    }

    static func writeResult(_ f: Finding, uri: String, ruleIndex: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.string("ruleId", f.ruleID)
        w.int("ruleIndex", ruleIndex)
        w.string("level", SARIFReporter.level(f.severity))
        w.beginObject("message")
        var text = f.message
        if !f.suggestions.isEmpty { text += ". Try: " + f.suggestions.prefix(3).joined(separator: "; ") }
        w.string("text", text)
        w.endObject()
        w.beginArray("locations")
        w.beginObject()
        w.beginObject("physicalLocation")
        w.beginObject("artifactLocation")
        w.string("uri", uri)
        w.endObject()
        w.beginObject("region")
        w.int("startLine", f.start.line)
        w.int("startColumn", f.start.column)
        w.int("endLine", f.end.line)
        w.int("endColumn", max(f.end.column, f.start.line == f.end.line ? f.start.column + 1 : 1))
        if let a = f.start.byteOffset, let b = f.end.byteOffset, b >= a {
            w.int("byteOffset", a)
            w.int("byteLength", b - a)
        }
        w.beginObject("snippet")
        w.string("text", f.match)
        w.endObject()
        w.endObject()
        w.endObject()
        w.endObject()
        w.endArray()
        if let fix = f.fix {
            w.beginArray("fixes")
            w.beginObject()
            w.beginObject("description")
            w.string("text", "Replace “\(f.match)” with “\(fix.replacement)”")
            w.endObject()
            w.beginArray("artifactChanges")
            w.beginObject()
            w.beginObject("artifactLocation")
            w.string("uri", uri)
            w.endObject()
            w.beginArray("replacements")
            w.beginObject()
            w.beginObject("deletedRegion")
            w.int("byteOffset", fix.range.lowerBound)
            w.int("byteLength", fix.range.count)
            w.endObject()
            w.beginObject("insertedContent")
            w.string("text", fix.replacement)
            w.endObject()
            w.endObject()
            w.endArray()
            w.endObject()
            w.endArray()
            w.endObject()
            w.endArray()
        }
        w.beginObject("properties")
        w.string("category", f.category.rawValue)
        w.string("role", f.role.rawValue)
        if let s = f.speaker { w.string("speaker", s) }
        w.endObject()
        w.endObject()
    }

    private mutating func note(level: String, message: String, uri: String, line: Int?) {
        notifications.beginObject()
        notifications.string("level", level)
        notifications.beginObject("message")
        notifications.string("text", message)
        notifications.endObject()
        notifications.beginArray("locations")
        notifications.beginObject()
        notifications.beginObject("physicalLocation")
        notifications.beginObject("artifactLocation")
        notifications.string("uri", uri)
        notifications.endObject()
        if let line, line >= 1 {
            notifications.beginObject("region")
            notifications.int("startLine", line)
            notifications.endObject()
        }
        notifications.endObject()
        notifications.endObject()
        notifications.endArray()
        notifications.endObject()
    }

    /// The whole SARIF log.
    public mutating func end(_ summary: RunSummary) -> String {
        results.endArray()
        notifications.endArray()
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", "tonecheck")
        w.string("version", toneCheckVersion)
        w.string("semanticVersion", toneCheckVersion)
        w.beginArray("rules")
        for id in ruleOrder {
            w.beginObject()
            w.string("id", id)
            if let rule = catalog[id] {
                w.string("name", SARIFReporter.camelName(rule.id))
                w.beginObject("shortDescription")
                w.string("text", rule.message.filling("match", with: "…"))
                w.endObject()
                w.beginObject("fullDescription")
                w.string("text", rule.why)
                w.endObject()
                w.beginObject("help")
                var help = rule.why
                if !rule.suggest.isEmpty { help += " Try: " + rule.suggest.joined(separator: "; ") + "." }
                w.string("text", help)
                w.endObject()
                w.beginObject("defaultConfiguration")
                w.string("level", SARIFReporter.level(rule.severity))
                w.endObject()
                w.beginObject("properties")
                w.string("category", rule.category.rawValue)
                w.beginArray("tags")
                w.string(nil, rule.category.rawValue)
                w.endArray()
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.string("columnKind", "unicodeCodePoints")
        w.raw("results", results.output)
        w.beginArray("invocations")
        w.beginObject()
        w.bool("executionSuccessful", !hadError)
        w.raw("toolExecutionNotifications", notifications.output)
        w.endObject()
        w.endArray()
        w.beginObject("properties")
        w.int("documents", summary.documents)
        w.number("lowestScore", summary.lowestScore)
        w.endObject()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    /// SARIF level for a severity.
    public static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A URI for a path: relative paths percent-encoded, absolute ones as `file://` URIs,
    /// `<stdin>` as `stdin`.
    public static func uri(_ path: String) -> String {
        var p = path == "<stdin>" ? "stdin" : path
        while p.hasPrefix("./") { p.removeFirst(2) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;")
        let encoded = p.addingPercentEncoding(withAllowedCharacters: allowed) ?? p
        return p.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// `tone.passive-aggressive` → `TonePassiveAggressive` (SARIF's rule `name`).
    static func camelName(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
