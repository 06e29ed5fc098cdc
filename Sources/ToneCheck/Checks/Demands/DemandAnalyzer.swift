import Foundation

/// One sentence of a segment as the demand checks see it.
struct DemandSentence {
    /// Byte range in the segment.
    var range: Range<Int>
    /// Words (only for sentences with a cue; empty otherwise).
    var words: [DemandWord]
    /// Number of word and number tokens.
    var wordCount: Int
    /// How it requests something, if it does.
    var request: Request.Kind?
    var modal = false
    var please = false
    var reason = false
    var deadlines: [Deadline] = []
}

/// Finds requests, their softeners and deadlines in a segment. Sentences are split on
/// the tokens already made; only sentences holding a cue word are looked at closely.
public enum DemandAnalyzer {
    /// Requests in `text`, with softeners and deadlines resolved against `reference`.
    public static func requests(in text: String, reference: ReferenceTime, calendar: BusinessCalendar = BusinessCalendar(), lexicon: DemandLexicon) -> [Request] {
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokenize(bytes)
        let a = analyze(bytes, tokens, reference: reference, calendar: calendar, lexicon: lexicon)
        return requests(a, bytes: bytes)
    }

    struct Analysis {
        var sentences: [DemandSentence]
        var offer = false
        var acknowledgement = false
        var reason = false
        /// By sentence: for a request, the deadlines attached to it (its own, and those of a
        /// short sentence after it); nil for other sentences.
        var attached: [[Deadline]?] = []
    }

    static func requests(_ a: Analysis, bytes: [UInt8]) -> [Request] {
        var out: [Request] = []
        for (i, s) in a.sentences.enumerated() {
            guard let kind = s.request else { continue }
            var soft = Set<Request.Softener>()
            if s.please { soft.insert(.please) }
            if s.modal { soft.insert(.modal) }
            if s.reason || (i > 0 && a.sentences[i - 1].reason) || (i + 1 < a.sentences.count && a.sentences[i + 1].reason) { soft.insert(.reason) }
            if a.offer { soft.insert(.offer) }
            if a.acknowledgement { soft.insert(.acknowledgement) }
            let deadlines = a.attached[i] ?? []
            out.append(Request(
                kind: kind, text: String(decoding: bytes[s.range], as: UTF8.self), range: s.range, softeners: soft,
                deadlines: deadlines, isUrgent: deadlines.contains { $0.kind == .immediate }))
        }
        return out
    }

    /// Splits tokens into sentences: at `.`, `!`, `?` (not inside `5.30` or `p.m.`), paragraph
    /// breaks, and a capitalised word that starts a line.
    static func sentences(_ bytes: [UInt8], _ tokens: [Token]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = tokens.count
        var start = 0
        func close(_ end: Int) {
            if end > start { out.append(start..<end) }
            start = end
        }
        bytes.withUnsafeBufferPointer { text in
            for i in 0..<n {
                let t = tokens[i]
                if t.kind == .paragraphBreak {
                    close(i)
                    start = i + 1
                    continue
                }
                if i > start, t.isWord, t.uppercase > 0, Checker.startsLine(text, Int(t.start)) { close(i) }
                if t.endsSentence {
                    if t.hash == Token.period, i > 0, i + 1 < n, tokens[i - 1].end == t.start, tokens[i + 1].start == t.end, tokens[i + 1].isWord { continue }
                    close(i + 1)
                }
            }
        }
        close(n)
        return out
    }

    static func analyze(_ bytes: [UInt8], _ tokens: [Token], reference: ReferenceTime, calendar: BusinessCalendar, lexicon lx: DemandLexicon) -> Analysis {
        var a = Analysis(sentences: [])
        for r in sentences(bytes, tokens) {
            var wc = 0, cue = false, anchor = false
            for k in r {
                if tokens[k].isWord { wc += 1 }
                if !cue, lx.cues.contains(tokens[k].hash) { cue = true }
                if !anchor, DeadlineParser.mayAnchor(tokens[k], bytes) { anchor = true }
            }
            guard wc > 0 else { continue }
            let range = Int(tokens[r.lowerBound].start)..<Int(tokens[r.upperBound - 1].end)
            var s = DemandSentence(range: range, words: [], wordCount: wc)
            if cue {
                // Text only for deadline parsing; list bits so each phrase list skips
                // words that start none of its phrases.
                s.words = DemandWord.make(tokens[r], firstWords: lx.firstWords)
                let softeners = lx.softeners.tags(in: s.words)
                s.please = softeners & 1 != 0
                s.reason = softeners & 2 != 0
                if softeners & 4 != 0 { a.offer = true }
                if softeners & 8 != 0 { a.acknowledgement = true }
                if s.reason { a.reason = true }
                classify(&s, lx)
                if anchor { s.deadlines = DeadlineParser.deadlines(s.words, bytes: bytes, reference: reference, calendar: calendar) }
            }
            a.sentences.append(s)
        }
        a.attached = [[Deadline]?](repeating: nil, count: a.sentences.count)
        for i in a.sentences.indices where a.sentences[i].request != nil {
            var d = a.sentences[i].deadlines
            if i + 1 < a.sentences.count, a.sentences[i + 1].request == nil, a.sentences[i + 1].wordCount <= 5 { d += a.sentences[i + 1].deadlines }
            a.attached[i] = d
        }
        return a
    }

    static let comma = TokenHash.of(",")
    static let would = TokenHash.of("would")
    /// Needs softened by a modal ("I'd like", "we'd need", "would need").
    static let modalNeeds = TokenSet(words: ["i'd", "we'd", "would"])

    /// Decides whether a sentence makes a request and how (its softeners already found).
    static func classify(_ s: inout DemandSentence, _ lx: DemandLexicon) {
        let w = s.words
        var k = 0
        // Skip punctuation, a greeting up to its comma, a name followed by a comma, and fillers (please, just).
        var guardSteps = 0
        while k < w.count, guardSteps < 12 {
            guardSteps += 1
            if w[k].kind == .punctuation { k += 1; continue }
            if lx.greetings.contains(w[k].hash), let comma = w[k..<min(w.count, k + 5)].firstIndex(where: { $0.hash == comma }) { k = comma + 1; continue }
            if lx.skips.contains(w[k].hash) { k += 1; continue }
            if k + 1 < w.count, w[k + 1].hash == comma, lx.starts.match(w, at: k) == nil, lx.questions.match(w, at: k) == nil { k += 2; continue }
            break
        }
        guard k < w.count else { return }
        if lx.questions.match(w, at: k) != nil {
            s.request = .question
            s.modal = lx.modalQuestions.match(w, at: k) != nil
            return
        }
        if lx.needs.match(w, at: k) != nil, lx.exclusions.match(w, at: k) == nil {
            s.request = .need
            return
        }
        if lx.starts.match(w, at: k) != nil {
            s.request = lx.needStarts.contains(w[k].hash) ? .need : .imperative
            return
        }
        if let (a, _) = lx.needs.firstMatch(w, where: { lx.exclusions.match(w, at: $0) == nil }) {
            s.request = .need
            s.modal = modalNeeds.contains(w[a].hash) || (a + 1 < w.count && w[a + 1].hash == would)
            return
        }
        // A question request later in a question ("…, but would you please point me to…?").
        if w.contains(where: { $0.hash == Token.question }) {
            if let (a, _) = lx.questions.firstMatch(w, where: { $0 > k }) {
                s.request = .question
                s.modal = lx.modalQuestions.match(w, at: a) != nil
                return
            }
        }
        if s.please { s.request = .imperative }
    }
}
