import Foundation

/// What a batch report keeps and how.
public struct ReportOptions: Sendable {
    /// How many of the worst messages to keep (with their text, for the HTML page).
    public var worstCount: Int = 10
    /// At most this many bytes of a worst message's text are kept.
    public var excerptBytes: Int = 6000
    /// Findings of these rules are listed as demands with unreasonable lead times.
    public var demandRuleIDs: Set<String> = ["demand.short-lead-time", "demand.deadline-past", "demand.after-hours"]
    /// At most this many demands are listed (all are counted).
    public var demandLimit: Int = 100
    /// How many senders the tables show (all are counted).
    public var senderLimit: Int = 50
    /// Addresses and domains to team names.
    public var teams: TeamMap = TeamMap()

    /// Default options.
    public init() {}
}

/// Aggregate scores of a group of messages (a sender, a team, a week).
public struct GroupStats: Sendable, Equatable {
    /// Messages with a score.
    public var messages = 0
    /// Sum of their overall scores.
    public var scoreSum = 0.0
    /// The lowest score.
    public var minScore = Double.infinity
    /// Findings at error severity.
    public var errors = 0
    /// Findings at warning severity.
    public var warnings = 0
    /// Messages scoring under 50 (`needs work` or `hostile`).
    public var below50 = 0

    /// Creates empty stats.
    public init() {}

    /// Mean overall score, nil when there are no messages.
    public var mean: Double? { messages == 0 ? nil : scoreSum / Double(messages) }

    mutating func add(_ m: MessageSummary) {
        guard let s = m.score else { return }
        messages += 1
        scoreSum += s
        minScore = min(minScore, s)
        errors += m.errors
        warnings += m.warnings
        if s < 50 { below50 += 1 }
    }
}

/// A highlighted stretch of a message's text.
public struct TextMark: Sendable, Equatable {
    /// UTF-8 byte range within the part's text.
    public var range: Range<Int>
    /// The rule id.
    public var ruleID: String
    /// The finding's message.
    public var message: String
    /// Its severity.
    public var severity: Severity
    /// Whether it is a politeness credit.
    public var isCredit: Bool
}

/// A piece of a kept message's text (one segment), with its findings marked.
public struct TextPart: Sendable, Equatable {
    /// What the text is (body, quoted, signature, turn).
    public var role: SegmentRole
    /// The speaker of a transcript turn.
    public var speaker: String?
    /// The text as UTF-8 (possibly cut short).
    public var text: [UInt8]
    /// Problems found within `text`, in order, not overlapping (the most severe wins an overlap).
    public var marks: [TextMark]
    /// Whether the text was cut short.
    public var truncated: Bool
}

/// A finding, as listed in a report.
public struct FindingSummary: Sendable, Equatable {
    /// The rule id.
    public var ruleID: String
    /// The category.
    public var category: Category
    /// The severity.
    public var severity: Severity
    /// The message.
    public var message: String
    /// The matched words.
    public var match: String
    /// The first suggestion, if any.
    public var suggestion: String?
}

/// One message, reduced to what a report shows (one CSV row; a worst message also keeps text).
public struct MessageSummary: Sendable, Equatable {
    /// The document id.
    public var id: String
    /// `Message-ID`, when known.
    public var messageID: String?
    /// The path it came from.
    public var path: String?
    /// When it was sent.
    public var date: Date?
    /// The UTC offset the date was written in.
    public var dateOffsetSeconds: Int?
    /// The ISO week of `date` in its own offset.
    public var week: ISOWeek?
    /// `From`.
    public var from: String?
    /// The sender's team.
    public var fromTeam: String
    /// `To` recipients.
    public var to: [String]
    /// The recipients' distinct teams, in order.
    public var toTeams: [String]
    /// The subject.
    public var subject: String?
    /// Overall score, nil when the input could not be read.
    public var score: Double?
    /// Score label (`warm`, `fine`, `needs work`, `hostile`, `empty`, `error`).
    public var label: String
    /// Per-category scores.
    public var categories: [Category: Double]
    /// Problem counts by severity.
    public var errors: Int, warnings: Int, infos: Int
    /// The rule that took most points off, if any.
    public var topRule: String?
    /// Up to five findings, most severe first.
    public var topFindings: [FindingSummary]
    /// The text with findings marked; filled only for kept worst messages.
    public var parts: [TextPart] = []
    /// The reading error, for unreadable input.
    public var error: String?

