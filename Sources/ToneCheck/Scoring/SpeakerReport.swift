/// Per-speaker analysis of a call transcript: who said how much, who cut whom off, who
/// asked and who demanded, a 0–100 score per speaker and per side, and how the tone moved
/// across the call (by thirds of its turns).
public struct TranscriptSummary: Sendable {
    /// One speaker's share of the call.
    public struct Speaker: Sendable, Equatable {
        /// The name as the transcript gives it ("(unknown)" for turns with no speaker).
        public var name: String
        /// The side from `--speaker-role`, when one was given.
        public var side: String?
        /// 0–100, from this speaker's own findings and words.
        public var score: Double
        /// The band of `score`.
        public var label: String
        /// Words spoken (non-verbal cues are not words).
        public var words: Int
        /// Seconds spoken, when the transcript has times.
        public var seconds: Double?
        /// Share of all words, 0–1.
        public var share: Double
        /// Share of all seconds, 0–1, when the transcript has times.
        public var timeShare: Double?
        /// Turns taken.
        public var turns: Int
        /// Times this speaker cut someone off.
        public var interruptionsMade: Int
        /// Times this speaker was cut off.
        public var interruptionsReceived: Int
        /// Questions asked (sentences ending in `?`).
        public var questions: Int
        /// Findings in the demand category.
        public var demands: Int
        /// Problem findings (not credits).
        public var findings: Int
    }

    /// Speakers grouped by `--speaker-role`.
    public struct Side: Sendable, Equatable {
        /// The side's name ("ops", "support", or "unassigned").
        public var name: String
        /// Its speakers, in order of first appearance.
        public var speakers: [String]
        /// 0–100, from the side's findings and words.
        public var score: Double
        /// The band of `score`.
        public var label: String
        /// Words spoken.
        public var words: Int
        /// Seconds spoken, when known.
        public var seconds: Double?
        /// Share of all words, 0–1.
        public var share: Double
        /// Interruptions made by the side's speakers.
        public var interruptionsMade: Int
        /// Interruptions they received.
        public var interruptionsReceived: Int
        /// Questions asked.
        public var questions: Int
        /// Demand findings.
        public var demands: Int
        /// Problem findings.
        public var findings: Int
    }

    /// One speaker cutting another off.
    public struct Interruption: Sendable, Equatable {
        /// Who cut in.
        public var by: String?
        /// Who was cut off.
        public var of: String?
        /// The interrupting turn (0-based).
        public var turn: Int
        /// `cut-off` (the turn before ends in -- — …) or `overlap` (times overlap).
        public var kind: String
    }

    /// The score over one stretch of the call.
    public struct Stage: Sendable, Equatable {
        /// `first third`, `middle third`, `last third`.
        public var name: String
        /// First turn (0-based) in the stretch.
        public var firstTurn: Int
        /// Last turn (0-based, inclusive).
        public var lastTurn: Int
        /// 0–100 over the stretch's findings and words.
        public var score: Double
        /// The band of `score`.
        public var label: String
        /// Problem findings in the stretch.
        public var findings: Int
        /// The score from problems alone (credits left out), which escalation is judged on.
        public var problemScore: Double = 100
    }

    /// Speakers in order of first appearance.
    public var speakers: [Speaker]
    /// Sides, when speakers were given roles.
    public var sides: [Side]
    /// The score by thirds of the call (empty with fewer than three turns).
    public var trajectory: [Stage]
    /// Every interruption, in order.
    public var interruptions: [Interruption]
    /// Number of turns.
    public var turns: Int
    /// Segment index → turn index (0-based), for turn segments.
    public var turnOfSegment: [Int: Int]
    /// Problems met while analysing (a role given for someone who does not speak).
    public var warnings: [Diagnostic]

    /// The turn (0-based) a segment is, when it is a turn.
    public func turn(ofSegment s: Int) -> Int? { turnOfSegment[s] }
}

/// Works out a `TranscriptSummary` and the findings that need the whole call
/// (`transcript.interruption`, `transcript.escalation`, sighs while the other side talks).
public enum SpeakerAnalysis {
    /// How much more a sigh counts when it lands while someone else is talking.
    public static let sighWhileOtherTalks = 1.5
    /// The name used for turns without a speaker.
    public static let unknownSpeaker = "(unknown)"

    struct TurnFacts {
        var segment: Int
        var speaker: String
        var words = 0
        var cleanWords = 0
        var questions = 0
        var seconds: Double?
        var cues: [NonVerbalCue.Span] = []
        var onlyCues = false
        /// Start offsets of the turn's words (cues excluded).
        var wordStarts: [Int32] = []
    }

