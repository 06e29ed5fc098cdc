import Foundation

/// One sentence of a segment as the demand checks see it. Plain data: its words and
/// deadlines are ranges into the arrays of the `Analysis`.
struct DemandSentence {
    /// Byte range in the segment.
    var range: Range<Int>
    /// Its tokens, whose words `Analysis.words(_:_:_:)` gives (only for sentences with a cue; empty otherwise).
    var words: Range<Int>
    /// The `lists` bits of its words, or'ed (0 without a cue): a phrase list none of them starts is not tried.
    var bits: UInt64 = 0
    /// Number of word and number tokens.
    var wordCount: Int
    /// How it requests something, if it does.
    var request: Request.Kind?
    var modal = false
    var please = false
    var reason = false
    /// Its deadlines in `Analysis.deadlines`.
    var deadlines: Range<Int> = 0..<0
}

/// The words of one sentence, read in place off its tokens and their `wordInfo` (no word is
/// copied): word `i` is token `i`, with `lists[i]` as its `lists`. Only the fields a reader
/// uses are loaded.
struct SentenceWords: RandomAccessCollection {
    typealias Indices = Range<Int>
    let tokens: UnsafeBufferPointer<Token>
    /// Per token: its `wordInfo`, with the anchor flag for a number or a word starting with a digit.
    let lists: UnsafeBufferPointer<UInt64>

    var startIndex: Int { 0 }
    var endIndex: Int { tokens.count }

    @inline(__always)
    subscript(i: Int) -> DemandWord {
        let t = tokens[i]
        return DemandWord(start: Int(t.start), end: Int(t.end), kind: t.kind, hash: t.hash, lists: lists[i])
    }
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
        /// Per token: its `wordInfo`, with the anchor flag for a number or a word starting with
        /// a digit; then any left from an earlier segment (never read).
        var lists: [UInt64] = []
        var sentences: [DemandSentence] = []
        /// The deadlines of every sentence, in sentence order.
        var deadlines: [Deadline] = []
        var offer = false
        var acknowledgement = false
        var reason = false

        /// The deadlines of `s`.
        func deadlines(_ s: DemandSentence) -> ArraySlice<Deadline> { deadlines[s.deadlines] }

        /// `body` of the words of `s` (none for a sentence without a cue); `tokens`: the
        /// segment's, as analysed.
        func words<R>(_ s: DemandSentence, _ tokens: [Token], _ body: (SentenceWords) -> R) -> R {
            tokens.withUnsafeBufferPointer { tk in
                lists.withUnsafeBufferPointer { l in
                    body(SentenceWords(tokens: UnsafeBufferPointer(rebasing: tk[s.words]), lists: UnsafeBufferPointer(rebasing: l[s.words])))
                }
            }
        }

