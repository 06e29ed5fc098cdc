import Foundation

/// What a rule is about; each has its own 0–100 score.
public enum Category: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Hostility, condescension, passive aggression, blame, sarcasm, shouting, profanity.
    case tone
    /// Negative phrasing, minimising the work, dismissive or demeaning words, jargon.
    case wordChoice = "word-choice"
    /// Urgency, bare orders, threats, deadlines without regard to time.
    case demand
    /// Politeness strategies: gratitude, please, apology, greeting, hedges, ...
    case politeness

    /// Orders categories as listed above.
    public static func < (a: Category, b: Category) -> Bool { a.index < b.index }

    /// How many categories there are.
    static let count = 4

    /// Position in `allCases` (a switch: `allCases` is an array made on every use).
    var index: Int {
        switch self {
        case .tone: 0
        case .wordChoice: 1
        case .demand: 2
        case .politeness: 3
        }
    }
}

/// How serious a finding is. Ordered: `info < warning < error`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable, Hashable {
    /// Worth knowing; a politeness credit is always `info`.
    case info
    /// Reads badly; worth rewording.
    case warning
    /// Hostile or unacceptable.
    case error

    /// `info < warning < error`.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// Position in `info < warning < error` (compared per match: no search of `allCases`).
    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// How a rule finds its matches.
public enum RuleKind: String, Sendable, Codable, CaseIterable {
    /// A list of literal phrases (`phrases`), matched on whole words, case-insensitive,
    /// with simple inflection (`inflect`).
    case phrase
    /// Phrases with a better wording each (`swap`); a single replacement is a safe fix.
    case substitution
    /// Token patterns (`patterns`) with alternatives, optional words, wildcards and gaps.
    case pattern
    /// A sentence that opens with one of `starts` and contains none of `unless`.
    case sentence
    /// A measurement over a sentence or the document (`metric`): caps share, `!!` runs,
    /// density of other findings.
    case metric
    /// Other rules' findings counted over the document (`of`, `min`).
    case occurrence
    /// A bounded regular expression (`regex`), for the rare rule that needs one.
    case regex
    /// A structural demand check (`check`: deadline-past, short-lead-time, after-hours,
    /// urgent-no-reason, stacked-urgent, threat-with-demand) configured from the file
    /// while code does the date arithmetic (Checks/Demands).
    case deadline
}

/// One rule, as written in a rule file.
public struct Rule: Sendable, Equatable {
    /// Unique id, `category.name` (`tone.passive-aggressive`).
    public var id: String
    /// The category whose score it affects.
    public var category: Category
    /// How serious its findings are.
    public var severity: Severity
    /// How it matches.
    public var kind: RuleKind
    /// The finding's message; `{match}` is replaced by the matched text.
    public var message: String
    /// One or two plain sentences a manager could read to a team.
    public var why: String
    /// Better phrasings to offer.
    public var suggest: [String]
    /// Score impact in points: positive takes points off, negative is a politeness credit.
    public var weight: Double
    /// Segment roles the rule applies to.
    public var scope: Set<SegmentRole>
    /// Whether phrase words also match their inflections (demand, demands, demanded).
    public var inflect: Bool
    /// Literal phrases (`phrase` kind).
    public var phrases: [String]
    /// Token patterns (`pattern` kind, and `starts` of a `sentence` rule).
    public var patterns: [String]
    /// Phrase → replacement(s) (`substitution` kind); `a|b` offers several.
    public var swap: [String: String]
    /// Whether a single replacement may be applied by `--fix` (default true).
    public var fix: Bool
    /// Patterns one of which must open the sentence (`sentence` kind).
    public var starts: [String]
    /// Phrases that, anywhere in the same sentence, cancel a finding.
    public var unless: [String]
    /// Metric name (`metric` kind): `caps-share`, `punctuation-run`, `density`.
    public var metric: String?
    /// Metric threshold: share (0–1) for `caps-share`, run length for `punctuation-run`,
    /// findings per 100 words for `density`.
    public var threshold: Double?
    /// Minimum count: words in a sentence (`caps-share`), findings (`occurrence`).
    public var min: Int?
    /// Rule ids or categories counted by `occurrence` and `density`.
    public var of: [String]
    /// Words never counted as shouting (`caps-share`): acronyms such as FAQ, SLA.
    public var acronyms: [String]
    /// The regular expression (`regex` kind).
    public var regex: String?
    /// Whether `regex` is case-sensitive (default false).
    public var caseSensitive: Bool
    /// Whether a match counts only in a sentence that ends with a question mark.
    public var question: Bool = false
    /// What a negator shortly before a match ("not", "never", "no", "don't", ...) does to it.
    public var negation: Negation = .keep
    /// The structural check a `deadline` rule runs (`short-lead-time`, ...).
    public var check: String? = nil
    /// Texts that must trigger (a `↓` marks where each finding starts) and must not.
    public var examples: Examples
    /// The file the rule came from and the line of its id, for messages.
    public var source: RuleSource?