    /// `date` as ISO 8601 in its own offset, or "".
    public var dateString: String { date.map { ISO8601.string($0, offset: dateOffsetSeconds) } ?? "" }

    /// Summarises a report (without the text; see `withText`).
    public init(_ r: DocumentReport, teams: TeamMap) {
        let d = r.document, m = d.metadata
        id = d.id ?? d.path ?? ""
        messageID = m.messageID
        path = d.path
        date = m.date
        dateOffsetSeconds = m.dateOffsetSeconds
        week = m.date.map { ISOWeek(date: $0, offset: m.dateOffsetSeconds) }
        from = m.from
        fromTeam = teams.team(of: m.from)
        to = m.to
        var tt: [String] = []
        for a in m.to { let t = teams.team(of: a); if !tt.contains(t) { tt.append(t) } }
        toTeams = tt
        subject = m.subject
        error = r.error
        score = r.error == nil && r.score.overall.isFinite ? r.score.overall : nil
        label = r.error == nil ? r.score.label : "error"
        categories = r.score.categories
        var e = 0, w = 0, i = 0
        for f in r.findings where !f.isCredit {
            switch f.severity { case .error: e += 1; case .warning: w += 1; case .info: i += 1 }
        }
        errors = e; warnings = w; infos = i
        topRule = r.score.contributions.first(where: { $0.points < 0 })?.ruleID ?? r.problems.first?.ruleID
        let problems = r.problems.enumerated().sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }
        var seen = Set<String>()
        var top: [FindingSummary] = []
        for (_, f) in problems where top.count < 5 && seen.insert(f.ruleID + "\u{0}" + f.match).inserted {
            top.append(FindingSummary(ruleID: f.ruleID, category: f.category, severity: f.severity, message: f.message, match: f.match, suggestion: f.suggestions.first))
        }
        topFindings = top
    }

    /// This summary with the report's text (all segments but placeholders), each cut to
    /// fit `limit` bytes in all, and its findings marked.
    public func withText(_ r: DocumentReport, limit: Int) -> MessageSummary {
        var s = self
        var budget = limit
        for (index, seg) in r.document.segments.enumerated() where seg.role != .placeholder && seg.role != .subject {
            if budget <= 0 { break }
            var n = min(seg.text.count, budget)
            while n < seg.text.count, n > 0, seg.text[n] & 0xC0 == 0x80 { n -= 1 }
            budget -= n
            // Problems only; where they overlap, the most severe (then the longest) wins.
            let candidates = r.findings.filter { f in
                !f.isCredit && f.segment == index && f.segmentRange.upperBound <= n && !f.segmentRange.isEmpty
            }.sorted { ($0.severity, $0.segmentRange.count, -$0.segmentRange.lowerBound) > ($1.severity, $1.segmentRange.count, -$1.segmentRange.lowerBound) }
            var marks: [TextMark] = []
            for f in candidates where !marks.contains(where: { $0.range.overlaps(f.segmentRange) }) {
                marks.append(TextMark(range: f.segmentRange, ruleID: f.ruleID, message: f.message, severity: f.severity, isCredit: f.isCredit))
            }
            marks.sort { $0.range.lowerBound < $1.range.lowerBound }
            s.parts.append(TextPart(role: seg.role, speaker: seg.speaker, text: Array(seg.text[0..<n]), marks: marks, truncated: n < seg.text.count))
        }
        return s
    }
}

