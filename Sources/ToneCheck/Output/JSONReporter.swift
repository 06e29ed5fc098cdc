/// JSON output: one object with every document (`json`), or one object per line (`ndjson`).
///
/// Schema version 1. Each document object has `id`, `path`, `format`, `score` (overall,
/// a number 0–100, null when unreadable), `label`, `categories`, `contributions`,
/// `metadata`, `segments` (index, role, speaker, line, column), `findings` and `warnings`.
/// A finding has `rule`, `category`, `severity`, `credit`, `message`, `match`, `line`,
/// `column`, `endLine`, `endColumn`, `offset` and `endOffset` (bytes in the original input,
/// null when the text was decoded), `segment`, `role`, `speaker`, `suggestions` and `fix`.
/// A transcript also has `turns`, `speakers`, `sides`, `trajectory` and `interruptions`,
/// and each of its findings a 0-based `turn`.
public struct JSONReporter: Reporter {
    /// The schema version written in every output.
    public static let schemaVersion = 1
    /// One object per line instead of one document list.
    public var lines: Bool
    /// Rules, for the `why` text.
    public var ruleSet: RuleSet?
    private var count = 0

    /// Creates a JSON (or NDJSON) reporter.
    public init(lines: Bool, ruleSet: RuleSet? = nil) {
        self.lines = lines
        self.ruleSet = ruleSet
    }

    /// Opens the document list (JSON) or nothing (NDJSON).
    public mutating func begin() -> String {
        lines ? "" : "{\"schemaVersion\":\(JSONReporter.schemaVersion),\"tool\":{\"name\":\"tonecheck\",\"version\":\"\(toneCheckVersion)\"},\"documents\":[\n"
    }

    /// NDJSON lines stand alone; a JSON array needs its commas in order.
    public var rendersDocumentsIndependently: Bool { lines }

    /// One document object.
    public mutating func document(_ r: DocumentReport) -> String {
        var w = JSONWriter(capacity: 4096)
        JSONReporter.write(r, to: &w, ruleSet: ruleSet, schema: lines)
        defer { count += 1 }
        if lines {
            w.appendRaw(0x0A)
            return w.output
        }
        return (count > 0 ? ",\n" : "") + w.output
    }

    /// One document object as bytes: NDJSON skips the string `document` would make.
    public mutating func documentBytes(_ r: DocumentReport) -> [UInt8] {
        guard lines else { return Array(document(r).utf8) }
        var w = JSONWriter(capacity: 4096)
        JSONReporter.write(r, to: &w, ruleSet: ruleSet, schema: true)
        count += 1
        w.appendRaw(0x0A)
        return w.bytes
    }

    /// Closes the list with a summary (JSON) or nothing (NDJSON).
    public mutating func end(_ s: RunSummary) -> String {
        if lines { return "" }
        var w = JSONWriter()
        w.beginObject()
        w.int("documents", s.documents)
        w.int("errors", s.bySeverity[.error] ?? 0)
        w.int("warnings", s.bySeverity[.warning] ?? 0)
        w.int("info", s.bySeverity[.info] ?? 0)
        w.int("unreadable", s.errors)
        w.number("lowestScore", s.lowestScore)
        w.endObject()
        return "\n],\"summary\":\(w.output)}\n"
    }

    /// Writes one document's object.
    public static func write(_ r: DocumentReport, to w: inout JSONWriter, ruleSet: RuleSet?, schema: Bool) {
        let d = r.document
        w.beginObject()
        if schema { w.int("schemaVersion", schemaVersion) }
        w.string("id", d.id ?? d.path)
        w.string("path", d.path)
        w.string("format", d.format)
        if let e = r.error {
            w.string("error", e)
            w.raw("score", "null")
            if let line = r.warnings.first?.line { w.int("line", line) }
            w.endObject()
            return
        }
        w.number("score", r.score.overall)
        w.string("label", r.score.label)
        w.beginObject("categories")
        for c in Category.allCases { w.number(c.rawValue, r.score.categories[c]) }
        w.endObject()
        w.int("words", r.score.words)
        w.beginArray("contributions")
        for c in r.score.contributions {
            w.beginObject()
            w.string("rule", c.ruleID)
            w.string("category", c.category.rawValue)
            w.int("count", c.count)
            w.number("points", c.points)
            w.endObject()
        }
        w.endArray()
        writeMetadata(d.metadata, to: &w)
        w.beginArray("segments")
        for (i, s) in d.segments.enumerated() {
            w.beginObject()
            w.int("index", i)
            w.string("role", s.role.rawValue)
            if let sp = s.speaker { w.string("speaker", sp) }
            let p = s.sourceMap.position(of: 0, in: s.text)
            w.int("line", p.line)
            w.int("column", p.column)
            if let t = s.startTime { w.number("start", t, places: 3) }
            if let t = s.endTime { w.number("end", t, places: 3) }
            w.endObject()
        }
        w.endArray()
        w.beginArray("findings")
        for f in r.findings { writeFinding(f, to: &w, ruleSet: ruleSet, turn: r.speakers?.turn(ofSegment: f.segment)) }
        w.endArray()
        w.beginArray("warnings")
        for x in r.warnings {
            w.beginObject()
            w.string("level", x.level.rawValue)
            w.int("line", x.line)
            w.string("message", x.message)
            w.endObject()
        }
        w.endArray()
        if let t = r.speakers { writeTranscript(t, to: &w) }
        w.endObject()
    }