    /// Examples carried by a rule and run by the test suite and `tonecheck rules test`.
    public struct Examples: Sendable, Codable, Equatable {
        /// Texts that must produce at least one finding, at every `↓` marker when present.
        public var trigger: [String]
        /// Texts that must produce none.
        public var clean: [String]

        /// Creates examples.
        public init(trigger: [String] = [], clean: [String] = []) {
            self.trigger = trigger
            self.clean = clean
        }
    }

    /// What a negator up to three words before a match, in the same sentence and clause, does.
    public enum Negation: String, Sendable, Codable, CaseIterable {
        /// Nothing: the finding stands as it is (the default).
        case keep
        /// The finding is dropped ("not a problem" is no problem).
        case drop
        /// A credit turns into a penalty of the same size ("not helpful" reads as negative);
        /// a penalty is dropped (a negated problem never becomes a credit).
        case flip
    }

    /// Whether findings of this rule add to the score rather than take from it.
    public var isCredit: Bool { weight < 0 }

    /// Whether the rule is a scoring signal rather than advice: the politeness strategies
    /// (category `politeness`, severity `info`: "could you", "thanks", a second-person
    /// start, ...). Signals move the score and show in its contributions; they are listed
    /// one by one only on request (`CheckOptions.reportSignals`, `--show-credits`), since a
    /// "you" in every sentence is evidence for the score, not something to fix.
    public var isSignal: Bool { category == .politeness && severity == .info }

    /// Roles a rule applies to when its file does not say.
    public static let defaultScope: Set<SegmentRole> = [.body, .subject, .turn]
}

/// Where a rule was defined.
public struct RuleSource: Sendable, Equatable {
    /// The rule file's path (or `builtin:NAME` for an embedded pack).
    public var path: String
    /// 1-based line of the rule's `id`, when found.
    public var line: Int?
}

/// The scoring constants, settable from a rule file's `scoring` object.
public struct ScoringParameters: Sendable, Codable, Equatable {
    /// Log-odds of a message with no findings at all (2.0 ≈ 88/100).
    public var bias: Double = 2.0
    /// Points per unit of log-odds: a weight of 10 moves the log-odds by 1.
    public var pointsPerLogit: Double = 10
    /// Words of clean text before length starts to soften findings.
    public var lengthReference: Double = 60
    /// How much length softens each severity: 0 not at all, 1 fully (divided by the length factor).
    public var dilution: [String: Double] = ["info": 1.0, "warning": 0.7, "error": 0.3]
    /// Each repeat of the same rule counts this fraction of the one before.
    public var repeatDecay: Double = 0.6
    /// Most points politeness credits can add in total.
    public var creditCap: Double = 30
    /// Points of credit lost per point of warning or error outside politeness.
    public var creditOffset: Double = 2
    /// Lowest score for each label, best first.
    public var labels: [Label] = [
        Label(name: "warm", min: 90), Label(name: "fine", min: 70),
        Label(name: "needs work", min: 45), Label(name: "hostile", min: 0),
    ]

    /// A named band of scores.
    public struct Label: Sendable, Codable, Equatable {
        /// The label (`warm`).
        public var name: String
        /// Lowest score with this label.
        public var min: Double
    }

    /// The defaults.
    public init() {}
}