/// How often a rule fired across the batch.
public struct RuleStats: Sendable, Equatable {
    /// The rule id.
    public var ruleID: String
    /// Its category.
    public var category: Category
    /// Its (most severe seen) severity.
    public var severity: Severity
    /// The message of its first finding.
    public var message: String
    /// Findings in all.
    public var findings = 0
    /// Messages with at least one.
    public var messages = 0
}

/// A demand with an unreasonable lead time, as listed in a report.
public struct DemandSummary: Sendable, Equatable {
    /// The message's id.
    public var messageID: String
    /// Its subject.
    public var subject: String?
    /// Its sender.
    public var from: String?
    /// When it was sent.
    public var date: String
    /// The finding.
    public var finding: FindingSummary
}

/// Week-over-week change of a team's (or everyone's) mean score.
public struct WeekChange: Sendable, Equatable {
    /// The team, or nil for all messages.
    public var team: String?
    /// The later week.
    public var week: ISOWeek
    /// The week before it (the previous week that has messages).
    public var previous: ISOWeek
    /// Mean scores in both.
    public var mean: Double, previousMean: Double
    /// `mean - previousMean`.
    public var delta: Double { mean - previousMean }
}

/// A streaming summary of a batch of checked messages. `add` keeps only aggregates and
/// a bounded list of the worst messages, so memory does not grow with the mailbox.
public struct BatchSummary: Sendable {
    /// What to keep.
    public let options: ReportOptions
    /// Documents added (readable or not).
    public private(set) var messages = 0
    /// Documents that could not be read.
    public private(set) var unreadable = 0
    /// All scored messages.
    public private(set) var overall = GroupStats()
    /// Messages with no date.
    public private(set) var undated = 0
    /// Score histogram: bin i counts scores in [10i, 10i+10), the last bin includes 100.
    public private(set) var histogram = [Int](repeating: 0, count: 10)
    /// Per sender address (lowercased).
    public private(set) var senders: [String: GroupStats] = [:]
    /// A display name per sender address.
    public private(set) var senderNames: [String: String] = [:]
    /// Per sender team.
    public private(set) var teams: [String: GroupStats] = [:]
    /// Per recipient team (a message to two teams counts for both).
    public private(set) var recipientTeams: [String: GroupStats] = [:]
    /// Per ISO week.
    public private(set) var weeks: [ISOWeek: GroupStats] = [:]
    /// Per sender team per ISO week.
    public private(set) var teamWeeks: [String: [ISOWeek: GroupStats]] = [:]
    /// Per rule (problems only).
    public private(set) var rules: [String: RuleStats] = [:]
    /// Sum of per-category scores, for means.
    public private(set) var categorySums: [Category: Double] = [:]
    /// Demands with unreasonable lead times (at most `options.demandLimit`).
    public private(set) var demands: [DemandSummary] = []
    /// All such demands, listed or not.
    public private(set) var demandCount = 0
    /// The worst messages, lowest score first (at most `options.worstCount`).
    public private(set) var worst: [MessageSummary] = []

