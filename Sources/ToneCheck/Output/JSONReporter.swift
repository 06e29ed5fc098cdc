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
        w.int(k: "documents", s.documents)
        w.int(k: "errors", s.bySeverity[.error] ?? 0)
        w.int(k: "warnings", s.bySeverity[.warning] ?? 0)
        w.int(k: "info", s.bySeverity[.info] ?? 0)
        w.int(k: "unreadable", s.errors)
        w.number(k: "lowestScore", s.lowestScore)
        w.endObject()
        return "\n],\"summary\":\(w.output)}\n"
    }

    /// Writes one document's object.
    public static func write(_ r: DocumentReport, to w: inout JSONWriter, ruleSet: RuleSet?, schema: Bool) {
        let d = r.document
        w.beginObject()
        if schema { w.int(k: "schemaVersion", schemaVersion) }
        w.string(k: "id", d.id ?? d.path)
        w.string(k: "path", d.path)
        w.string(k: "format", d.format)
        if let e = r.error {
            w.string(k: "error", e)
            w.raw(k: "score", "null")
            if let line = r.warnings.first?.line { w.int(k: "line", line) }
            w.endObject()
            return
        }
        w.number(k: "score", r.score.overall)
        w.string(k: "label", r.score.label)
        w.beginObject(k: "categories")
        // In `Category.allCases` order; the (few) entries read in one pass, no key hashed.
        let cases = Category.allCases
        withUnsafeTemporaryAllocation(of: Double?.self, capacity: cases.count) { values in
            values.initialize(repeating: nil)
            for (c, v) in r.score.categories { values[cases.firstIndex(of: c)!] = v }
            for (k, c) in cases.enumerated() { w.number(k: c.jsonName, values[k]) }
        }
        w.endObject()
        w.int(k: "words", r.score.words)
        w.beginArray(k: "contributions")
        for c in r.score.contributions {
            w.beginObject()
            w.string(k: "rule", c.ruleID)
            w.string(k: "category", static: c.category.jsonName)
            w.int(k: "count", c.count)
            w.number(k: "points", c.points)
            w.endObject()
        }
        w.endArray()
        writeMetadata(d.metadata, to: &w)
        w.beginArray(k: "segments")
        // Read in place: copying a segment out costs a retain and release per field.
        d.segments.withUnsafeBufferPointer { segments in
            for i in segments.indices {
                w.beginObject()
                w.int(k: "index", i)
                w.string(k: "role", static: segments[i].role.jsonName)
                if let sp = segments[i].speaker { w.string(k: "speaker", sp) }
                let p = segments[i].sourceMap.position(of: 0, in: segments[i].text)
                w.int(k: "line", p.line)
                w.int(k: "column", p.column)
                if let t = segments[i].startTime { w.number(k: "start", t, places: 3) }
                if let t = segments[i].endTime { w.number(k: "end", t, places: 3) }
                w.endObject()
            }
        }
        w.endArray()
        w.beginArray(k: "findings")
        for f in r.findings { writeFinding(f, to: &w, ruleSet: ruleSet, turn: r.speakers?.turn(ofSegment: f.segment)) }
        w.endArray()
        w.beginArray(k: "warnings")
        for x in r.warnings {
            w.beginObject()
            w.string(k: "level", static: x.level.jsonName)
            w.int(k: "line", x.line)
            w.string(k: "message", x.message)
            w.endObject()
        }
        w.endArray()
        if let t = r.speakers { writeTranscript(t, to: &w) }
        w.endObject()
    }

    /// `turns`, `speakers`, `sides`, `trajectory` and `interruptions` of a transcript.
    static func writeTranscript(_ t: TranscriptSummary, to w: inout JSONWriter) {
        w.int(k: "turns", t.turns)
        w.beginArray(k: "speakers")
        for s in t.speakers {
            w.beginObject()
            w.string(k: "name", s.name)
            w.string(k: "side", s.side)
            w.number(k: "score", s.score)
            w.string(k: "label", s.label)
            w.int(k: "words", s.words)
            w.number(k: "seconds", s.seconds, places: 3)
            w.number(k: "share", s.share, places: 4)
            w.number(k: "timeShare", s.timeShare, places: 4)
            w.int(k: "turns", s.turns)
            w.int(k: "interruptionsMade", s.interruptionsMade)
            w.int(k: "interruptionsReceived", s.interruptionsReceived)
            w.int(k: "questions", s.questions)
            w.int(k: "demands", s.demands)
            w.int(k: "findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray(k: "sides")
        for s in t.sides {
            w.beginObject()
            w.string(k: "name", s.name)
            w.beginArray(k: "speakers")
            for n in s.speakers { w.string(nil, n) }
            w.endArray()
            w.number(k: "score", s.score)
            w.string(k: "label", s.label)
            w.int(k: "words", s.words)
            w.number(k: "seconds", s.seconds, places: 3)
            w.number(k: "share", s.share, places: 4)
            w.int(k: "interruptionsMade", s.interruptionsMade)
            w.int(k: "interruptionsReceived", s.interruptionsReceived)
            w.int(k: "questions", s.questions)
            w.int(k: "demands", s.demands)
            w.int(k: "findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray(k: "trajectory")
        for s in t.trajectory {
            w.beginObject()
            w.string(k: "name", s.name)
            w.int(k: "firstTurn", s.firstTurn)
            w.int(k: "lastTurn", s.lastTurn)
            w.number(k: "score", s.score)
            w.string(k: "label", s.label)
            w.int(k: "findings", s.findings)
            w.endObject()
        }
        w.endArray()
        w.beginArray(k: "interruptions")
        for i in t.interruptions {
            w.beginObject()
            w.string(k: "by", i.by)
            w.string(k: "of", i.of)
            w.int(k: "turn", i.turn)
            w.string(k: "kind", i.kind)
            w.endObject()
        }
        w.endArray()
    }

    static func writeMetadata(_ m: DocumentMetadata, to w: inout JSONWriter) {
        w.beginObject(k: "metadata")
        if let v = m.from { w.string(k: "from", v) }
        if !m.to.isEmpty { w.beginArray(k: "to"); for t in m.to { w.string(nil, t) }; w.endArray() }
        if !m.cc.isEmpty { w.beginArray(k: "cc"); for t in m.cc { w.string(nil, t) }; w.endArray() }
        if let v = m.subject { w.string(k: "subject", v) }
        if let v = m.date { w.date(k: "date", v, offset: m.dateOffsetSeconds) } else if let v = m.dateText { w.string(k: "date", v) }
        if let v = m.messageID { w.string(k: "messageId", v) }
        if let v = m.inReplyTo { w.string(k: "inReplyTo", v) }
        if !m.attachments.isEmpty { w.beginArray(k: "attachments"); for t in m.attachments { w.string(nil, t) }; w.endArray() }
        if !m.speakers.isEmpty { w.beginArray(k: "speakers"); for t in m.speakers { w.string(nil, t) }; w.endArray() }
        if m.extra.count == 1 {
            for (k, v) in m.extra { w.string(k, v) }  // one entry (an mbox index): nothing to sort
        } else {
            for k in m.extra.keys.sorted() { w.string(k, m.extra[k]) }
        }
        w.endObject()
    }

    static func writeFinding(_ f: Finding, to w: inout JSONWriter, ruleSet: RuleSet?, turn: Int? = nil) {
        w.beginObject()
        w.string(k: "rule", f.ruleID)
        w.string(k: "category", static: f.category.jsonName)
        w.string(k: "severity", static: f.severity.jsonName)
        w.bool(k: "credit", f.isCredit)
        w.string(k: "message", f.message)
        w.string(k: "match", f.match)
        w.int(k: "line", f.start.line)
        w.int(k: "column", f.start.column)
        w.int(k: "endLine", f.end.line)
        w.int(k: "endColumn", f.end.column)
        w.int(k: "offset", f.start.byteOffset)
        w.int(k: "endOffset", f.end.byteOffset)
        w.int(k: "segment", f.segment)
        w.string(k: "role", static: f.role.jsonName)
        if let s = f.speaker { w.string(k: "speaker", s) }
        if let turn { w.int(k: "turn", turn) }
        w.number(k: "weight", f.weight)
        w.number(k: "multiplier", f.multiplier, places: 4)
        if let rs = ruleSet, let i = rs.index[f.ruleID] { w.string(k: "why", rs.rules[i].why) }
        w.beginArray(k: "suggestions")
        for s in f.suggestions { w.string(nil, s) }
        w.endArray()
        if let fix = f.fix {
            w.beginObject(k: "fix")
            w.int(k: "offset", fix.range.lowerBound)
            w.int(k: "length", fix.range.count)
            w.string(k: "replacement", fix.replacement)
            w.endObject()
        }
        w.endObject()
    }
}