        /// For a request, sentence `i`, the deadlines attached to it (its own, and those of a
        /// short sentence after it); nil for other sentences. (Worked out when asked, not
        /// kept per sentence: most sentences are not requests, and most requests have no
        /// deadline, so this is usually no array at all.)
        func attached(_ i: Int) -> [Deadline]? {
            guard sentences[i].request != nil else { return nil }
            var d = Array(deadlines[sentences[i].deadlines])
            if i + 1 < sentences.count, sentences[i + 1].request == nil, sentences[i + 1].wordCount <= 5 { d += deadlines[sentences[i + 1].deadlines] }
            return d
        }
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
            let deadlines = a.attached(i) ?? []
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
        out.reserveCapacity(tokens.count / 8 + 1)
        bytes.withUnsafeBufferPointer { text in
            tokens.withUnsafeBufferPointer { tk in
                eachSentence(text, tk) { out.append($0) }
            }
        }
        return out
    }

    /// `sentences(_:_:)`, handed to `body` one at a time (no list made).
    @inline(__always)
    static func eachSentence(_ text: UnsafeBufferPointer<UInt8>, _ tk: UnsafeBufferPointer<Token>, _ body: (Range<Int>) -> Void) {
        let n = tk.count
        var start = 0
        for i in 0..<n {
            let t = tk[i]
            if t.kind == .paragraphBreak {
                if i > start { body(start..<i) }
                start = i + 1
                continue
            }
            if i > start, t.isWord, t.uppercase > 0, Checker.startsLine(text, Int(t.start)) {
                body(start..<i)
                start = i
            }
            if t.endsSentence {
                if Tokenizer.periodContinuesSentence(tk, i) { continue }
                if i + 1 > start { body(start..<(i + 1)) }
                start = i + 1
            }
        }
        if n > start { body(start..<n) }
    }

    /// Whether any of `tokens` is a request cue. Requests, and the deadlines, urgency and
    /// threats that count only next to one, are looked for in sentences with a cue, so a
    /// segment without one (most subject lines, many short replies) needs no analysis.
    static func hasCue(_ tokens: [Token], lexicon lx: DemandLexicon) -> Bool {
        lx.wordInfo.withLookup { table in tokens.contains { (table.get($0.hash) ?? 0) & DemandLexicon.cueFlag != 0 } }
    }

    /// The analysis of one segment. Its `lists` array is `buffer`'s storage: the checker
    /// passes the thread's array from the last segment and takes it back from the analysis,
    /// so no array is allocated and freed per segment. (Only grown, never cleared: this
    /// segment's tokens overwrite the front, and nothing reads past them.)
    ///
    /// `allSofteners` false is what the checker's findings need: whether any sentence gives
    /// a reason (so, once one does, no later sentence is searched for a reason, an offer or
    /// an acknowledgement, and their `reason`, `offer` and `acknowledgement` stay false).
    static func analyze(
        _ bytes: [UInt8], _ tokens: [Token], reference: ReferenceTime, calendar: BusinessCalendar, lexicon lx: DemandLexicon, buffer: consuming [UInt64] = [],
        allSofteners: Bool = true
    ) -> Analysis {
        var offer = false, acknowledgement = false, anyReason = false
        var deadlines: [Deadline] = []
        var sentences: [DemandSentence] = []
        sentences.reserveCapacity(tokens.count / 8 + 1)
        let cueFlag = DemandLexicon.cueFlag, anchorFlag = DemandLexicon.anchorFlag
        var lists = consume buffer
        if lists.count < tokens.count { lists.append(contentsOf: repeatElement(0, count: tokens.count - lists.count)) }
        bytes.withUnsafeBufferPointer { text in
            tokens.withUnsafeBufferPointer { tk in
                lists.withUnsafeMutableBufferPointer { buf in
                    split(text, tk, lx, lists: buf, into: &sentences)
                    // Then the sentences with a cue.
                    sentences.withUnsafeMutableBufferPointer { all in
                        for i in all.indices where all[i].bits & cueFlag != 0 {
                            var s = all[i]
                            let bits = s.bits
                            let w = SentenceWords(tokens: UnsafeBufferPointer(rebasing: tk[s.words]), lists: UnsafeBufferPointer(rebasing: buf[s.words]))
                            // (No call when no word starts a "please" phrase, as in most sentences.)
                            let pleaseBit = lx.please.bit
                            s.please = (pleaseBit == 0 || bits & pleaseBit != 0) && lx.please.contains(w, bits: bits)
                            if allSofteners || !anyReason {
                                // (No call when no word starts a softener.)
                                let softenerBit = lx.softeners.bit
                                let softeners = softenerBit != 0 && bits & softenerBit == 0 ? 0 : lx.softeners.tags(in: w, bits: bits)
                                s.reason = softeners & 1 != 0
                                if softeners & 2 != 0 { offer = true }
                                if softeners & 4 != 0 { acknowledgement = true }
                                if s.reason { anyReason = true }
                            }
                            classify(&s, w, lx)
                            if bits & anchorFlag != 0 {
                                let first = deadlines.count
                                DeadlineParser.deadlines(w, text, reference: reference, calendar: calendar, into: &deadlines)
                                if deadlines.count > first { s.deadlines = first..<deadlines.count }
                            }
                            all[i] = s
                        }
                    }
                }
            }
        }
        return Analysis(lists: lists, sentences: sentences, deadlines: deadlines, offer: offer, acknowledgement: acknowledgement, reason: anyReason)
    }

    /// The first pass of `analyze`, over every token and making no word: the sentences of
    /// `tk` as `eachSentence` splits them, those holding a word appended to `out` with their
    /// byte range and word count. Each token's `wordInfo` (one table lookup, which for most
    /// words ends at an empty slot), with the anchor flag for a number or a word starting
    /// with a digit, is written to `lists`, and or'ed per sentence. A sentence with a cue gets its token range as `words` and that or in `bits`;
    /// one without gets no words and no bits. (Its own function, apart from the work on cue
    /// sentences, so this loop keeps its state in registers.)
    static func split(
        _ text: UnsafeBufferPointer<UInt8>, _ tk: UnsafeBufferPointer<Token>, _ lx: DemandLexicon, lists buf: UnsafeMutableBufferPointer<UInt64>,
        into out: inout [DemandSentence]
    ) {
        lx.wordInfo.withLookup { table in
            let cueFlag = DemandLexicon.cueFlag
            @inline(__always) func close(_ r: Range<Int>, _ wc: Int, _ bits: UInt64) {
                guard wc > 0 else { return }
                let range = Int(tk[r.lowerBound].start)..<Int(tk[r.upperBound - 1].end)
                let cue = bits & cueFlag != 0
                out.append(DemandSentence(range: range, words: cue ? r : r.lowerBound..<r.lowerBound, bits: cue ? bits : 0, wordCount: wc))
            }
            let n = tk.count
            var start = 0, wc = 0, bits: UInt64 = 0
            for k in 0..<n {
                let t = tk[k]
                var anchor: UInt64 = 0
                if t.kind == .paragraphBreak {
                    if k > start { close(start..<k, wc, bits) }
                    start = k + 1
                    wc = 0
                    bits = 0
                    continue
                }
                if t.kind == .word || t.kind == .number {
                    if k > start, t.uppercase > 0, Checker.startsLine(text, Int(t.start)) {
                        close(start..<k, wc, bits)
                        start = k
                        wc = 0
                        bits = 0
                    }
                    wc &+= 1
                    // (Only a word or a number can start with a digit.)
                    if startsWithDigit(t, text) { anchor = DemandLexicon.anchorFlag }
                }
                let v = (table.get(t.hash) ?? 0) | anchor
                buf[k] = v
                bits |= v
                if t.kind == .punctuation && (t.hash == Token.period || t.hash == Token.exclamation || t.hash == Token.question) {
                    if Tokenizer.periodContinuesSentence(tk, k) { continue }
                    close(start..<(k + 1), wc, bits)
                    start = k + 1
                    wc = 0
                    bits = 0
                }
            }
            if n > start { close(start..<n, wc, bits) }
        }
    }

    /// Whether token `t` is a number or a word starting with a digit: it may anchor a deadline.
    /// (A token all of whose bytes are letters starts with none: its text is not read.)
    @inline(__always)
    static func startsWithDigit(_ t: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.kind == .number { return true }
        let start = Int(t.start), length = Int(t.end) - start
        return Int(t.letters) != length && length > 0 && start < text.count && text[start] &- 0x30 < 10
    }

    // Literals (a test checks them): a computed global is a lazy-initialisation check per read.
    static let comma: UInt64 = DeadlineWords.comma
    static let would: UInt64 = 0x7AA8_EE5E_8B93_B862
    /// Needs softened by a modal ("I'd like", "we'd need", "would need").
    static let modalNeeds = TokenSet(words: ["i'd", "we'd", "would"])

    /// Decides whether a sentence makes a request and how (its softeners already found).
    static func classify(_ s: inout DemandSentence, _ w: SentenceWords, _ lx: DemandLexicon) {
        // Each list's bit, tested here before its `match`: most words start no phrase of a
        // list, and calling `match` on a list of `lx` copies the list first.
        let startBit = lx.starts.bit, questionBit = lx.questions.bit, needBit = lx.needs.bit
        @inline(__always) func may(_ bit: UInt64, _ i: Int) -> Bool { bit == 0 || w[i].lists & bit != 0 }
        var k = 0
        // Skip punctuation, a greeting up to its comma, a name followed by a comma, and fillers (please, just).
        var guardSteps = 0
        while k < w.count, guardSteps < 12 {
            guardSteps += 1
            if w[k].kind == .punctuation { k += 1; continue }
            // (Greetings and skips by their `wordInfo` flags, which the words' `lists` hold.)
            if w[k].lists & DemandLexicon.greetingFlag != 0, let comma = w[k..<min(w.count, k + 5)].firstIndex(where: { $0.hash == comma }) { k = comma + 1; continue }
            if w[k].lists & DemandLexicon.skipFlag != 0 { k += 1; continue }
            if k + 1 < w.count, w[k + 1].hash == comma, !may(startBit, k) || lx.starts.match(w, at: k) == nil, !may(questionBit, k) || lx.questions.match(w, at: k) == nil { k += 2; continue }
            break
        }
        guard k < w.count else { return }
        if may(questionBit, k), lx.questions.match(w, at: k) != nil {
            s.request = .question
            s.modal = lx.modalQuestions.match(w, at: k) != nil
            return
        }
        if may(needBit, k), lx.needs.match(w, at: k) != nil, lx.exclusions.match(w, at: k) == nil {
            s.request = .need
            return
        }
        if may(startBit, k), lx.starts.match(w, at: k) != nil {
            s.request = lx.needStarts.contains(w[k].hash) ? .need : .imperative
            return
        }
        if let (a, _) = lx.needs.firstMatch(w, bits: s.bits, where: { lx.exclusions.match(w, at: $0) == nil }) {
            s.request = .need
            s.modal = modalNeeds.contains(w[a].hash) || (a + 1 < w.count && w[a + 1].hash == would)
            return
        }
        // A question request later in a question ("…, but would you please point me to…?").
        // (Whether it holds a question mark is a bit of the sentence's `bits`.)
        if questionBit == 0 || s.bits & questionBit != 0, s.bits & DemandLexicon.questionFlag != 0 {
            if let (a, _) = lx.questions.firstMatch(w, bits: s.bits, where: { $0 > k }) {
                s.request = .question
                s.modal = lx.modalQuestions.match(w, at: a) != nil
                return
            }
        }
        if s.please { s.request = .imperative }
    }
}
