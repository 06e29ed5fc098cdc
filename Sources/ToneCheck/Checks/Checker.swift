import Foundation

/// Options that change what is checked.
public struct CheckOptions: Sendable {
    /// Check quoted, forwarded, signature and disclaimer text too (placeholders never).
    public var includeQuoted = false
    /// Severity overrides by rule id or category.
    public var severityOverrides: [String: Severity] = [:]
    /// Transcript speakers' sides (`--speaker-role "Dana=ops,Lee=support"`): name → side.
    public var speakerSides: [String: String] = [:]
    /// When a document without its own date (a `Date` header or call time) was sent;
    /// deadlines are measured from it. Nil means the current time.
    public var referenceTime: ReferenceTime? = nil
    /// Working days, hours, zone and holidays for deadline arithmetic (nil: the defaults).
    public var calendar: BusinessCalendar? = nil
    /// List signal rules' matches (politeness strategies) as findings too. Off by default:
    /// they are then kept as compact `Signal`s, which score the same and cost far less.
    public var reportSignals = false

    /// Defaults: only the author's own words.
    public init(includeQuoted: Bool = false, severityOverrides: [String: Severity] = [:]) {
        self.includeQuoted = includeQuoted
        self.severityOverrides = severityOverrides
    }
}

/// What checking a document produced, before scoring.
public struct CheckResult: Sendable {
    /// Problems and credits, in document order.
    public var findings: [Finding]
    /// Matches of signal rules kept compact instead of as findings (see `Rule.isSignal`).
    public var signals: [Signal] = []
    /// Words in the checked segments.
    public var words: Int
    /// Words not covered by any penalty finding (the length that softens findings).
    public var cleanWords: Int
    /// Warnings met while checking (a regex skipped on an overlong line, ...).
    public var warnings: [Diagnostic]

    /// Creates a result.
    public init(findings: [Finding], signals: [Signal] = [], words: Int, cleanWords: Int, warnings: [Diagnostic]) {
        self.findings = findings
        self.signals = signals
        self.words = words
        self.cleanWords = cleanWords
        self.warnings = warnings
    }
}

/// One match of a signal rule (a politeness strategy), kept without the text, message and
/// positions a `Finding` carries: it scores exactly as the finding would.
public struct Signal: Sendable, Equatable {
    // (The Double first: in this order a signal takes 32 bytes, not 40.)
    /// The context multiplier (intensifier, contrast), as on a finding.
    public var multiplier: Double
    /// Index of the rule in its rule set.
    public var rule: Int32
    /// For a substitution: which `swap` entry matched (in sorted key order).
    public var variant: Int32
    /// Index of the segment in the document.
    public var segment: Int32
    /// Byte range of the match within the segment text.
    public var start: Int32, end: Int32
    /// Whether a negator turned this credit into a penalty ("not helpful").
    public var flipped: Bool

    /// Creates a signal.
    public init(rule: Int32, variant: Int32 = 0, segment: Int32, start: Int32, end: Int32, multiplier: Double = 1, flipped: Bool = false) {
        self.rule = rule
        self.variant = variant
        self.segment = segment
        self.start = start
        self.end = end
        self.multiplier = multiplier
        self.flipped = flipped
    }
}

/// Runs a compiled rule set over documents. Cheap to create; safe to share across threads.
public struct Checker: Sendable {
    /// The compiled rules.
    public let ruleSet: RuleSet
    /// What to check.
    public var options: CheckOptions

    /// Creates a checker.
    public init(ruleSet: RuleSet, options: CheckOptions = CheckOptions()) {
        self.ruleSet = ruleSet
        self.options = options
    }

    struct Match {
        var rule: Int32
        var variant: Int32
        var role: RuleSet.Accept.Role
        var start: Int32  // token index
        var end: Int32  // token index, exclusive
    }

    /// Checks every segment in scope and the document-level rules.
    public func check(_ document: Document) -> CheckResult {
        var findings: [Finding] = []
        var signals: [Signal] = []
        // Prose gives about one signal per 25 bytes: room for them up front, so the list is not
        // copied each time it doubles (a large document's room beyond what it uses is never
        // written to, so it costs no memory).
        var textBytes = 0
        for k in document.segments.indices { textBytes += document.segments[k].text.count }
        signals.reserveCapacity(textBytes > 1 << 16 ? textBytes / 16 : textBytes / 24 + 4)
        var words = 0, clean = 0
        var warnings: [Diagnostic] = []
        // The thread's working arrays, reused for every segment (and the next document).
        let scratch = CheckScratch.take()
        defer { CheckScratch.give(scratch) }
        var tokens: [Token] = []
        swap(&tokens, &scratch.tokens)
        defer { swap(&tokens, &scratch.tokens) }
        var demandState = ruleSet.demands.map { _ in
            DemandState(reference: ReferenceTime.resolve(for: document, fallback: options.referenceTime), calendar: options.calendar ?? BusinessCalendar.standard)
        }
        // Each checked segment's locator, kept for the document-level findings: its line table
        // is built once, on the first finding that needs it.
        var locators: [PositionLocator?] = []
        for (si, segment) in document.segments.enumerated() {
            guard inScope(segment.role) else { continue }
            let locator = PositionLocator(segment)
            if locators.isEmpty { locators = Array(repeating: nil, count: document.segments.count) }
            locators[si] = locator
            // Large segments are checked a chunk at a time, split at blank lines (which
            // end sentences anyway), so working memory stays small and cache-friendly.
            for chunk in Checker.chunks(of: segment.text) {
                tokens.removeAll(keepingCapacity: true)
                tokens.reserveCapacity(chunk.count / 4 + 16)  // (prose: a token per 4-5 bytes; no doubling)
                segment.text.withUnsafeBufferPointer { buf in
                    Tokenizer.tokenize(UnsafeBufferPointer(rebasing: buf[chunk]), offset: Int32(chunk.lowerBound), into: &tokens)
                }
                // (checkSegment marks the tokens of its penalties `counted` in the scratch's
                // flags; the demand findings' byte ranges are added here.)
                checkSegment(
                    segment, index: si, tokens: tokens, locator: locator, into: &findings, signals: &signals, warnings: &warnings, path: document.path,
                    scratch: scratch)
                let afterSegment = findings.count
                if let dr = ruleSet.demands, demandState != nil {
                    demandFindings(segment, index: si, tokens: tokens, locator: locator, demands: dr, state: &demandState!, into: &findings, scratch: scratch)
                }
                var penalties: [Range<Int>] = []
                for f in findings[afterSegment...] where !f.isCredit { penalties.append(f.segmentRange) }
                // (The checker counted words, and words inside its penalties, as it went.)
                var covered = scratch.chunkCovered
                if !penalties.isEmpty { covered += Checker.cover(penalties, tokens: tokens, flags: &scratch.flags) }
                words += scratch.chunkWords
                clean += scratch.chunkWords - covered
            }
            // Bounded regexes, line by line over the whole segment.
            if !ruleSet.regexRules.isEmpty {
                regexFindings(segment, index: si, locator: locator, into: &findings, warnings: &warnings, path: document.path)
            }
        }
        if let dr = ruleSet.demands, let st = demandState, let f = stackedDemandFinding(document, demands: dr, state: st, locators: locators) {
            findings.append(f)
        }
        findings += documentFindings(findings, words: words, document: document, locators: locators)
        return CheckResult(findings: findings, signals: signals, words: words, cleanWords: clean, warnings: warnings)
    }

