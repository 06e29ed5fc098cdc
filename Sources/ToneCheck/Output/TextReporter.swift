/// Compiler-style output: `path:line:col: severity: message [rule-id]`, the source line
/// with the match underlined, the suggestion, then the document's score.
public struct TextReporter: Reporter {
    /// Use ANSI colours.
    public var color: Bool
    /// Show politeness credits as well as problems.
    public var showCredits: Bool
    /// Show the score line after each document.
    public var showScore: Bool

    /// Creates a text reporter.
    public init(color: Bool = false, showCredits: Bool = false, showScore: Bool = true) {
        self.color = color
        self.showCredits = showCredits
        self.showScore = showScore
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// Nothing before the first document.
    public mutating func begin() -> String { "" }

    /// Each document's text stands alone.
    public var rendersDocumentsIndependently: Bool { true }

    /// Findings and score of one document.
    public mutating func document(_ r: DocumentReport) -> String {
        let name = r.document.path ?? r.document.id ?? "<stdin>"
        var out = ""
        if let error = r.error {
            let line = r.warnings.first?.line.map { ":\($0)" } ?? ""
            return "\(name)\(line): \(paint("error", "1;31")): \(error)\n"
        }
        if r.document.format != "text", let header = messageHeader(r.document, name: name) {
            out += paint(header, "1") + "\n"
        }
        var lastSpeaker: String?
        var ordered = r.findings
        if let t = r.speakers {
            // A transcript: group findings by speaker (in order of first appearance), whole-call findings last.
            let rank = Dictionary(uniqueKeysWithValues: t.speakers.enumerated().map { ($1.name, $0) })
            ordered = r.findings.enumerated().sorted {
                (rank[$0.element.speaker ?? ""] ?? Int.max, $0.offset) < (rank[$1.element.speaker ?? ""] ?? Int.max, $1.offset)
            }.map(\.element)
        }
        for f in ordered where showCredits || !f.isCredit {
            if let sp = f.speaker ?? (r.speakers != nil ? "whole call" : nil), sp != lastSpeaker {
                out += paint("\(sp):", "1") + "\n"
                lastSpeaker = sp
            }
            let sev: String
            switch f.severity {
            case .error: sev = paint("error", "1;31")
            case .warning: sev = paint("warning", "1;33")
            case .info: sev = f.isCredit ? paint("credit", "1;32") : paint("info", "1;36")
            }
            out += "\(name):\(f.start.line):\(f.start.column): \(sev): \(f.message) \(paint("[\(f.ruleID)]", "2"))\n"
            out += excerpt(f, r.document)
            if let s = f.suggestions.first, !f.isCredit {
                out += "    " + paint("suggestion:", "32") + " \(s)" + (f.fix != nil ? " (fixable)" : "") + "\n"
            }
        }
        if showScore {
            let cats = Category.allCases.map { "\($0.rawValue) \(Int(r.score.categories[$0] ?? 100))" }.joined(separator: ", ")
            var head = "\(name): score \(Int(r.score.overall.rounded(.down)))/100 (\(r.score.label))"
            if let subject = r.document.metadata.subject, r.document.format != "text" { head += " — \(subject)" }
            out += paint(head, "1") + " — \(cats)\n"
            if let t = r.speakers { out += speakerTable(t) }
        }
        return out
    }

    /// The per-speaker table, the sides and the trajectory of a transcript.
    func speakerTable(_ t: TranscriptSummary) -> String {
        guard !t.speakers.isEmpty else { return "" }
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let c = s.count
            if c >= n { return s }
            return right ? String(repeating: " ", count: n - c) + s : s + String(repeating: " ", count: n - c)
        }
        func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        func time(_ s: Double?) -> String {
            guard let s, s.isFinite, s < 1e12 else { return "-" }
            let v = Int(s.rounded())
            return v >= 60 ? "\(v / 60)m\(pad(String(v % 60), 2, right: true).replacingOccurrences(of: " ", with: "0"))s" : "\(v)s"
        }
        let width = max(8, t.speakers.map(\.name.count).max() ?? 8)
        let hasSides = t.speakers.contains { $0.side != nil }
        let sideWidth = max(5, t.speakers.compactMap(\.side).map(\.count).max() ?? 5)
        var out = "  " + pad("speaker", width) + (hasSides ? "  " + pad("side", sideWidth) : "")
        out += "  score  words  share   time  turns  cut in  cut off  questions  demands\n"
        for s in t.speakers {
            out += "  " + pad(s.name, width) + (hasSides ? "  " + pad(s.side ?? "", sideWidth) : "")
            out += "  " + pad(String(Int(s.score.rounded(.down))), 5, right: true) + "  " + pad(String(s.words), 5, right: true)
            out += "  " + pad(pct(s.share), 5, right: true) + "  " + pad(time(s.seconds), 5, right: true)
            out += "  " + pad(String(s.turns), 5, right: true) + "  " + pad(String(s.interruptionsMade), 6, right: true)
            out += "  " + pad(String(s.interruptionsReceived), 7, right: true) + "  " + pad(String(s.questions), 9, right: true)
            out += "  " + pad(String(s.demands), 7, right: true) + "\n"
        }
        for side in t.sides {
            out += "  side \(side.name) (\(side.speakers.joined(separator: ", "))): score \(Int(side.score.rounded(.down))), \(pct(side.share)) of words"
            out += ", \(side.interruptionsMade) interruptions made, \(side.demands) demands\n"
        }
        if !t.trajectory.isEmpty {
            out += "  trajectory: " + t.trajectory.map { "\($0.name) \(Int($0.score.rounded(.down)))" }.joined(separator: " → ") + "\n"
        }
        return out
    }

