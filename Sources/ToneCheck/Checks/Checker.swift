import Foundation

/// Options that change what is checked.
public struct CheckOptions: Sendable {
    /// Check quoted, forwarded, signature and disclaimer text too (placeholders never).
    public var includeQuoted = false
    /// Severity overrides by rule id or category.
    public var severityOverrides: [String: Severity] = [:]
    /// When a document without its own date (a `Date` header or call time) was sent;
    /// deadlines are measured from it. Nil means the current time.
    public var referenceTime: ReferenceTime? = nil
    /// Working days, hours, zone and holidays for deadline arithmetic (nil: the defaults).
    public var calendar: BusinessCalendar? = nil

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
    /// Words in the checked segments.
    public var words: Int
    /// Words not covered by any penalty finding (the length that softens findings).
    public var cleanWords: Int
    /// Warnings met while checking (a regex skipped on an overlong line, ...).
    public var warnings: [Diagnostic]
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
        var words = 0, clean = 0
        var warnings: [Diagnostic] = []
        var tokens: [Token] = []
        var demandState = ruleSet.demands.map { _ in
            DemandState(reference: ReferenceTime.resolve(for: document, fallback: options.referenceTime), calendar: options.calendar ?? BusinessCalendar())
        }
        for (si, segment) in document.segments.enumerated() {
            guard inScope(segment.role) else { continue }
            Tokenizer.tokenize(segment.text, into: &tokens)
            let before = findings.count
            checkSegment(segment, index: si, tokens: tokens, into: &findings, warnings: &warnings, path: document.path)
            if let dr = ruleSet.demands, demandState != nil {
                demandFindings(segment, index: si, tokens: tokens, demands: dr, state: &demandState!, into: &findings)
            }
            // Length: words in the segment, and those not inside a penalty finding.
            var segWords = 0, covered = 0
            let ranges = findings[before...].filter { !$0.isCredit }.map(\.segmentRange).sorted { $0.lowerBound < $1.lowerBound }
            var ri = 0
            for t in tokens where t.isWord {
                segWords += 1
                let s = Int(t.start)
                while ri < ranges.count, ranges[ri].upperBound <= s { ri += 1 }
                var j = ri
                while j < ranges.count, ranges[j].lowerBound <= s {
                    if ranges[j].contains(s) { covered += 1; break }
                    j += 1
                }
            }
            words += segWords
            clean += segWords - covered
        }
        if let dr = ruleSet.demands, let st = demandState, let f = stackedDemandFinding(document, demands: dr, state: st) { findings.append(f) }
        findings += documentFindings(findings, words: words, document: document)
        return CheckResult(findings: findings, words: words, cleanWords: clean, warnings: warnings)
    }

    func inScope(_ role: SegmentRole) -> Bool {
        if role == .placeholder { return false }
        return options.includeQuoted || SegmentRole.authored.contains(role)
    }

    func ruleApplies(_ rule: Rule, to role: SegmentRole) -> Bool {
        rule.scope.contains(role) || (options.includeQuoted && role != .placeholder && !SegmentRole.authored.contains(role) && !rule.scope.isDisjoint(with: SegmentRole.authored))
    }

    // MARK: - One segment

    func checkSegment(_ segment: Segment, index si: Int, tokens: [Token], into findings: inout [Finding], warnings: inout [Diagnostic], path: String?) {
        let n = tokens.count
        let rs = ruleSet
        let rules = rs.rules
        // Vocabulary keys and sentence numbers, once per token.
        var exact = [Int64](repeating: -1, count: n)
        var group = [Int64](repeating: -1, count: n)
        var sentence = [Int32](repeating: 0, count: n)
        var sentenceStart = [Bool](repeating: false, count: n)
        var s: Int32 = 0
        var atStart = true
        segment.text.withUnsafeBufferPointer { text in
            for i in 0..<n {
                let t = tokens[i]
                if let k = rs.vocabulary[t.hash] {
                    exact[i] = k.exact
                    group[i] = k.group
                }
                if t.kind == .paragraphBreak {
                    s += 1
                    atStart = true
                    sentence[i] = s
                    continue
                }
                // A capitalised word at the start of a line after ',' or ':' starts a sentence
                // ("Hi Dana,\nSend me ...").
                if !atStart, t.isWord, i > 0, tokens[i - 1].kind == .punctuation, t.uppercase > 0,
                    Checker.startsLine(text, Int(t.start))
                {
                    s += 1
                    atStart = true
                }
                sentence[i] = s
                if t.isWord {
                    sentenceStart[i] = atStart
                    atStart = false
                }
                if t.endsSentence {
                    s += 1
                    atStart = true
                }
            }
        }

        // The single pass: walk the trie from every token that is in the vocabulary.
        var matches: [Match] = []
        var stack: [(node: Int32, pos: Int32)] = []
        rs.nodes.withUnsafeBufferPointer { nodes in
            for i in 0..<n where exact[i] >= 0 {
                stack.append((0, Int32(i)))
                while let (nodeIndex, pos) = stack.popLast() {
                    let p = Int(pos)
                    if p >= n { continue }
                    let node = nodes[Int(nodeIndex)]
                    func visit(_ c: Int32) {
                        for a in nodes[Int(c)].accepts {
                            matches.append(Match(rule: a.rule, variant: a.variant, role: a.role, start: Int32(i), end: pos + 1))
                        }
                        stack.append((c, pos + 1))
                    }
                    if exact[p] >= 0 {
                        if let c = node.edges[exact[p]] { visit(c) }
                        if group[p] != exact[p], let c = node.edges[group[p]] { visit(c) }
                    }
                    if node.any >= 0, tokens[p].isWord { visit(node.any) }
                }
            }
        }

        // Sentences where an `unless` phrase of a rule occurs.
        var cancelled = Set<Int64>()
        for m in matches where m.role == .unless {
            cancelled.insert(Int64(m.rule) << 32 | Int64(sentence[Int(m.start)]))
        }
        var kept: [Match] = []
        for m in matches where m.role != .unless {
            let rule = rules[Int(m.rule)]
            if !ruleApplies(rule, to: segment.role) { continue }
            if m.role == .sentenceStart && !sentenceStart[Int(m.start)] { continue }
            if rs.hasUnless[Int(m.rule)] && cancelled.contains(Int64(m.rule) << 32 | Int64(sentence[Int(m.start)])) { continue }
            kept.append(m)
        }
        // Per rule, keep the longest of overlapping matches (earliest first).
        kept.sort { ($0.rule, $0.start, -$0.end) < ($1.rule, $1.start, -$1.end) }
        var lastEnd: [Int32: Int32] = [:]
        for m in kept {
            if let e = lastEnd[m.rule], m.start < e { continue }
            lastEnd[m.rule] = m.end
            let rule = rules[Int(m.rule)]
            let range = Int(tokens[Int(m.start)].start)..<Int(tokens[Int(m.end) - 1].end)
            var suggestions = rule.suggest
            var replacement: String?
            if rule.kind == .substitution {
                let key = rule.swap.keys.sorted()[Int(m.variant)]
                let options = rule.swap[key]!.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                suggestions = options + suggestions
                if options.count == 1 && rule.fix { replacement = options[0] }
            }
            findings.append(makeFinding(rule, segment: segment, index: si, range: range, suggestions: suggestions, replacement: replacement))
        }

        // Metrics over sentences and punctuation runs.
        for ri in rs.metricRules {
            let rule = rules[ri]
            guard ruleApplies(rule, to: segment.role), let threshold = rule.threshold else { continue }
            switch rule.metric {
            case "caps-share":
                let acronyms = rs.acronyms[ri] ?? []
                let minWords = rule.min ?? 3
                var i = 0
                while i < n {
                    let sid = sentence[i]
                    var j = i, wordsIn = 0, caps = 0
                    var first = -1, last = -1
                    while j < n, sentence[j] == sid {
                        let t = tokens[j]
                        if t.kind == .word {
                            wordsIn += 1
                            if t.isAllCaps && !acronyms.contains(t.hash) {
                                caps += 1
                                if first < 0 { first = j }
                                last = j
                            }
                        }
                        j += 1
                    }
                    if wordsIn >= minWords, caps >= 2, Double(caps) >= threshold * Double(wordsIn) {
                        let range = Int(tokens[first].start)..<Int(tokens[last].end)
                        var f = makeFinding(rule, segment: segment, index: si, range: range, suggestions: rule.suggest, replacement: nil)
                        f.message = f.message.replacingOccurrences(of: "{count}", with: "\(caps)").replacingOccurrences(of: "{words}", with: "\(wordsIn)")
                        findings.append(f)
                    }
                    i = max(j, i + 1)
                }
            case "punctuation-run":
                var i = 0
                while i < n {
                    let t = tokens[i]
                    guard t.kind == .punctuation, t.hash == Token.exclamation || t.hash == Token.question else { i += 1; continue }
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
                        findings.append(makeFinding(rule, segment: segment, index: si, range: range, suggestions: rule.suggest, replacement: nil))
                    }
                    i = j
                }
            default:
                break
            }
        }

        // Bounded regexes, line by line.
        if !rs.regexRules.isEmpty {
            regexFindings(segment, index: si, into: &findings, warnings: &warnings, path: path)
        }
    }

    static func startsLine(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var k = offset - 1
        while k >= 0, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0D { k -= 1 }
        return k < 0 || text[k] == 0x0A
    }

    func regexFindings(_ segment: Segment, index si: Int, into findings: inout [Finding], warnings: inout [Diagnostic], path: String?) {
        let text = segment.text
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart { if lineEnd >= text.count { break } else { continue } }
            if lineEnd - lineStart > RegexGuard.maxLineBytes {
                let pos = segment.sourceMap.position(of: lineStart, in: text)
                warnings.append(Diagnostic(.warning, path: path, line: pos.line, message: "line longer than \(RegexGuard.maxLineBytes) bytes; regex rules skipped on it"))
                continue
            }
            let line = String(decoding: text[lineStart..<lineEnd], as: UTF8.self)
            let ns = line as NSString
            for ri in ruleSet.regexRules {
                let rule = ruleSet.rules[ri]
                guard ruleApplies(rule, to: segment.role), let re = ruleSet.regexes[ri] else { continue }
                for m in re.matches(in: line, range: NSRange(location: 0, length: ns.length)) where m.range.length > 0 {
                    // UTF-16 range → UTF-8 byte range within the line.
                    let prefix = ns.substring(to: m.range.location)
                    let matched = ns.substring(with: m.range)
                    let a = lineStart + prefix.utf8.count
                    let range = a..<(a + matched.utf8.count)
                    findings.append(makeFinding(rule, segment: segment, index: si, range: range, suggestions: rule.suggest, replacement: nil))
                }
            }
            if lineEnd >= text.count { break }
        }
    }

    func makeFinding(_ rule: Rule, segment: Segment, index si: Int, range: Range<Int>, suggestions: [String], replacement: String?) -> Finding {
        let match = String(decoding: segment.text[range], as: UTF8.self)
        let start = segment.sourceMap.position(of: range.lowerBound, in: segment.text)
        let end = segment.sourceMap.position(of: range.upperBound, in: segment.text)
        var fix: Fix?
        if let replacement, let a = start.byteOffset, let b = end.byteOffset, b - a == range.count {
            fix = Fix(range: a..<b, replacement: Checker.matchCase(replacement, like: match))
        }
        return Finding(
            ruleID: rule.id, category: rule.category, severity: severity(of: rule),
            message: rule.message.replacingOccurrences(of: "{match}", with: match),
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

    func documentFindings(_ findings: [Finding], words: Int, document: Document) -> [Finding] {
        var out: [Finding] = []
        for ri in ruleSet.documentRules {
            let rule = ruleSet.rules[ri]
            let counted = findings.filter { f in !f.isCredit && rule.of.contains { $0 == f.ruleID || $0 == f.category.rawValue } }
            let hit: Bool
            var anchor: Finding?
            switch rule.kind {
            case .occurrence:
                let min = rule.min ?? 3
                hit = counted.count >= min
                if hit { anchor = counted[min - 1] }
            default:  // density
                let per100 = words > 0 ? Double(counted.count) * 100 / Double(words) : 0
                hit = counted.count >= 2 && per100 > (rule.threshold ?? .infinity)
                anchor = counted.first
            }
            guard hit, let a = anchor else { continue }
            let seg = document.segments[a.segment]
            var f = makeFinding(rule, segment: seg, index: a.segment, range: a.segmentRange, suggestions: rule.suggest, replacement: nil)
            f.message = f.message.replacingOccurrences(of: "{count}", with: "\(counted.count)")
            out.append(f)
        }
        return out
    }
}