    func inScope(_ role: SegmentRole) -> Bool {
        if role == .placeholder { return false }
        return options.includeQuoted || RuleInfo.isAuthored(role)
    }

    /// Which rules check text of one segment role, decided once per segment: a rule whose
    /// scope holds the role, or, with `includeQuoted`, for quoted, forwarded, signature and
    /// disclaimer text, a rule whose scope holds an authored role.
    struct RoleFilter {
        let roleBit: UInt32
        let widened: Bool

        @inline(__always)
        func admits(_ info: RuleInfo) -> Bool { info.scope & roleBit != 0 || (widened && info.scope & RuleInfo.authored != 0) }
    }

    func roleFilter(_ role: SegmentRole) -> RoleFilter {
        RoleFilter(roleBit: RuleInfo.bit(role), widened: options.includeQuoted && role != .placeholder && !RuleInfo.isAuthored(role))
    }

    /// Whether rule `ri` checks text of `role` (see `RoleFilter`).
    func ruleApplies(_ ri: Int, to role: SegmentRole) -> Bool { roleFilter(role).admits(ruleSet.info[ri]) }

    // MARK: - One segment

    /// Byte ranges (within their segment) of the penalties among findings and signals of
    /// one segment: what does not count as clean text.
    static func penaltyRanges(findings: ArraySlice<Finding>, signals: ArraySlice<Signal>, rules: [Rule]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for f in findings where !f.isCredit { ranges.append(f.segmentRange) }
        for s in signals where s.flipped || !rules[Int(s.rule)].isCredit { ranges.append(Int(s.start)..<Int(s.end)) }
        return ranges
    }

    /// Words among `tokens`, and those not inside any of the `penalties` byte ranges.
    static func wordCounts(_ tokens: [Token], penalties: [Range<Int>]) -> (words: Int, clean: Int) {
        var segWords = 0, covered = 0
        let ranges = penalties.sorted { $0.lowerBound < $1.lowerBound }
        // Sweep tokens and ranges (sorted by start) together, tracking the furthest end.
        var ri = 0, coveredTo = Int.min
        for t in tokens where t.isWord {
            segWords += 1
            let s = Int(t.start)
            while ri < ranges.count, ranges[ri].lowerBound <= s {
                coveredTo = max(coveredTo, ranges[ri].upperBound)
                ri += 1
            }
            if s < coveredTo { covered += 1 }
        }
        return (segWords, segWords - covered)
    }

    /// Marks `counted` in `flags` (one per token) the words whose start lies in one of the
    /// byte ranges `penalties`, and returns how many were not marked before: with the words
    /// the checker marked, the covered words of `wordCounts(_:penalties:)`.
    static func cover(_ penalties: [Range<Int>], tokens: [Token], flags: inout [UInt8]) -> Int {
        var newly = 0
        let counted = CheckScratch.counted
        for r in penalties {
            // The first token starting at or after the range's start (tokens are in order).
            var lo = 0, hi = tokens.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(tokens[mid].start) < r.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var k = lo
            while k < tokens.count, Int(tokens[k].start) < r.upperBound {
                if tokens[k].isWord, flags[k] & counted == 0 {
                    flags[k] |= counted
                    newly += 1
                }
                k += 1
            }
        }
        return newly
    }

    /// Target size of a chunk of a large segment.
    static let chunkSize = 1 << 18

    /// Byte ranges covering `text`: the whole text when small, else pieces of about
    /// `chunkSize` ending at a blank line.
    static func chunks(of text: [UInt8]) -> [Range<Int>] {
        let n = text.count
        if n <= chunkSize { return [0..<n] }
        var out: [Range<Int>] = []
        var start = 0
        text.withUnsafeBufferPointer { b in
            while start < n {
                var end = min(n, start + chunkSize)
                if end < n {
                    // Only at a blank line, which ends every sentence, so no sentence is
                    // cut; a text without one stays a single chunk. (The demand checks that
                    // look past a sentence, to a request in the next one or a reason anywhere
                    // in the message, look only within their chunk: README says so.)
                    var cut = n
                    var k = end
                    while k < n - 1 {
                        if b[k] == 0x0A && b[k + 1] == 0x0A { cut = k + 2; break }
                        if b[k] == 0x0A && b[k + 1] == 0x0D && k + 2 < n && b[k + 2] == 0x0A { cut = k + 3; break }
                        k += 1
                    }
                    end = cut
                }
                out.append(start..<end)
                start = end
            }
        }
        return out
    }