    /// Analyses the turns of `document`, adding whole-call findings to `result` and
    /// adjusting sighs; `sides` maps speaker names (case-insensitive, or first names) to sides.
    public static func analyse(_ document: Document, result: inout CheckResult, ruleSet: RuleSet, options: CheckOptions, sides: [String: String] = [:]) -> TranscriptSummary {
        let checker = Checker(ruleSet: ruleSet, options: options)
        var turns: [TurnFacts] = []
        var turnOfSegment: [Int: Int] = [:]
        var tokens: [Token] = []
        for (si, seg) in document.segments.enumerated() where seg.role == .turn {
            turnOfSegment[si] = turns.count
            var t = TurnFacts(segment: si, speaker: seg.speaker ?? unknownSpeaker)
            t.cues = NonVerbalCue.scan(seg.text)
            Tokenizer.tokenize(seg.text, into: &tokens)
            var k = 0
            for (ti, tok) in tokens.enumerated() {
                let s = Int(tok.start)
                while k < t.cues.count, t.cues[k].range.upperBound <= s { k += 1 }
                let inCue = k < t.cues.count && t.cues[k].range.contains(s)
                if tok.isWord && !inCue {
                    t.words += 1
                    t.wordStarts.append(tok.start)
                }
                if tok.kind == .punctuation, tok.hash == Token.question, ti + 1 >= tokens.count || tokens[ti + 1].hash != Token.question { t.questions += 1 }
            }
            t.onlyCues = t.words == 0 && !t.cues.isEmpty
            if let a = seg.startTime, let b = seg.endTime, b >= a { t.seconds = b - a }
            turns.append(t)
        }
        let names = orderedNames(turns.map(\.speaker))

        // Sighs: attribute "[Dana sighs]" to Dana, and count a sigh made while someone else talks more.
        for fi in result.findings.indices {
            let f = result.findings[fi]
            guard let ti = turnOfSegment[f.segment], !f.isCredit else { continue }
            guard let cue = turns[ti].cues.first(where: { $0.range.lowerBound == f.segmentRange.lowerBound }) else { continue }
            var other: String?
            if let n = cue.name, let who = resolve(n, in: names), who != turns[ti].speaker {
                result.findings[fi].speaker = who
                other = turns[ti].speaker
            } else if cue.kind == .sigh {
                let prev = ti > 0 ? turns[ti - 1] : nil, next = ti + 1 < turns.count ? turns[ti + 1] : nil
                if turns[ti].onlyCues, let p = prev, let n = next, p.speaker == n.speaker, p.speaker != turns[ti].speaker {
                    other = p.speaker
                } else if let p = prev, p.speaker != turns[ti].speaker, f.segmentRange.lowerBound == 0,
                    let a = document.segments[turns[ti].segment].startTime, let e = document.segments[p.segment].endTime, a < e
                {
                    other = p.speaker
                }
            }
            if cue.kind == .sigh, let other {
                result.findings[fi].weight *= sighWhileOtherTalks
                result.findings[fi].message += " while \(other) was talking"
            }
        }

        // Interruptions.
        var interruptions: [TranscriptSummary.Interruption] = []
        let interruptionRule = ruleSet.index["transcript.interruption"].map { ruleSet.rules[$0] }
        let overlapTolerance = interruptionRule?.threshold ?? 0.5
        for ti in turns.indices.dropFirst() {
            let prev = turns[ti - 1], cur = turns[ti]
            guard prev.speaker != cur.speaker else { continue }
            let ps = document.segments[prev.segment], cs = document.segments[cur.segment]
            var kind: String?
            if endsCutOff(ps.text) {
                kind = "cut-off"
            } else if let a = cs.startTime, let e = ps.endTime, let s0 = ps.startTime, a > s0, e - a >= overlapTolerance {
                kind = "overlap"
            }
            guard let kind else { continue }
            interruptions.append(.init(by: cur.speaker, of: prev.speaker, turn: ti, kind: kind))
            if let rule = interruptionRule, rule.scope.contains(.turn), !cur.onlyCues {
                let range = firstWordRange(cs.text)
                var f = checker.makeFinding(rule, segment: cs, index: cur.segment, range: range, suggestions: rule.suggest, replacement: nil)
                f.message = rule.message.filling("speaker", with: cur.speaker).filling("other", with: prev.speaker).filling("match", with: f.match)
                f.speaker = cs.speaker
                result.findings.append(f)
            }
        }

        // Words not covered by a penalty finding, per turn.
        var problemRanges: [Int: [Range<Int>]] = [:]
        for f in result.findings where !f.isCredit { problemRanges[f.segment, default: []].append(f.segmentRange) }
        for ti in turns.indices {
            let ranges = problemRanges[turns[ti].segment] ?? []
            var covered = 0
            if !ranges.isEmpty {
                for start in turns[ti].wordStarts where ranges.contains(where: { $0.contains(Int(start)) }) { covered += 1 }
            }
            turns[ti].cleanWords = turns[ti].words - covered
            turns[ti].wordStarts = []
        }

        func score(turnIndices: [Int], findings: [Finding]) -> Score {
            let words = turnIndices.reduce(0) { $0 + turns[$1].words }
            let clean = turnIndices.reduce(0) { $0 + turns[$1].cleanWords }
            return Scorer.score(CheckResult(findings: findings, words: words, cleanWords: clean, warnings: []), parameters: ruleSet.scoring)
        }

        // Trajectory by thirds, and escalation.
        var trajectory: [TranscriptSummary.Stage] = []
        let n = turns.count
        if n >= 3 {
            let stageNames = ["first third", "middle third", "last third"]
            for k in 0..<3 {
                let idx = (0..<n).filter { $0 * 3 / n == k }
                guard let lo = idx.first, let hi = idx.last else { continue }
                let segs = Set(idx.map { turns[$0].segment })
                let fs = result.findings.filter { segs.contains($0.segment) }
                let s = score(turnIndices: idx, findings: fs)
                let problems = fs.filter { !$0.isCredit }
                let ps = score(turnIndices: idx, findings: problems)
                trajectory.append(.init(name: stageNames[k], firstTurn: lo, lastTurn: hi, score: s.overall, label: s.label, findings: problems.count, problemScore: ps.overall))
            }
            if let ri = ruleSet.index["transcript.escalation"], trajectory.count == 3 {
                let rule = ruleSet.rules[ri]
                // The first third against the last: the score must drop by the threshold both
                // with credits and from problems alone (a warm opening is no escalation by itself).
                let first = trajectory[0], last = trajectory[2]
                let lastSegs = Set((last.firstTurn...last.lastTurn).map { turns[$0].segment })
                let anchor = result.findings.filter { lastSegs.contains($0.segment) && !$0.isCredit && $0.severity >= .warning }
                    .min { ($0.segment, $0.segmentRange.lowerBound) < ($1.segment, $1.segmentRange.lowerBound) }
                let threshold = rule.threshold ?? 15
                if rule.scope.contains(.turn), n >= (rule.min ?? 6), first.score - last.score >= threshold,
                    first.problemScore - last.problemScore >= threshold, let a = anchor
                {
                    var f = checker.makeFinding(rule, segment: document.segments[a.segment], index: a.segment, range: a.segmentRange, suggestions: rule.suggest, replacement: nil)
                    f.message = rule.message.filling("from", with: "\(Int(first.score.rounded()))").filling("to", with: "\(Int(last.score.rounded()))").filling("stage", with: last.name)
                    f.speaker = nil
                    result.findings.append(f)
                }
            }
        }

        // Speech-to-text JSON: name the item each finding starts in (`results.items[17]`).
        for fi in result.findings.indices {
            let f = result.findings[fi]
            guard f.segment < document.segments.count, let first = document.segments[f.segment].firstItem else { continue }
            let lo = document.segments[f.segment].sourceMap.lastAnchor(atOrBefore: f.segmentRange.lowerBound)
            result.findings[fi].message += " (results.items[\(first + lo)])"
        }

        // Speakers.
        let totalWords = turns.reduce(0) { $0 + $1.words }
        let timed = turns.allSatisfy { $0.seconds != nil } && !turns.isEmpty
        let totalSeconds = timed ? turns.reduce(0.0) { $0 + ($1.seconds ?? 0) } : nil
        var warnings: [Diagnostic] = []
        var sideOf: [String: String] = [:]
        if !sides.isEmpty {
            for (key, side) in sides {
                let matched = names.filter { matches(key, $0) }
                if matched.isEmpty {
                    warnings.append(Diagnostic(.warning, path: document.path, message: "--speaker-role names '\(key)', who does not speak in this transcript; speakers are \(names.joined(separator: ", "))"))
                }
                for m in matched where sideOf[m] == nil { sideOf[m] = side }
            }
            for name in names where sideOf[name] == nil { sideOf[name] = "unassigned" }
        }
        struct Tally { var words = 0, turns = 0, made = 0, received = 0, questions = 0, demands = 0, findings = 0; var seconds = 0.0; var idx: [Int] = [] }
        func tally(_ members: Set<String>) -> (Tally, [Finding]) {
            var t = Tally()
            for (ti, turn) in turns.enumerated() where members.contains(turn.speaker) {
                t.words += turn.words
                t.turns += 1
                t.questions += turn.questions
                t.seconds += turn.seconds ?? 0
                t.idx.append(ti)
            }
            t.made = interruptions.filter { members.contains($0.by ?? "") }.count
            t.received = interruptions.filter { members.contains($0.of ?? "") }.count
            let fs = result.findings.filter { f in
                if let sp = f.speaker { return members.contains(sp) }
                if let ti = turnOfSegment[f.segment], f.ruleID != "transcript.escalation" { return members.contains(turns[ti].speaker) }
                return false
            }
            t.demands = fs.filter { $0.category == .demand && !$0.isCredit }.count
            t.findings = fs.filter { !$0.isCredit }.count
            return (t, fs)
        }
        var speakers: [TranscriptSummary.Speaker] = []
        for name in names {
            let (t, fs) = tally([name])
            let s = score(turnIndices: t.idx, findings: fs)
            speakers.append(.init(
                name: name, side: sideOf[name], score: s.overall, label: s.label, words: t.words,
                seconds: timed ? t.seconds : nil, share: totalWords > 0 ? Double(t.words) / Double(totalWords) : 0,
                timeShare: totalSeconds.flatMap { $0 > 0 ? t.seconds / $0 : nil }, turns: t.turns,
                interruptionsMade: t.made, interruptionsReceived: t.received, questions: t.questions, demands: t.demands, findings: t.findings))
        }
        var sideList: [TranscriptSummary.Side] = []
        if !sides.isEmpty {
            for side in orderedNames(names.compactMap { sideOf[$0] }) {
                let members = names.filter { sideOf[$0] == side }
                let (t, fs) = tally(Set(members))
                let s = score(turnIndices: t.idx, findings: fs)
                sideList.append(.init(
                    name: side, speakers: members, score: s.overall, label: s.label, words: t.words, seconds: timed ? t.seconds : nil,
                    share: totalWords > 0 ? Double(t.words) / Double(totalWords) : 0, interruptionsMade: t.made,
                    interruptionsReceived: t.received, questions: t.questions, demands: t.demands, findings: t.findings))
            }
        }
        return TranscriptSummary(
            speakers: speakers, sides: sideList, trajectory: trajectory, interruptions: interruptions, turns: n,
            turnOfSegment: turnOfSegment, warnings: warnings)
    }

