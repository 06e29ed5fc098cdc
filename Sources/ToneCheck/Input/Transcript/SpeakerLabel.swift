/// Recognises a speaker label at the start of a line: `Dana: text`, `[00:01:23] Dana: text`,
/// `Dana (00:01:23): text`, `00:01:23 Dana: text`, and a header line on its own
/// (`00:01:23 Dana`, `Dana  00:01:23`) as meeting tools export.
enum SpeakerLabel {
    struct Match {
        /// The speaker's name as written.
        var name: String
        /// The time given with the label, if any.
        var time: Double?
        /// Byte offset where the spoken text starts (the line end for a header line).
        var textStart: Int
        /// A header line: name and time with no text after them.
        var headerOnly: Bool
    }

    /// Words that end in a colon in ordinary writing ("Subject:", "Note:") and are never speakers.
    static let notNames: Set<String> = [
        "note", "notes", "nb", "n.b", "subject", "from", "to", "cc", "bcc", "date", "sent", "re", "fw", "fwd",
        "ps", "p.s", "pps", "update", "updates", "status", "summary", "todo", "to do", "eta", "action", "actions",
        "action items", "action item", "next steps", "next step", "agenda", "ticket", "issue", "priority",
        "owner", "impact", "cause", "root cause", "fix", "background", "context", "example", "examples", "result",
        "results", "error", "reason", "edit", "reply", "warning", "important", "reminder", "deadline",
        "question", "questions", "answer", "q", "a", "http", "https", "mailto", "tel", "phone", "email", "e-mail",
        "time", "when", "where", "location", "attendees", "regarding", "attachment", "attachments", "reference",
        "ref", "link", "url", "tl;dr", "tldr", "fyi", "kind", "language", "style", "region", "steps", "step",
        "goal", "goals", "problem", "solution", "answer", "decision", "decisions", "outcome", "risk", "risks",
        "pros", "cons", "cost", "total", "price", "hours", "date and time", "meeting", "call", "dear", "hi",
        "hello", "thanks", "update", "details", "description", "comment", "comments", "feedback", "tip", "tips",
        "caution", "source", "sources", "see", "also", "p", "s",
    ]

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0xC0 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Names are capitalised words ("Dana", "Lee Park", "Speaker 1", "Dana (Ops)") or
    /// machine labels ("spk_0", "speaker_1"); a lowercase phrase before a colon is prose.
    static func looksLikeName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("spk") || lower.hasPrefix("speaker") { return true }
        for word in name.split(separator: " ") {
            guard let f = word.utf8.first else { continue }
            if (f >= 0x41 && f <= 0x5A) || isDigit(f) || f == 0x28 || f == 0x5B || f >= 0xC0 { continue }
            return false
        }
        return true
    }

    /// A bracketed or bare timestamp at `i`: `[00:01:23]`, `(01:23)`, `00:01:23`.
    static func timestamp(_ b: [UInt8], _ i: Int, _ end: Int) -> (Double, Int)? {
        guard i < end else { return nil }
        if b[i] == 0x5B || b[i] == 0x28 {  // [ (
            let close: UInt8 = b[i] == 0x5B ? 0x5D : 0x29
            guard let (t, e) = Timestamp.parse(b, i + 1, end, maxLeading: 2), e < end, b[e] == close else { return nil }
            return (t, e + 1)
        }
        return Timestamp.parse(b, i, end, maxLeading: 2)
    }

    /// The label at the start of `b[start..<end]`, if the line has one.
    static func parse(_ b: [UInt8], _ start: Int, _ end: Int, allowDash: Bool = false) -> Match? {
        var i = start
        func skipSpaces() { while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        skipSpaces()
        if allowDash, i + 1 < end, b[i] == 0x2D, b[i + 1] == 0x20 { i += 2; skipSpaces() }
        var time: Double?
        if let (t, e) = timestamp(b, i, end) {
            time = t
            i = e
            skipSpaces()
            if i < end, b[i] == 0x2D || b[i] == 0x7C { i += 1; skipSpaces() }  // "00:01 - Dana:" / "00:01 | Dana:"
        }
        // The name: letters, digits, spaces and a few marks; a time in brackets may follow.
        let nameStart = i
        guard i < end, isLetter(b[i]) else { return nil }
        var nameEnd = i
        var words = 1
        var trailingTime: Double?
        while i < end {
            let c = b[i]
            if c == 0x3A { break }  // ':'
            if c == 0x20 || c == 0x09 {
                // A double space or a time after the name ends it ("Dana  00:01:23").
                var j = i
                while j < end, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j < end, let (t, e) = timestamp(b, j, end) {
                    trailingTime = t
                    i = e
                    break
                }
                if j < end, b[j] == 0x3A { i = j; break }
                words += 1
                if words > 4 { return nil }
                i = j
                continue
            }
            if isLetter(c) || isDigit(c) || c == 0x2E || c == 0x2D || c == 0x5F || c == 0x27 || c == 0x26 || c >= 0x80 {
                i += 1
                nameEnd = i
                continue
            }
            if c == 0x28 || c == 0x5B {  // "Dana (00:01:23):" or "Dana (Ops):"
                if let (t, e) = timestamp(b, i, end) {
                    trailingTime = t
                    i = e
                    break
                }
                let close: UInt8 = c == 0x28 ? 0x29 : 0x5D
                var j = i + 1
                while j < end, b[j] != close, j - i < 24 { j += 1 }
                guard j < end, b[j] == close else { return nil }
                i = j + 1
                nameEnd = i
                continue
            }
            return nil
        }
        if nameEnd - nameStart > 48 || nameEnd == nameStart { return nil }
        let name = String(decoding: b[nameStart..<nameEnd], as: UTF8.self).trimmingSpaces
        if name.isEmpty || notNames.contains(name.lowercased()) || name.lowercased().hasPrefix("http") { return nil }
        if !looksLikeName(name) { return nil }
        if trailingTime != nil { time = trailingTime }
        skipSpaces()
        if i < end, b[i] == 0x3A {
            i += 1
            // "Dana:" must be followed by a space or the end of the line (not "10:30", "http://").
            guard i >= end || b[i] == 0x20 || b[i] == 0x09 else { return nil }
            skipSpaces()
            return Match(name: name, time: time, textStart: i, headerOnly: i >= end)
        }
        // A header line on its own needs a time: "00:01:23 Dana", "Dana  00:01:23".
        if i >= end, time != nil, words <= 4 {
            return Match(name: name, time: time, textStart: end, headerOnly: true)
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