    /// An empty summary.
    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    /// Adds one checked document and returns its summary (a CSV row).
    @discardableResult
    public mutating func add(_ r: DocumentReport) -> MessageSummary {
        let m = MessageSummary(r, teams: options.teams)
        messages += 1
        guard let score = m.score else { unreadable += 1; return m }
        overall.add(m)
        histogram[min(9, max(0, Int(score / 10)))] += 1
        let sender = m.from.flatMap(TeamMap.address(in:)) ?? "(unknown)"
        senders[sender, default: GroupStats()].add(m)
        if senderNames[sender] == nil, let f = m.from { senderNames[sender] = TeamMap.displayName(f) }
        teams[m.fromTeam, default: GroupStats()].add(m)
        for t in m.toTeams.isEmpty ? [TeamMap.other] : m.toTeams { recipientTeams[t, default: GroupStats()].add(m) }
        if let w = m.week {
            weeks[w, default: GroupStats()].add(m)
            teamWeeks[m.fromTeam, default: [:]][w, default: GroupStats()].add(m)
        } else {
            undated += 1
        }
        for c in Category.allCases { categorySums[c, default: 0] += r.score.categories[c] ?? 100 }
        var seenRules = Set<String>()
        for f in r.findings where !f.isCredit {
            var s = rules[f.ruleID] ?? RuleStats(ruleID: f.ruleID, category: f.category, severity: f.severity, message: f.message)
            s.findings += 1
            s.severity = max(s.severity, f.severity)
            if seenRules.insert(f.ruleID).inserted { s.messages += 1 }
            rules[f.ruleID] = s
            if options.demandRuleIDs.contains(f.ruleID) {
                demandCount += 1
                if demands.count < options.demandLimit {
                    demands.append(DemandSummary(messageID: m.messageID ?? m.id, subject: m.subject, from: m.from, date: m.dateString,
                                                 finding: FindingSummary(ruleID: f.ruleID, category: f.category, severity: f.severity, message: f.message, match: f.match, suggestion: f.suggestions.first)))
                }
            }
        }
        // Keep the worst N: lowest score first; ties keep the earlier message.
        if options.worstCount > 0 && (worst.count < options.worstCount || score < worst.last!.score!) {
            let i = worst.firstIndex { $0.score! > score } ?? worst.count
            worst.insert(m.withText(r, limit: options.excerptBytes), at: i)
            if worst.count > options.worstCount { worst.removeLast() }
        }
        return m
    }

    /// Distinct senders seen.
    public var senderCount: Int { senders.count }

    /// Mean per-category scores.
    public var categoryMeans: [Category: Double] {
        guard overall.messages > 0 else { return [:] }
        return categorySums.mapValues { $0 / Double(overall.messages) }
    }

    /// Weeks with messages, in order.
    public var sortedWeeks: [ISOWeek] { weeks.keys.sorted() }

    /// Teams in the team map's order, then any others (such as `other`) by name.
    public var sortedTeams: [String] {
        let known = options.teams.teams
        let all = Set(teams.keys).union(recipientTeams.keys)
        return known.filter(all.contains) + all.subtracting(known).sorted()
    }

    /// Rules by findings, most first (ties by id).
    public var topRules: [RuleStats] {
        rules.values.sorted { ($0.findings, $1.ruleID) > ($1.findings, $0.ruleID) }
    }

    /// Senders by mean score, lowest first (ties by address).
    public var sendersByScore: [(address: String, stats: GroupStats)] {
        senders.map { ($0.key, $0.value) }.sorted { ($0.stats.mean ?? 100, $0.address) < ($1.stats.mean ?? 100, $1.address) }
    }

    /// Change of the mean score from the previous week with messages, for all messages
    /// (team nil) and for each team, at the latest week. Nil entries are left out; empty
    /// when the data covers a single week.
    public var latestChanges: [WeekChange] {
        let ws = sortedWeeks
        guard ws.count >= 2 else { return [] }
        let last = ws[ws.count - 1], prev = ws[ws.count - 2]
        var out: [WeekChange] = []
        if let a = weeks[last]?.mean, let b = weeks[prev]?.mean {
            out.append(WeekChange(team: nil, week: last, previous: prev, mean: a, previousMean: b))
        }
        for t in sortedTeams {
            if let a = teamWeeks[t]?[last]?.mean, let b = teamWeeks[t]?[prev]?.mean {
                out.append(WeekChange(team: t, week: last, previous: prev, mean: a, previousMean: b))
            }
        }
        return out
    }

    /// For each week with messages, the change of its mean from the week before it (nil for the first).
    public var weeklyDeltas: [(week: ISOWeek, stats: GroupStats, delta: Double?)] {
        var out: [(ISOWeek, GroupStats, Double?)] = []
        var prev: Double?
        for w in sortedWeeks {
            let s = weeks[w]!
            out.append((w, s, prev.flatMap { p in s.mean.map { $0 - p } }))
            prev = s.mean
        }
        return out
    }
}
