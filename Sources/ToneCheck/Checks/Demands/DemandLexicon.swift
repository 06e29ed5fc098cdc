import Foundation

/// Phrases compiled to token-hash sequences, matched inside one sentence. Phrases may
/// come from several lists at once, each list a tag bit (`tags(in:)`).
struct PhraseList: Sendable {
    /// First word's hash → index in `candidates`.
    private var byFirst = FlatHashMap(capacity: 8)
    /// Per first word: the phrases' word hashes and list bits, longest first.
    private var candidates: [[(words: [UInt64], tag: UInt32)]] = []

    init(_ phrases: [String]) { self.init(tagged: [phrases]) }

    /// `lists[k]` gets the bit `1 << k`.
    init(tagged lists: [[String]]) {
        for (k, phrases) in lists.enumerated() {
            for p in phrases {
                let hashes = Tokenizer.tokenize(Array(p.utf8)).map(\.hash)
                guard let f = hashes.first else { continue }
                if let i = byFirst.get(f) {
                    candidates[Int(i)].append((hashes, 1 << UInt32(k)))
                } else {
                    byFirst.insertGrowing(f, Int64(candidates.count))
                    candidates.append([(hashes, 1 << UInt32(k))])
                }
            }
        }
        for k in candidates.indices { candidates[k].sort { $0.words.count > $1.words.count } }
    }

    /// Whether candidate `c` matches at word `i`.
    private func matches(_ c: [UInt64], _ w: [DemandWord], at i: Int) -> Bool {
        guard i + c.count <= w.count else { return false }
        for k in 1..<max(1, c.count) where w[i + k].hash != c[k] { return false }
        return true
    }

    var isEmpty: Bool { candidates.isEmpty }

    /// The longest phrase starting at word `i`: its last word index.
    func match(_ w: [DemandWord], at i: Int) -> Int? {
        guard i < w.count, let k = byFirst.get(w[i].hash) else { return nil }
        for c in candidates[Int(k)] where matches(c.words, w, at: i) { return i + c.words.count - 1 }
        return nil
    }

    /// Every non-overlapping match in `w`: (first, last) word indices.
    func matches(_ w: [DemandWord]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = 0
        while i < w.count {
            if let e = match(w, at: i) { out.append((i, e)); i = e + 1 } else { i += 1 }
        }
        return out
    }

    func contains(_ w: [DemandWord]) -> Bool {
        for i in w.indices where match(w, at: i) != nil { return true }
        return false
    }

    /// The bits of the lists with a phrase anywhere in `w`.
    func tags(in w: [DemandWord]) -> UInt32 {
        var found: UInt32 = 0
        for i in w.indices {
            guard let k = byFirst.get(w[i].hash) else { continue }
            for c in candidates[Int(k)] where found & c.tag == 0 && matches(c.words, w, at: i) { found |= c.tag }
        }
        return found
    }
}

/// The word lists the `deadline` rules share, read from their pack's `lists`: how a
/// request opens, how a need is stated, and what softens it.
public struct DemandLexicon: Sendable {
    /// List names a pack with `deadline` rules must define.
    public static let requiredLists = [
        "request-starts", "request-questions", "request-needs", "request-exclusions", "request-skips",
        "please", "reasons", "offers", "acknowledgements",
    ]

    var starts: PhraseList
    var needStarts: TokenSet
    var questions: PhraseList
    var modalQuestions: PhraseList
    var needs: PhraseList
    var exclusions: PhraseList
    var skips: TokenSet
    var greetings: TokenSet
    var please: PhraseList
    /// please (bit 0), reasons (1), offers (2) and acknowledgements (3), in one pass.
    var softeners: PhraseList
    /// First-word hashes of every list phrase and deadline keyword: a sentence without one is skipped.
    var cues: TokenSet

    static let deadlineWords = [
        "asap", "immediately", "right", "as", "at", "straight", "eod", "cob", "eob", "eop", "eow", "end", "close", "this", "next",
        "today", "tomorrow", "tmrw", "tonight", "first", "lunch", "lunchtime", "noon", "midday", "midnight", "by", "before",
        "until", "till", "within", "in", "due",
    ]

    /// Builds the lexicon from named lists (`request-starts`, …). Missing lists are empty.
    public init(lists: [String: [String]]) {
        func l(_ k: String) -> [String] { lists[k] ?? [] }
        starts = PhraseList(l("request-starts"))
        needStarts = TokenSet(words: ["need", "needs", "want", "wanted"])
        questions = PhraseList(l("request-questions"))
        // Questions that soften with a modal: could/would first, or mind, possible, chance, wonder.
        // (Words, not substrings: "wondering" counts, by its start.)
        let modalWords = ["mind", "possible", "chance", "wonder"]
        modalQuestions = PhraseList(l("request-questions").filter { q in
            q.hasPrefix("could") || q.hasPrefix("would") || q.split(separator: " ").contains { w in modalWords.contains { w.hasPrefix($0) } }
        })
        needs = PhraseList(l("request-needs"))
        exclusions = PhraseList(l("request-exclusions"))
        skips = TokenSet(words: l("request-skips"))
        greetings = TokenSet(words: ["hi", "hello", "hey", "dear", "morning", "afternoon", "evening", "team", "all", "folks", "guys", "everyone"])
        please = PhraseList(l("please"))
        softeners = PhraseList(tagged: [l("please"), l("reasons"), l("offers"), l("acknowledgements")])
        var cues = TokenSet()
        for k in Self.requiredLists where k != "request-skips" {
            for p in l(k) { if let h = Tokenizer.tokenize(Array(p.utf8)).first?.hash { cues.insert(h) } }
        }
        for wd in Self.deadlineWords { cues.insert(TokenHash.of(wd)) }
        for wd in DeadlineParser.weekdayNames.keys { cues.insert(TokenHash.of(wd)) }
        for m in DeadlineParser.monthNames.keys { cues.insert(TokenHash.of(m)) }
        self.cues = cues
    }
}

/// A request found in text: what kind it is and which softeners it carries.
public struct Request: Sendable, Equatable {
    /// How the request is made.
    public enum Kind: String, Sendable, Equatable {
        /// An order: "Send me…", "Fix this".
        case imperative
        /// A need statement: "I need…", "you need to…", "make sure…".
        case need
        /// A question used as a request: "Can you…", "Could you…".
        case question
    }

    /// What makes a request easier to take.
    public enum Softener: String, Sendable, Equatable, CaseIterable, Comparable {
        /// please, kindly.
        case please
        /// could / would, "would you mind".
        case modal
        /// because, since, so that, "the audit starts Friday".
        case reason
        /// "let me know if you need anything", "happy to help".
        case offer
        /// "I know you're busy", "I know it's a lot".
        case acknowledgement

        /// In declaration order.
        public static func < (a: Softener, b: Softener) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    /// How it is made.
    public var kind: Kind
    /// The sentence.
    public var text: String
    /// Byte range of the sentence in the text checked.
    public var range: Range<Int>
    /// Softeners present (in the sentence, its neighbours for a reason, the message for an offer or acknowledgement).
    public var softeners: Set<Softener>
    /// Deadlines attached to it.
    public var deadlines: [Deadline]
    /// Whether it carries an urgency word (ASAP, urgent, immediately).
    public var isUrgent: Bool

    /// Softeners it lacks, in order.
    public var missingSofteners: [Softener] { Softener.allCases.filter { !softeners.contains($0) } }
}