    func checkSegment(
        _ segment: Segment, index si: Int, tokens: [Token], locator: PositionLocator, into findings: inout [Finding], signals: inout [Signal],
        warnings: inout [Diagnostic], path: String?, scratch: CheckScratch
    ) {
        let n = tokens.count
        let rs = ruleSet
        let rules = rs.rules
        // Per-token arrays from the thread's scratch (moved out, so each is uniquely held and
        // reused without copying; moved back at the end), written through pointers: the
        // optimiser cannot see that arrays swapped out of a class are unique, and would
        // check on every write.
        var exact: [Int32] = [], group: [Int32] = [], sentence: [Int32] = [], flags: [UInt8] = [], questions: [Bool] = []
        var sortBuffer: [Match] = [], unlessHits: [(sentence: Int32, rule: Int32)] = [], counts: [Int] = []
        var kept: [Match] = []
        swap(&exact, &scratch.exact)
        swap(&group, &scratch.group)
        swap(&sentence, &scratch.sentence)
        swap(&flags, &scratch.flags)
        swap(&questions, &scratch.questions)
        swap(&sortBuffer, &scratch.sorted)
        swap(&unlessHits, &scratch.unlessHits)
        swap(&counts, &scratch.counts)
        swap(&kept, &scratch.kept)
        // Token indices, ascending, of contrast words, all-caps words and '!'/'?' marks; the
        // trie walk's matches and stack (moved out of the scratch as the arrays are).
        var contrastWords = GrowableBuffer<Int32>(), capsWords = GrowableBuffer<Int32>()
        var marks = GrowableBuffer<Int32>()
        var matchList = GrowableBuffer<Match>(), walkStack = GrowableBuffer<(node: Int32, pos: Int32)>()
        swap(&contrastWords, &scratch.contrastWords)
        swap(&capsWords, &scratch.capsWords)
        swap(&marks, &scratch.marks)
        swap(&matchList, &scratch.matchList)
        swap(&walkStack, &scratch.walkStack)
        defer {
            swap(&exact, &scratch.exact)
            swap(&group, &scratch.group)
            swap(&sentence, &scratch.sentence)
            swap(&flags, &scratch.flags)
            swap(&questions, &scratch.questions)
            swap(&sortBuffer, &scratch.sorted)
            swap(&unlessHits, &scratch.unlessHits)
            swap(&counts, &scratch.counts)
            swap(&kept, &scratch.kept)
            swap(&contrastWords, &scratch.contrastWords)
            swap(&capsWords, &scratch.capsWords)
            swap(&marks, &scratch.marks)
            swap(&matchList, &scratch.matchList)
            swap(&walkStack, &scratch.walkStack)
        }
        // (The first pass below writes every token's keys and sentence: sized, not filled.)
        CheckScratch.resize(&exact, n)
        CheckScratch.resize(&group, n)
        CheckScratch.resize(&sentence, n)
        CheckScratch.fill(&flags, 0, n + 1)  // one past the last token: no contrast from there
        CheckScratch.fill(&questions, false, n + 1)  // by sentence: ends with "?"
        unlessHits.removeAll(keepingCapacity: true)
        let sentenceStartFlag = CheckScratch.sentenceStart, contrastFlag = CheckScratch.contrastWord
        let inPenaltyFlag = CheckScratch.inPenalty, contrastBeforeFlag = CheckScratch.contrastBefore, contrastFromFlag = CheckScratch.contrastFrom
        let countedFlag = CheckScratch.counted
        // Vocabulary keys, sentence numbers and flags, once per token: one lexicon probe
        // gives the keys and the word's class (negator, contrast, intensifier).
        let lexicon = rs.lexicon
        // Words, and words inside a penalty (marked `counted` below), for the clean-word count.
        var wordCount = 0, covered = 0
        defer {
            scratch.chunkWords = wordCount
            scratch.chunkCovered = covered
        }
        contrastWords.removeAll()
        capsWords.removeAll()
        marks.removeAll()
        tokens.withUnsafeBufferPointer { tokens in
            segment.text.withUnsafeBufferPointer { text in
                exact.withUnsafeMutableBufferPointer { exact in
                    group.withUnsafeMutableBufferPointer { group in
                        sentence.withUnsafeMutableBufferPointer { sentence in
                            flags.withUnsafeMutableBufferPointer { flags in
                                questions.withUnsafeMutableBufferPointer { questions in
                                    // (`n` > 0: every buffer has storage.)
                                    if n > 0 { lexicon.withLookup { lexicon in
                                        wordCount = Checker.firstPass(
                                            tokens, text: text, lexicon: lexicon, exact: exact.baseAddress!, group: group.baseAddress!,
                                            sentence: sentence.baseAddress!, flags: flags.baseAddress!, questions: questions.baseAddress!,
                                            contrastWords: &contrastWords, capsWords: &capsWords, marks: &marks)
                                    } }
                                }
                            }
                        }
                    }
                }
            }
        }

        // The single pass: walk the trie from every token that is in the vocabulary.
        // (No nested function captures `matches` or `stack`: captured, mutated locals are
        // boxed and every access is checked for exclusivity at run time.)
        // (Room for a match per token up front: no growing while walking.)
        matchList.removeAll(keepingRoomFor: n)
        Checker.walk(rs.trie, tokens: tokens, exact: exact, group: group, into: &matchList, stack: &walkStack)
        let matches = matchList.elements

        // Where an `unless` phrase of a rule occurs: (sentence, rule), in sentence order, as
        // matches come in start order.
        for m in matches where m.role == .unless { unlessHits.append((sentence[Int(m.start)], m.rule)) }
        kept.removeAll(keepingCapacity: true)
        kept.reserveCapacity(matches.count)
        let info = rs.info
        let applies = roleFilter(segment.role)
        var firstHit = 0  // the first unless hit not before the current sentence
        for m in matches where m.role != .unless {
            let ri = info[Int(m.rule)]
            if !applies.admits(ri) { continue }
            let sid = sentence[Int(m.start)]
            if m.role == .sentenceStart && flags[Int(m.start)] & sentenceStartFlag == 0 { continue }
            if ri.question && !questions[Int(sid)] { continue }
            if rs.hasUnless[Int(m.rule)] {
                while firstHit < unlessHits.count, unlessHits[firstHit].sentence < sid { firstHit += 1 }
                var k = firstHit, cancelled = false
                while k < unlessHits.count, unlessHits[k].sentence == sid {
                    if unlessHits[k].rule == m.rule { cancelled = true; break }
                    k += 1
                }
                if cancelled { continue }
            }
            kept.append(m)
        }
        // Per rule, keep the longest of overlapping matches (earliest first).
        Checker.byRuleThenStart(&kept, ruleCount: rules.count, buffer: &sortBuffer, counts: &counts)
        // Words inside a warning or error match never act as negators or contrast words for
        // other findings, so adding a hostile phrase cannot soften what is already there.
        sentence.withUnsafeBufferPointer { sentence in
            flags.withUnsafeMutableBufferPointer { flags in
                for m in kept
                where !info[Int(m.rule)].isCredit
                    && (options.severityOverrides.isEmpty ? info[Int(m.rule)].severity : severity(of: rules[Int(m.rule)])) > .info
                {
                    for t in Int(m.start)..<Int(m.end) { flags[t] |= inPenaltyFlag }
                }
                // Contrast words ("but", "however") in the sentence before / from each token: runs
                // out from each contrast word (not opening its sentence, not inside a penalty)
                // to its sentence's end and start. A run stops at a token an earlier run marked,
                // so each token is marked at most once per direction: O(n), and nothing to do in
                // the many sentences without one.
                let contrastMask = contrastFlag | sentenceStartFlag | inPenaltyFlag
                for k in contrastWords.elements where flags[Int(k)] & contrastMask == contrastFlag {
                    let at = Int(k), sid = sentence[at]
                    var j = at + 1
                    while j < n, sentence[j] == sid, flags[j] & contrastBeforeFlag == 0 {
                        flags[j] |= contrastBeforeFlag
                        j += 1
                    }
                    j = at
                    while j >= 0, sentence[j] == sid, flags[j] & contrastFromFlag == 0 {
                        flags[j] |= contrastFromFlag
                        j -= 1
                    }
                }
            }
        }
        // `kept` comes grouped by rule: the end of the last match kept is per rule.
        var lastRule: Int32 = -1, lastEnd: Int32 = -1
        for m in kept {
            if m.rule != lastRule { lastRule = m.rule; lastEnd = -1 }
            if m.start < lastEnd { continue }
            lastEnd = m.end
            let rule = info[Int(m.rule)]
            let context = m.role == .match
                ? Checker.context(start: Int(m.start), end: Int(m.end), tokens: tokens, sentence: sentence, flags: flags)
                : (negated: false, multiplier: 1.0)
            var flipped = false
            if context.negated {
                switch rule.negation {
                case .keep: break
                case .drop: continue
                case .flip:
                    if !rule.isCredit { continue }
                    flipped = true
                }
            }
            if flipped || !rule.isCredit {
                for t in Int(m.start)..<Int(m.end) where flags[t] & countedFlag == 0 {
                    flags[t] |= countedFlag
                    if tokens[t].isWord { covered += 1 }
                }
            }
            let range = Int(tokens[Int(m.start)].start)..<Int(tokens[Int(m.end) - 1].end)
            let signal = Signal(
                rule: m.rule, variant: m.variant, segment: Int32(si), start: Int32(range.lowerBound), end: Int32(range.upperBound),
                multiplier: context.multiplier, flipped: flipped)
            if rs.signalRules[Int(m.rule)] && !options.reportSignals && (options.severityOverrides.isEmpty || severity(of: rules[Int(m.rule)]) == .info) {
                signals.append(signal)
                continue
            }
            let finding = matchFinding(signal, segment: segment, locator: locator)
            findings.append(finding)
        }

        // Metrics over sentences and punctuation runs.
        for ri in rs.metricRules {
            // (Fields read in place: copying a whole `Rule` per segment costs a retain and
            // release of each of its strings and arrays, and short email parts are many.)
            guard applies.admits(info[ri]), let threshold = rules[ri].threshold else { continue }
            switch rules[ri].metric {
            case "caps-share":
                // Only a sentence with two all-caps words can reach the share: the sentences
                // of the all-caps words (listed in the first pass) are the ones looked at.
                let acronyms = rs.acronyms[ri]
                let minWords = rules[ri].min ?? 3
                let capsAt = capsWords.elements
                var k = 0
                while k < capsAt.count {
                    let sid = sentence[Int(capsAt[k])]
                    var caps = 0, first = -1, last = -1
                    var end = k
                    while end < capsAt.count, sentence[Int(capsAt[end])] == sid {
                        let j = Int(capsAt[end])
                        if !acronyms.contains(tokens[j].hash) {
                            caps += 1
                            if first < 0 { first = j }
                            last = j
                        }
                        end += 1
                    }
                    if caps >= 2 {
                        var lo = Int(capsAt[k]), hi = Int(capsAt[end - 1]) + 1
                        while lo > 0, sentence[lo - 1] == sid { lo -= 1 }
                        while hi < n, sentence[hi] == sid { hi += 1 }
                        var wordsIn = 0
                        for j in lo..<hi where tokens[j].kind == .word { wordsIn += 1 }
                        if wordsIn >= minWords, Double(caps) >= threshold * Double(wordsIn) {
                            let range = Int(tokens[first].start)..<Int(tokens[last].end)
                            let rule = rules[ri]
                            if !rule.isCredit {
                                for t in first...last where flags[t] & countedFlag == 0 {
                                    flags[t] |= countedFlag
                                    if tokens[t].isWord { covered += 1 }
                                }
                            }
                            var f = makeFinding(rule, segment: segment, locator: locator, index: si, range: range, suggestions: rule.suggest, replacement: nil)
                            f.message = f.message.filling("count", with: "\(caps)").filling("words", with: "\(wordsIn)")
                            findings.append(f)
                        }
                    }
                    k = end
                }
            case "punctuation-run":
                // From each '!' or '?' (listed in the first pass) not inside a run already seen.
                // (A run holds no words: nothing to mark `counted`.)
                var next = 0
                for at in marks.elements where Int(at) >= next {
                    let i = Int(at), t = tokens[i]
                    var j = i + 1
                    var bang = t.hash == Token.exclamation
                    while j < n, tokens[j].kind == .punctuation, tokens[j].hash == Token.exclamation || tokens[j].hash == Token.question,
                        tokens[j].start == tokens[j - 1].end
                    {
                        if tokens[j].hash == Token.exclamation { bang = true }
                        j += 1
                    }
                    if bang, Double(j - i) >= threshold {
                        let range = Int(t.start)..<Int(tokens[j - 1].end)
                        let rule = rules[ri]
                        findings.append(makeFinding(rule, segment: segment, locator: locator, index: si, range: range, suggestions: rule.suggest, replacement: nil))
                    }
                    next = j
                }
            default:
                break
            }
        }

    }