    static func orderedNames(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }

    /// A role-map key matches a speaker by whole name or first name, ignoring case.
    static func matches(_ key: String, _ name: String) -> Bool {
        let k = key.lowercased().trimmingSpaces, n = name.lowercased()
        return k == n || n.split(separator: " ").first.map(String.init) == k
    }

    static func resolve(_ written: String, in names: [String]) -> String? {
        names.first { matches(written, $0) }
    }

    /// Whether a turn ends cut off: `--`, `—`, `–`, `…`, `...` or a trailing `-`.
    static func endsCutOff(_ t: [UInt8]) -> Bool {
        var e = t.count
        while e > 0, t[e - 1] == 0x20 || t[e - 1] == 0x0A || t[e - 1] == 0x09 || t[e - 1] == 0x0D { e -= 1 }
        guard e > 0 else { return false }
        if t[e - 1] == 0x2D { return true }  // - or --
        if e >= 3, t[e - 3] == 0xE2, t[e - 2] == 0x80, t[e - 1] == 0x94 || t[e - 1] == 0x93 || t[e - 1] == 0xA6 { return true }
        if e >= 3, t[e - 1] == 0x2E, t[e - 2] == 0x2E, t[e - 3] == 0x2E { return true }
        return false
    }

    /// The range of the first word of a turn (skipping cues and punctuation), or its first byte.
    static func firstWordRange(_ t: [UInt8]) -> Range<Int> {
        let cues = NonVerbalCue.scan(t)
        for tok in Tokenizer.tokenize(t) where tok.isWord && !cues.contains(where: { $0.range.contains(Int(tok.start)) }) {
            return Int(tok.start)..<Int(tok.end)
        }
        return 0..<min(1, t.count)
    }
}