    /// For a message: `name#index: <message-id> · from · date (as written) · "subject"`, leaving out
    /// what is unknown; nil when the document carries none of it.
    func messageHeader(_ d: Document, name: String) -> String? {
        let m = d.metadata
        var parts: [String] = []
        if let id = m.messageID { parts.append(id) }
        if let from = m.from { parts.append("from \(from)") }
        if let t = m.dateText { parts.append(t) } else if let date = m.date { parts.append(ISO8601.string(date, offset: m.dateOffsetSeconds)) }
        if let s = m.subject { parts.append("“\(s)”") }
        if parts.isEmpty { return nil }
        let index = m.extra["index"].map { "#\($0)" } ?? ""
        return "\(name)\(index): " + parts.joined(separator: " · ")
    }

    /// The source line of a finding with the match underlined.
    func excerpt(_ f: Finding, _ doc: Document) -> String {
        guard f.segment < doc.segments.count else { return "" }
        let text = doc.segments[f.segment].text
        var a = f.segmentRange.lowerBound, b = f.segmentRange.lowerBound
        while a > 0, text[a - 1] != 0x0A { a -= 1 }
        while b < text.count, text[b] != 0x0A { b += 1 }
        var lineBytes = Array(text[a..<b])
        if lineBytes.last == 0x0D { lineBytes.removeLast() }
        if lineBytes.count > 400 { return "" }
        let line = String(decoding: lineBytes, as: UTF8.self).replacingOccurrences(of: "\t", with: " ")
        let lead = String(decoding: text[a..<f.segmentRange.lowerBound], as: UTF8.self).unicodeScalars.count
        let endInLine = min(f.segmentRange.upperBound, b)
        let width = max(1, String(decoding: text[f.segmentRange.lowerBound..<max(f.segmentRange.lowerBound, endInLine)], as: UTF8.self).unicodeScalars.count)
        return "    \(line)\n    " + String(repeating: " ", count: lead) + paint(String(repeating: "^", count: width), f.isCredit ? "32" : "31") + "\n"
    }

    /// A one-line total when more than one document was checked.
    public mutating func end(_ s: RunSummary) -> String {
        guard s.documents > 1 else { return "" }
        let e = s.count(.error), w = s.count(.warning), i = s.count(.info)
        var out = "\(s.documents) documents: \(e) errors, \(w) warnings, \(i) info"
        if let low = s.lowestScore { out += "; lowest score \(Int(low))" }
        if s.errors > 0 { out += "; \(s.errors) unreadable" }
        return out + "\n"
    }
}
