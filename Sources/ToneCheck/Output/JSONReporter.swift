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
        // The thread's buffer, reused from one document to the next; the bytes copied out.
        var w = JSONWriter.reusing()
        JSONReporter.write(r, to: &w, ruleSet: ruleSet, schema: true)
        count += 1
        w.appendRaw(0x0A)
        let bytes = w.bytes
        w.recycle()
        return bytes
    }

    /// Closes the list with a summary (JSON) or nothing (NDJSON).
    public mutating func end(_ s: RunSummary) -> String {
        if lines { return "" }
        var w = JSONWriter()
        w.beginObject()
        w.int(k: "documents", s.documents)
        w.int(k: "errors", s.count(.error))
        w.int(k: "warnings", s.count(.warning))
        w.int(k: "info", s.count(.info))
        w.int(k: "unreadable", s.errors)
        w.number(k: "lowestScore", s.lowestScore)
        w.endObject()
        return "\n],\"summary\":\(w.output)}\n"
    }

    /// Writes one document's object.
    public static func write(_ r: DocumentReport, to w: inout JSONWriter, ruleSet: RuleSet?, schema: Bool) {
        w.beginObject()
        // The members are laid out here, so they go straight to the bytes: keys, commas and
        // brackets as literal text, with no nesting bookkeeping per value.
        writeMembers(r, to: w.members(), ruleSet: ruleSet, schema: schema)
        if r.error == nil, let t = r.speakers { writeTranscript(t, to: &w) }
        w.endObject()
    }

    /// The members of a document's object (all but a transcript's), from the first: no
    /// comma before it.
    static func writeMembers(_ r: DocumentReport, to o: JSONDirect, ruleSet: RuleSet?, schema: Bool) {
        let d = r.document
        if schema {
            o.int("\"schemaVersion\":", schemaVersion)
            o.raw(",\"id\":")
        } else {
            o.raw("\"id\":")
        }
        o.string(d.id ?? d.path)
        o.string(",\"path\":", d.path)
        o.string(",\"format\":", d.format)
        if let e = r.error {
            o.string(",\"error\":", e)
            o.raw(",\"score\":null")
            if let line = r.warnings.first?.line {
                o.int(",\"line\":", line)
            }
            return
        }
        o.number(",\"score\":", r.score.overall)
        o.string(",\"label\":", r.score.label)
        o.raw(",\"categories\":{")
        // In `Category.allCases` order; the (few) entries read in one pass, no key hashed.
        let cases = Category.allCases
        withUnsafeTemporaryAllocation(of: Double?.self, capacity: cases.count) { values in
            values.initialize(repeating: nil)
            for (c, v) in r.score.categories { values[cases.firstIndex(of: c)!] = v }
            for (k, c) in cases.enumerated() {
                if k > 0 { o.byte(0x2C) }
                o.name(c.jsonName)
                o.byte(0x3A)
                o.number(values[k])
            }
        }
        o.int("},\"words\":", r.score.words)
        o.raw(",\"contributions\":[")
        r.score.contributions.withUnsafeBufferPointer { contributions in
            for i in contributions.indices {
                o.raw(i == 0 ? "{\"rule\":" : ",{\"rule\":")
                o.string(contributions[i].ruleID)
                o.name(",\"category\":", contributions[i].category.jsonName)
                o.int(",\"count\":", contributions[i].count)
                o.number(",\"points\":", contributions[i].points)
                o.byte(0x7D)
            }
        }
        o.raw("],")
        writeMetadata(d.metadata, to: o)
        o.raw(",\"segments\":[")
        // Read in place: copying a segment out costs a retain and release per field.
        d.segments.withUnsafeBufferPointer { segments in
            for i in segments.indices {
                o.raw(i == 0 ? "{\"index\":" : ",{\"index\":")
                o.int(i)
                o.name(",\"role\":", segments[i].role.jsonName)
                if let sp = segments[i].speaker {
                    o.string(",\"speaker\":", sp)
                }
                let p = segments[i].sourceMap.position(of: 0, in: segments[i].text)
                o.int(",\"line\":", p.line)
                o.int(",\"column\":", p.column)
                if let t = segments[i].startTime {
                    o.number(",\"start\":", t, places: 3)
                }
                if let t = segments[i].endTime {
                    o.number(",\"end\":", t, places: 3)
                }
                o.byte(0x7D)
            }
        }
        o.raw("],\"findings\":[")
        r.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices {
                if i > 0 { o.byte(0x2C) }
                writeFinding(findings[i], to: o, ruleSet: ruleSet, turn: r.speakers?.turn(ofSegment: findings[i].segment))
            }
        }
        o.raw("],\"warnings\":[")
        r.warnings.withUnsafeBufferPointer { warnings in
            for i in warnings.indices {
                o.raw(i == 0 ? "{\"level\":" : ",{\"level\":")
                o.name(warnings[i].level.jsonName)
                o.int(",\"line\":", warnings[i].line)
                o.string(",\"message\":", warnings[i].message)
                o.byte(0x7D)
            }
        }
        o.byte(0x5D)
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

    /// `"metadata":{...}`: the fields that are set, in a fixed order.
    static func writeMetadata(_ m: DocumentMetadata, to o: JSONDirect) {
        o.raw("\"metadata\":{")
        // Whether a member is written yet (the comma before each one after the first).
        var first = true
        func key(_ k: StaticString) {
            if first { first = false } else { o.byte(0x2C) }
            o.raw(k)
        }
        func list(_ k: StaticString, _ values: [String]) {
            key(k)
            for (i, t) in values.enumerated() {
                if i > 0 { o.byte(0x2C) }
                o.string(t)
            }
            o.byte(0x5D)
        }
        if let v = m.from { key("\"from\":"); o.string(v) }
        if !m.to.isEmpty { list("\"to\":[", m.to) }
        if !m.cc.isEmpty { list("\"cc\":[", m.cc) }
        if let v = m.subject { key("\"subject\":"); o.string(v) }
        if let v = m.date { key("\"date\":"); o.date(v, offset: m.dateOffsetSeconds) } else if let v = m.dateText { key("\"date\":"); o.string(v) }
        if let v = m.messageID { key("\"messageId\":"); o.string(v) }
        if let v = m.inReplyTo { key("\"inReplyTo\":"); o.string(v) }
        if !m.attachments.isEmpty { list("\"attachments\":[", m.attachments) }
        if !m.speakers.isEmpty { list("\"speakers\":[", m.speakers) }
        func extra(_ k: String, _ v: String?) {
            if first { first = false } else { o.byte(0x2C) }
            o.string(k)
            o.byte(0x3A)
            o.string(v)
        }
        if m.extra.count == 1 {
            for (k, v) in m.extra { extra(k, v) }  // one entry (an mbox index): nothing to sort
        } else {
            for k in m.extra.keys.sorted() { extra(k, m.extra[k]) }
        }
        o.byte(0x7D)
    }

    /// One finding's object.
    static func writeFinding(_ f: Finding, to o: JSONDirect, ruleSet: RuleSet?, turn: Int? = nil) {
        o.string("{\"rule\":", f.ruleID)
        o.name(",\"category\":", f.category.jsonName)
        o.name(",\"severity\":", f.severity.jsonName)
        o.raw(f.isCredit ? ",\"credit\":true,\"message\":" : ",\"credit\":false,\"message\":")
        o.string(f.message)
        o.string(",\"match\":", f.match)
        o.int(",\"line\":", f.start.line)
        o.int(",\"column\":", f.start.column)
        o.int(",\"endLine\":", f.end.line)
        o.int(",\"endColumn\":", f.end.column)
        o.int(",\"offset\":", f.start.byteOffset)
        o.int(",\"endOffset\":", f.end.byteOffset)
        o.int(",\"segment\":", f.segment)
        o.name(",\"role\":", f.role.jsonName)
        if let s = f.speaker {
            o.string(",\"speaker\":", s)
        }
        if let turn {
            o.int(",\"turn\":", turn)
        }
        o.number(",\"weight\":", f.weight)
        o.number(",\"multiplier\":", f.multiplier, places: 4)
        if let rs = ruleSet, let i = rs.index[f.ruleID] {
            o.string(",\"why\":", rs.rules[i].why)
        }
        o.raw(",\"suggestions\":[")
        for (i, s) in f.suggestions.enumerated() {
            if i > 0 { o.byte(0x2C) }
            o.string(s)
        }
        o.byte(0x5D)
        if let fix = f.fix {
            o.int(",\"fix\":{\"offset\":", fix.range.lowerBound)
            o.int(",\"length\":", fix.range.count)
            o.string(",\"replacement\":", fix.replacement)
            o.byte(0x7D)
        }
        o.byte(0x7D)
    }
}