    /// The checker's first pass over a chunk's tokens: per token, its vocabulary keys
    /// (`exact`, `group`: -1 for none) and sentence number, and per word its flags (one lexicon
    /// probe gives the keys and the word's class: negator, contrast word, intensifier; then
    /// "n't" and the sentence start); per sentence whether it ends with "?"; the indices of
    /// contrast words, all-caps words and '!'/'?' marks. Returns the number of words and
    /// numbers. `flags` must come zeroed: only words' flags are written.
    ///
    /// Its own function, over raw pointers, so that the loop keeps its state in registers
    /// (inside `checkSegment`, among that function's many live values, it spilled most of it).
    @inline(never)
    static func firstPass(
        _ tokens: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<UInt8>, lexicon: FlatHashMap.Lookup, exact: UnsafeMutablePointer<Int32>,
        group: UnsafeMutablePointer<Int32>, sentence: UnsafeMutablePointer<Int32>, flags: UnsafeMutablePointer<UInt8>, questions: UnsafeMutablePointer<Bool>,
        contrastWords: inout GrowableBuffer<Int32>, capsWords: inout GrowableBuffer<Int32>, marks: inout GrowableBuffer<Int32>
    ) -> Int {
        let n = tokens.count
        var s: Int32 = 0
        var atStart = true
        var wordCount = 0
        for i in 0..<n {
            let t = tokens[i]
            let v = lexicon.get(t.hash) ?? 0
            exact[i] = Lexicon.exact(v)
            group[i] = Lexicon.group(v)
            let kind = t.kind
            if kind == .word || kind == .number {
                // A capitalised word at the start of a line after ',' or ':' starts a sentence
                // ("Hi Dana,\nSend me ...").
                if !atStart, t.uppercase > 0, i > 0, tokens[i &- 1].kind == .punctuation, Checker.startsLine(text, Int(t.start)) {
                    s &+= 1
                    atStart = true
                }
                sentence[i] = s
                var f: UInt8 = atStart ? CheckScratch.sentenceStart : 0
                if kind == .word {
                    // (Negator, contrast and intensifier flags straight from the lexicon's bits.)
                    let classes = Lexicon.flags(v)
                    f |= classes
                    // ("n't" ends in a 't': most words are turned away before the call.)
                    if classes & CheckScratch.negator == 0, t.end &- t.start >= 4, text[Int(t.end) &- 1] | 0x20 == 0x74, Checker.endsInNot(t, text) {
                        f |= CheckScratch.negator
                    }
                    if classes & CheckScratch.contrastWord != 0 { contrastWords.append(Int32(truncatingIfNeeded: i)) }
                    if t.uppercase >= 2, t.isAllCaps { capsWords.append(Int32(truncatingIfNeeded: i)) }
                }
                flags[i] = f
                wordCount &+= 1
                atStart = false
                continue
            }
            if kind == .paragraphBreak {
                s &+= 1
                atStart = true
                sentence[i] = s
                continue
            }
            sentence[i] = s
            if kind == .placeholder {
                atStart = false  // a web address opening a sentence: what follows does not start one
            } else if t.hash == Token.period || t.hash == Token.exclamation || t.hash == Token.question {
                if t.hash != Token.period { marks.append(Int32(truncatingIfNeeded: i)) }  // '!' or '?'
                if !Tokenizer.periodContinuesSentence(tokens, i) {
                    if t.hash == Token.question { questions[Int(s)] = true }
                    s &+= 1
                    atStart = true
                }
            }
        }
        return wordCount
    }