    /// `turns`, `speakers`, `sides`, `trajectory` and `interruptions` of a transcript.
    static func writeTranscript(_ t: TranscriptSummary, to w: inout JSONWriter) {
        w.int("turns", t.turns)
        w.beginArray("speakers")
        for s in t.speakers {
            w.beginObject()
            w.string("name", s.name)
            w.string("side", s.side)
            w.number("score", s.score)
            w.string("label", s.label)
            w.int("words", s.words)
            w.number("seconds", s.seconds, places: 3)
            w.number("share", s.share, places: 4)
            w.number("timeShare", s.timeShare, places: 4)
            w.int("turns", s.turns)
            w.int("interruptionsMade", s.interruptionsMade)
            w.int("interruptionsReceived", s.interruptionsReceived)
            w.int("questions", s.questions)
            w.int("demands", s.demands)
            w.int("findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray("sides")
        for s in t.sides {
            w.beginObject()
            w.string("name", s.name)
            w.beginArray("speakers")
            for n in s.speakers { w.string(nil, n) }
            w.endArray()
            w.number("score", s.score)
            w.string("label", s.label)
            w.int("words", s.words)
            w.number("seconds", s.seconds, places: 3)
            w.number("share", s.share, places: 4)
            w.int("interruptionsMade", s.interruptionsMade)
            w.int("interruptionsReceived", s.interruptionsReceived)
            w.int("questions", s.questions)
            w.int("demands", s.demands)
            w.int("findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray("trajectory")
        for s in t.trajectory {
            w.beginObject()
            w.string("name", s.name)
            w.int("firstTurn", s.firstTurn)
            w.int("lastTurn", s.lastTurn)
            w.number("score", s.score)
            w.string("label", s.label)
            w.int("findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray("interruptions")
        for i in t.interruptions {
            w.beginObject()
            w.string("by", i.by)
            w.string("of", i.of)
            w.int("turn", i.turn)
            w.string("kind", i.kind)
            w.endObject()
        }
        w.endArray()
    }

    static func writeMetadata(_ m: DocumentMetadata, to w: inout JSONWriter) {
        w.beginObject("metadata")
        if let v = m.from { w.string("from", v) }
        if !m.to.isEmpty { w.beginArray("to"); for t in m.to { w.string(nil, t) }; w.endArray() }
        if !m.cc.isEmpty { w.beginArray("cc"); for t in m.cc { w.string(nil, t) }; w.endArray() }
        if let v = m.subject { w.string("subject", v) }
        if let v = m.date { w.string("date", ISO8601.string(v, offset: m.dateOffsetSeconds)) } else if let v = m.dateText { w.string("date", v) }
        if let v = m.messageID { w.string("messageId", v) }
        if let v = m.inReplyTo { w.string("inReplyTo", v) }
        if !m.attachments.isEmpty { w.beginArray("attachments"); for t in m.attachments { w.string(nil, t) }; w.endArray() }
        if !m.speakers.isEmpty { w.beginArray("speakers"); for t in m.speakers { w.string(nil, t) }; w.endArray() }
        if m.extra.count == 1 {
            for (k, v) in m.extra { w.string(k, v) }  // one entry (an mbox index): nothing to sort
        } else {
            for k in m.extra.keys.sorted() { w.string(k, m.extra[k]) }
        }
        w.endObject()
    }

    static func writeFinding(_ f: Finding, to w: inout JSONWriter, ruleSet: RuleSet?, turn: Int? = nil) {
        w.beginObject()
        w.string("rule", f.ruleID)
        w.string("category", f.category.rawValue)
        w.string("severity", f.severity.rawValue)
        w.bool("credit", f.isCredit)
        w.string("message", f.message)
        w.string("match", f.match)
        w.int("line", f.start.line)
        w.int("column", f.start.column)
        w.int("endLine", f.end.line)
        w.int("endColumn", f.end.column)
        w.int("offset", f.start.byteOffset)
        w.int("endOffset", f.end.byteOffset)
        w.int("segment", f.segment)
        w.string("role", f.role.rawValue)
        if let s = f.speaker { w.string("speaker", s) }
        if let turn { w.int("turn", turn) }
        w.number("weight", f.weight)
        w.number("multiplier", f.multiplier, places: 4)
        if let rs = ruleSet, let i = rs.index[f.ruleID] { w.string("why", rs.rules[i].why) }
        w.beginArray("suggestions")
        for s in f.suggestions { w.string(nil, s) }
        w.endArray()
        if let fix = f.fix {
            w.beginObject("fix")
            w.int("offset", fix.range.lowerBound)
            w.int("length", fix.range.count)
            w.string("replacement", fix.replacement)
            w.endObject()
        }
        w.endObject()
    }
}