    /// Appends every trie match over `tokens` to `matches`, in start order: a walk, depth
    /// first, from every token in the vocabulary (`exact`/`group`: its keys, -1 for none).
    @inline(never)  // (its own frame in profiles; called once per chunk)
    static func walk(
        _ trie: RuleSet.Trie, tokens: [Token], exact: [Int32], group: [Int32], into matches: inout GrowableBuffer<Match>,
        stack: inout GrowableBuffer<(node: Int32, pos: Int32)>
    ) {
        let n = tokens.count
        stack.removeAll()
        tokens.withUnsafeBufferPointer { tokens in
            exact.withUnsafeBufferPointer { exact in
                group.withUnsafeBufferPointer { group in
                    trie.withBuffers { t in
                        // Reaching child `c` of a node on token `pos`, from token `start`: what
                        // it means, then the child itself to walk on from, unless the next token
                        // cannot go on from it (no wildcard, no key the token could take: the
                        // walk would give nothing more).
                        @inline(__always) func reach(
                            _ c: Int32, start: Int32, pos: Int32, _ matches: inout GrowableBuffer<Match>,
                            _ stack: inout GrowableBuffer<(node: Int32, pos: Int32)>
                        ) {
                            let ci = Int(c)
                            for k in Int(t.acceptStart[ci])..<Int(t.acceptStart[ci + 1]) {
                                let a = t.accepts[k]
                                matches.append(Match(rule: a.rule, variant: a.variant, role: a.role, start: start, end: pos + 1))
                            }
                            let q = Int(pos) + 1
                            guard q < n, t.childStart[ci + 1] > t.childStart[ci] else { return }
                            if t.any[ci] >= 0
                                || (exact[q] >= 0
                                    && t.keyMask[ci] & (1 << (UInt32(truncatingIfNeeded: exact[q]) & 63) | 1 << (UInt32(truncatingIfNeeded: group[q]) & 63)) != 0)
                            {
                                stack.append((c, pos + 1))
                            }
                        }
                        let rootAny = t.any[0]
                        for i in 0..<n {
                            // From the root at token i: up to three children, in this order: the
                            // exact word, its inflection group, a wildcard. Most vocabulary words
                            // start no phrase, and are passed over at two table lookups.
                            let e = exact[i]
                            if e < 0 { continue }
                            let g = group[i]
                            let ce = t.rootChild(UInt32(truncatingIfNeeded: e)), cg = g != e ? t.rootChild(UInt32(truncatingIfNeeded: g)) : -1
                            if ce < 0 && cg < 0 && rootAny < 0 { continue }
                            let start = Int32(i)
                            if ce >= 0 { reach(ce, start: start, pos: start, &matches, &stack) }
                            if cg >= 0 { reach(cg, start: start, pos: start, &matches, &stack) }
                            if rootAny >= 0, tokens[i].isWord { reach(rootAny, start: start, pos: start, &matches, &stack) }
                            // Then depth first below the root, the same three children each step.
                            while let (nodeIndex, pos) = stack.popLast() {
                                let p = Int(pos)
                                guard p < n else { continue }
                                let e = exact[p]
                                if e >= 0 {
                                    let c = t.child(nodeIndex, UInt32(truncatingIfNeeded: e))
                                    if c >= 0 { reach(c, start: start, pos: pos, &matches, &stack) }
                                    let g = group[p]
                                    if g != e {
                                        let c = t.child(nodeIndex, UInt32(truncatingIfNeeded: g))
                                        if c >= 0 { reach(c, start: start, pos: pos, &matches, &stack) }
                                    }
                                }
                                let wildcard = t.any[Int(nodeIndex)]
                                if wildcard >= 0, tokens[p].isWord { reach(wildcard, start: start, pos: pos, &matches, &stack) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `matches` (in ascending start order, as the trie walk makes them) ordered by rule,
    /// then start, then longest first: the order of a stable sort on (rule, start, -end).
    static func byRuleThenStart(_ matches: [Match], ruleCount: Int) -> [Match] {
        var out = matches, buffer: [Match] = [], counts: [Int] = []
        byRuleThenStart(&out, ruleCount: ruleCount, buffer: &buffer, counts: &counts)
        return out
    }

    /// `byRuleThenStart` in place, with working storage from the caller. A few matches are
    /// ordered by insertion; more by a counting sort on the rule (linear time), then by
    /// insertion within each run of one rule and one start (runs are short).
    static func byRuleThenStart(_ matches: inout [Match], ruleCount: Int, buffer: inout [Match], counts: inout [Int]) {
        guard matches.count > 1 else { return }
        if matches.count > 16 {
            counts.removeAll(keepingCapacity: true)
            for _ in 0...ruleCount { counts.append(0) }
            for m in matches { counts[Int(m.rule) + 1] += 1 }
            for r in 0..<ruleCount { counts[r + 1] += counts[r] }
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: matches)  // every slot is overwritten below
            for m in matches {
                buffer[counts[Int(m.rule)]] = m
                counts[Int(m.rule)] += 1
            }
            swap(&matches, &buffer)
        }
        // Insertion: within a rule by start (stable), then longest first. After the counting
        // sort only runs of one rule and one start are out of order.
        var k = 1
        while k < matches.count {
            let m = matches[k]
            var j = k
            while j > 0 {
                let p = matches[j - 1]
                guard p.rule > m.rule || (p.rule == m.rule && (p.start > m.start || (p.start == m.start && p.end < m.end))) else { break }
                matches[j] = p
                j -= 1
            }
            if j != k { matches[j] = m }
            k += 1
        }
    }

    // MARK: - Context: negation, intensifiers, contrast

    /// Negators: a finding with one of these up to three words before it (same sentence, no
    /// punctuation between) is negated. Words ending in "n't" count too.
    static let negatorWords = [
        "not", "never", "no", "hardly", "barely", "cannot", "nor", "neither", "without", "dont", "doesnt", "didnt",
        "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt",
    ]
    /// Intensifiers: right before a finding they multiply its weight by `intensifierFactor`.
    static let intensifierWords = [
        "really", "very", "so", "extremely", "totally", "completely", "absolutely", "utterly", "truly", "incredibly",
        "highly", "terribly", "awfully", "super",
    ]
    /// Contrast words: what follows them in the sentence counts more, what precedes counts less.
    static let contrastWords = ["but", "however", "although", "though", "yet"]
    /// Weight factor after an intensifier ("really unacceptable").
    public static let intensifierFactor = 1.5
    /// Weight factor after "but"/"however" in the same sentence.
    public static let afterContrastFactor = 1.25
    /// Weight factor before "but"/"however" in the same sentence.
    public static let beforeContrastFactor = 0.8

    /// Whether the word token ends in "n't" (or "n’t").
    static func endsInNot(_ t: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = Int(t.end), s = Int(t.start)
        if e - s >= 4, text[e - 1] | 0x20 == 0x74, text[e - 2] == 0x27, text[e - 3] | 0x20 == 0x6E { return true }
        if e - s >= 6, text[e - 1] | 0x20 == 0x74, text[e - 2] == 0x99, text[e - 3] == 0x80, text[e - 4] == 0xE2, text[e - 5] | 0x20 == 0x6E { return true }
        return false
    }

    /// Negation and weight multiplier for a match over tokens `start..<end` (`flags` as
    /// `CheckScratch` sets them).
    static func context(
        start: Int, end: Int, tokens: [Token], sentence: [Int32], flags: [UInt8]
    ) -> (negated: Bool, multiplier: Double) {
        let sid = sentence[start]
        var negated = false
        var multiplier = 1.0
        // Up to three words back, stopping at punctuation or the sentence's start.
        var i = start - 1, seen = 0
        while i >= 0, seen < 3, sentence[i] == sid, tokens[i].isWord {
            if flags[i] & (CheckScratch.negator | CheckScratch.inPenalty) == CheckScratch.negator {
                negated = true
                break
            }
            seen += 1
            i -= 1
        }
        // (The intensifier flag is set on words only.)
        if start > 0, sentence[start - 1] == sid, flags[start - 1] & (CheckScratch.intensifier | CheckScratch.inPenalty) == CheckScratch.intensifier {
            multiplier *= intensifierFactor
        }
        // Contrast words in the same sentence (not opening it, not inside a penalty).
        if flags[start] & CheckScratch.contrastBefore != 0 {
            multiplier *= afterContrastFactor
        } else if end < tokens.count, sentence[end] == sid, flags[end] & CheckScratch.contrastFrom != 0 {
            multiplier *= beforeContrastFactor
        }
        return (negated, multiplier)
    }

    static func startsLine(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var k = offset - 1
        while k >= 0, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0D { k -= 1 }
        return k < 0 || text[k] == 0x0A
    }

    func regexFindings(_ segment: Segment, index si: Int, locator: PositionLocator, into findings: inout [Finding], warnings: inout [Diagnostic], path: String?) {
        let text = segment.text
        var giveUps: [Int: Int] = [:]  // regex rule → lines it gave up on
        let applies = roleFilter(segment.role)
        let regexRules = ruleSet.regexRules
        let prefilters = ruleSet.regexPrefilters
        var candidates: [Int] = []
        var vm = ByteRegex.VM()  // working lists for `ByteRegex`, kept from line to line
        // Lines too long for the regexes: one warning per segment, however many such lines
        // (a file of long lines would otherwise flood the output).
        let long = text.withUnsafeBufferPointer { Checker.longLines($0, longerThan: RegexGuard.maxLineBytes) }
        // Most lines pass no prefilter: the text is searched for the next line that may pass
        // one (`RegexLineSearch`), not walked line by line; that line then gets the exact test.
        var search = RegexLineSearch(prefilters)
        var cursor = 0  // a line start: lines before it are done
        while cursor < text.count {
            guard let line = text.withUnsafeBufferPointer({ search.nextLine($0, from: cursor) }) else { break }
            let lineStart = line.lowerBound, lineEnd = line.upperBound
            cursor = lineEnd + 1
            if lineEnd == lineStart || lineEnd - lineStart > RegexGuard.maxLineBytes { continue }
            // Only rules whose prefilter the line passes; most lines need no regex at all.
            candidates.removeAll(keepingCapacity: true)
            let nonASCII = text.withUnsafeBufferPointer { b in
                let line = UnsafeBufferPointer(rebasing: b[lineStart..<lineEnd])
                let nonASCII = !ByteText.isASCII(line)
                for (k, ri) in regexRules.enumerated() where prefilters[k]?.mayMatch(line, nonASCII: nonASCII) ?? true { candidates.append(ri) }
                return nonASCII
            }
            if candidates.isEmpty { continue }
            // For ICU: decoded with a map back to bytes (invalid UTF-8 must not shift the
            // offsets), made only if a rule needs it.
            var decoded: RegexLine?
            // What the line's non-ASCII characters are to `ByteRegex`, found when a pattern
            // that reads ASCII only first needs it.
            var lineText: ByteRegex.LineText? = nonASCII ? nil : .ascii
            for ri in candidates {
                guard applies.admits(ruleSet.info[ri]) else { continue }
                guard giveUps[ri, default: 0] < RegexGuard.maxGiveUpsPerSegment else { continue }
                let found: [Range<Int>], complete: Bool
                let br = ruleSet.regexes.ascii(ri)
                if lineText == nil, let br, br.asciiOnly {
                    lineText = text.withUnsafeBufferPointer { ByteRegex.lineText(UnsafeBufferPointer(rebasing: $0[lineStart..<lineEnd])) }
                }
                // A line `ByteRegex` reads as ICU would: ICU's matches without ICU.
                if let br, let lineText,
                    let byteMatches = text.withUnsafeBufferPointer({ br.matches(in: UnsafeBufferPointer(rebasing: $0[lineStart..<lineEnd]), text: lineText, vm: &vm) })
                {
                    (found, complete) = byteMatches
                } else {
                    guard let re = ruleSet.regexes[ri] else { continue }
                    let line = decoded ?? RegexLine(text[lineStart..<lineEnd])
                    decoded = line
                    (found, complete) = RegexGuard.matches(re, in: line)
                }
                guard !found.isEmpty || !complete else { continue }
                let rule = ruleSet.rules[ri]
                for r in found {
                    let range = (lineStart + r.lowerBound)..<(lineStart + r.upperBound)
                    findings.append(makeFinding(rule, segment: segment, locator: locator, index: si, range: range, suggestions: rule.suggest, replacement: nil))
                }
                if !complete {
                    giveUps[ri, default: 0] += 1
                    let pos = locator.position(of: lineStart)
                    warnings.append(Diagnostic(.warning, path: path, line: pos.line, message: RegexGuard.gaveUp(rule.id, skippingRest: giveUps[ri]! >= RegexGuard.maxGiveUpsPerSegment)))
                }
            }
        }
        if long.count > 0, let first = long.first {
            let message = long.count == 1
                ? "line longer than \(RegexGuard.maxLineBytes) bytes; regex rules skipped on it"
                : "\(long.count) lines longer than \(RegexGuard.maxLineBytes) bytes, the first here; regex rules skipped on them"
            warnings.append(Diagnostic(.warning, path: path, line: locator.position(of: first).line, message: message))
        }
    }

    /// How many lines of `text` (split at `\n`, the newline not counted) are longer than
    /// `limit` bytes, and where the first starts. Lines are not visited one by one: when the
    /// `limit + 1` bytes from a line start hold a newline, every line up to the last one
    /// found is short, so the search jumps there.
    static func longLines(_ text: UnsafeBufferPointer<UInt8>, longerThan limit: Int) -> (count: Int, first: Int?) {
        let n = text.count
        var count = 0
        var first: Int?
        var p = 0  // a line start
        while n - p > limit {
            var q = p + limit
            while q >= p, text[q] != 0x0A { q -= 1 }
            if q >= p {
                p = q + 1
                continue
            }
            count += 1
            if first == nil { first = p }
            guard let end = ByteText.firstIndex(of: 0x0A, in: text, from: p + limit + 1) else { break }
            p = end + 1
        }
        return (count, first)
    }

    /// The finding for a trie match (kept as a signal or not): message, suggestions, fix.
    func matchFinding(_ m: Signal, segment: Segment, locator: PositionLocator?) -> Finding {
        let rule = ruleSet.rules[Int(m.rule)]
        var suggestions = rule.suggest
        var replacement: String?
        if rule.kind == .substitution {
            let options = ruleSet.swapOptions[Int(m.rule)][Int(m.variant)]
            suggestions = options + suggestions
            if options.count == 1 && rule.fix { replacement = options[0] }
        }
        var finding = makeFinding(
            rule, segment: segment, locator: locator, index: Int(m.segment), range: Int(m.start)..<Int(m.end), suggestions: suggestions,
            replacement: replacement)
        finding.multiplier = m.multiplier
        if m.flipped {
            finding.isCredit = false
            finding.weight = abs(finding.weight)
            finding.message = "negated: " + finding.message
        }
        return finding
    }

    /// A signal as the finding it stands for (to list it, or to analyse speakers).
    public func finding(for signal: Signal, in document: Document) -> Finding {
        matchFinding(signal, segment: document.segments[Int(signal.segment)], locator: nil)
    }

    func makeFinding(_ rule: Rule, segment: Segment, locator: PositionLocator? = nil, index si: Int, range: Range<Int>, suggestions: [String], replacement: String?) -> Finding {
        let match = String(decoding: segment.text[range], as: UTF8.self)
        let locator = locator ?? PositionLocator(segment)
        let start = locator.position(of: range.lowerBound)
        let end = locator.position(of: range.upperBound)
        var fix: Fix?
        if let replacement, let a = start.byteOffset, let b = end.byteOffset, b - a == range.count {
            fix = Fix(range: a..<b, replacement: Checker.matchCase(replacement, like: match))
        }
        return Finding(
            ruleID: rule.id, category: rule.category, severity: severity(of: rule),
            message: rule.message.filling("match", with: match),
            match: match, suggestions: suggestions, fix: fix, segment: si, role: segment.role, speaker: segment.speaker,
            segmentRange: range, start: start, end: end, isCredit: rule.isCredit, weight: rule.weight)
    }

    func severity(of rule: Rule) -> Severity {
        if rule.isCredit { return .info }
        return options.severityOverrides[rule.id] ?? options.severityOverrides[rule.category.rawValue] ?? rule.severity
    }

    /// Gives `replacement` the capitalisation of `original` (Capitalised or ALL CAPS).
    static func matchCase(_ replacement: String, like original: String) -> String {
        let letters = original.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        guard let first = letters.first else { return replacement }
        if letters.count > 1, letters.allSatisfy({ CharacterSet.uppercaseLetters.contains($0) }) { return replacement.uppercased() }
        if CharacterSet.uppercaseLetters.contains(first) { return replacement.prefix(1).uppercased() + replacement.dropFirst() }
        return replacement
    }

    // MARK: - Document level

    /// Findings of the document-level rules (occurrence, density); `locators`: the checked
    /// segments' locators by segment index (a missing one is made).
    func documentFindings(_ findings: [Finding], words: Int, document: Document, locators: [PositionLocator?] = []) -> [Finding] {
        var out: [Finding] = []
        for ri in ruleSet.documentRules {
            let rule = ruleSet.rules[ri]
            // In document order: a segment's findings are grouped by rule, so sort them.
            let counted = findings.filter { f in !f.isCredit && rule.of.contains { $0 == f.ruleID || $0 == f.category.rawValue } }
                .sorted { ($0.segment, $0.segmentRange.lowerBound) < ($1.segment, $1.segmentRange.lowerBound) }
            let hit: Bool
            var anchor: Finding?
            switch rule.kind {
            case .occurrence:
                let min = max(1, rule.min ?? 3)  // `min: 0` means the first finding
                hit = counted.count >= min
                if hit { anchor = counted[min - 1] }
            default:  // density
                let per100 = words > 0 ? Double(counted.count) * 100 / Double(words) : 0
                hit = counted.count >= 2 && per100 > (rule.threshold ?? .infinity)
                anchor = counted.first
            }
            guard hit, let a = anchor else { continue }
            let seg = document.segments[a.segment]
            let locator = a.segment < locators.count ? locators[a.segment] : nil
            var f = makeFinding(rule, segment: seg, locator: locator, index: a.segment, range: a.segmentRange, suggestions: rule.suggest, replacement: nil)
            f.message = f.message.filling("count", with: "\(counted.count)")
            out.append(f)
        }
        return out
    }
}
