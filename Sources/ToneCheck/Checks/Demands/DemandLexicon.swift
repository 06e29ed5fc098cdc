import Foundation

/// Phrases compiled to token-hash sequences, matched inside one sentence. Phrases may
/// come from several lists at once, each list a tag bit (`tags(in:)`). Stored flat: a
/// table keyed by a phrase's first two words (its first word alone for one-word phrases)
/// gives a range into one array of phrases and one of word hashes, so a word such as "I",
/// which opens many phrases, is compared only with those that go on like the text does;
/// building one at start-up costs a tokenizer pass over its phrases and little else.
struct PhraseList: Sendable {
    /// One phrase: its word hashes are `words[start..<start + count]`.
    private struct Phrase {
        var start: Int32
        var count: Int32
        var tag: UInt32
    }

    /// The compiled phrases, shared by copies of the list and never changed. (A list is
    /// then two words: passing one to a method, which the lexicon's lists are passed
    /// unpacked into, copies no tables.)
    private final class Tables: Sendable {
        /// Key (`key(_:_:)` of the first two words, or the first word's hash for one-word
        /// phrases) → group: the phrases `phrases[groupStart[g]..<groupStart[g + 1]]`,
        /// longest first.
        let pairs: FlatHashMap
        let singles: FlatHashMap
        /// 4096-bit filters (`DemandLexicon.filterBit`) over the keys of `pairs` (words
        /// 0..<64) and of `singles` (64..<128): most words that start a phrase of the list do
        /// not go on like one, and a clear bit says so without a table lookup.
        let filter: [UInt64]
        let groupStart: [Int32]
        let phrases: [Phrase]
        let words: [UInt64]
        /// First words' hashes.
        let firstWords: [UInt64]

        init(pairs: FlatHashMap, singles: FlatHashMap, filter: [UInt64], groupStart: [Int32], phrases: [Phrase], words: [UInt64], firstWords: [UInt64]) {
            self.pairs = pairs
            self.singles = singles
            self.filter = filter
            self.groupStart = groupStart
            self.phrases = phrases
            self.words = words
            self.firstWords = firstWords
        }
    }

    private let t: Tables
    /// This list's bit in `DemandWord.lists` (0: none given, every word is looked up).
    var bit: UInt64 = 0
    /// First words' hashes.
    var firstWords: [UInt64] { t.firstWords }

    init(_ phrases: [String]) { self.init(tagged: [phrases]) }

    @inline(__always)
    private static func key(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ (second << 29 | second >> 35)
    }

    /// `lists[k]` gets the bit `1 << k`.
    init(tagged lists: [[String]]) {
        var pairs = FlatHashMap(capacity: 8), singles = FlatHashMap(capacity: 8)
        var words: [UInt64] = [], firstWords: [UInt64] = []
        var filter = [UInt64](repeating: 0, count: 128)
        var entries: [(group: Int32, phrase: Phrase)] = []
        var tokens: [Token] = []
        var groups: Int32 = 0
        var firsts = TokenSet()
        for (k, list) in lists.enumerated() {
            for p in list {
                PhraseList.tokenize(p, into: &tokens)
                guard let first = tokens.first?.hash else { continue }
                if !firsts.contains(first) {
                    firsts.insert(first)
                    firstWords.append(first)
                }
                // The group of this key in `table`, opened when new.
                func group(_ key: UInt64, in table: inout FlatHashMap, filterFrom base: Int) -> Int32 {
                    let f = DemandLexicon.filterBit(key)
                    filter[base + f.word] |= f.bit
                    if let known = table.get(key) { return Int32(known) }
                    table.insertGrowing(key, Int64(groups))
                    groups += 1
                    return groups - 1
                }
                let g = tokens.count == 1 ? group(first, in: &singles, filterFrom: 64) : group(PhraseList.key(first, tokens[1].hash), in: &pairs, filterFrom: 0)
                entries.append((g, Phrase(start: Int32(words.count), count: Int32(tokens.count), tag: 1 << UInt32(k))))
                for t in tokens { words.append(t.hash) }
            }
        }
        // By group, longest first, and in list order among equals: a counting sort on the
        // group (stable), then an insertion sort by length within each group (groups are short).
        var groupStart = [Int32](repeating: 0, count: Int(groups) + 1)
        for e in entries { groupStart[Int(e.group) + 1] += 1 }
        for g in 0..<Int(groups) { groupStart[g + 1] += groupStart[g] }
        var next = groupStart
        var sorted = [Phrase](repeating: Phrase(start: 0, count: 0, tag: 0), count: entries.count)
        for e in entries {
            sorted[Int(next[Int(e.group)])] = e.phrase
            next[Int(e.group)] += 1
        }
        for g in 0..<Int(groups) {
            let lo = Int(groupStart[g]), hi = Int(groupStart[g + 1])
            var k = lo + 1
            while k < hi {
                let p = sorted[k]
                var j = k
                while j > lo, sorted[j - 1].count < p.count {
                    sorted[j] = sorted[j - 1]
                    j -= 1
                }
                sorted[j] = p
                k += 1
            }
        }
        t = Tables(pairs: pairs, singles: singles, filter: filter, groupStart: groupStart, phrases: sorted, words: words, firstWords: firstWords)
    }

    /// The tokens of `text`, into `tokens` (emptied first).
    static func tokenize(_ text: String, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { Tokenizer.tokenize($0, into: &tokens) }
    }

    /// Whether phrase `p` matches at word `i` (every word compared: two-word keys can collide).
    @inline(__always)
    private func matches(_ p: Phrase, _ w: Words, at i: Int) -> Bool {
        let n = Int(p.count), s = Int(p.start)
        guard i + n <= w.count else { return false }
        for k in 0..<n where w[i + k].hash != t.words[s + k] { return false }
        return true
    }

    var isEmpty: Bool { t.phrases.isEmpty }

    /// Words of one sentence.
    typealias Words = SentenceWords

    /// Whether no phrase of this list can start in a sentence whose words' `lists` bits,
    /// or'ed, are `bits`.
    @inline(__always)
    private func absent(_ bits: UInt64) -> Bool { bit != 0 && bits & bit == 0 }

    /// The phrases of two words or more that open like `w[i...]`, longest first; and the
    /// one-word phrases that are `w[i]`.
    @inline(__always)
    private func groups(_ w: Words, _ i: Int) -> (longer: Range<Int>, single: Range<Int>) {
        guard bit == 0 || w[i].lists & bit != 0 else { return (0..<0, 0..<0) }
        var longer = 0..<0, single = 0..<0
        let t = t
        @inline(__always) func mayHold(_ key: UInt64, from base: Int) -> Bool {
            let f = DemandLexicon.filterBit(key)
            return t.filter[base + f.word] & f.bit != 0
        }
        if i + 1 < w.count {
            let key = PhraseList.key(w[i].hash, w[i + 1].hash)
            if mayHold(key, from: 0), let g = t.pairs.get(key) { longer = Int(t.groupStart[Int(g)])..<Int(t.groupStart[Int(g) + 1]) }
        }
        if mayHold(w[i].hash, from: 64), let g = t.singles.get(w[i].hash) { single = Int(t.groupStart[Int(g)])..<Int(t.groupStart[Int(g) + 1]) }
        return (longer, single)
    }

    /// The longest phrase starting at word `i`: its last word index. (Inlined up to the
    /// test of the word's list bit, which most words fail.)
    @inline(__always)
    func match(_ w: Words, at i: Int) -> Int? {
        guard i < w.count, bit == 0 || w[i].lists & bit != 0, mayStart(w, i) else { return nil }
        return longestMatch(w, at: i)
    }

    /// Whether the filters let through the word at `i` as a one-word phrase or the two at
    /// `i` as a longer one's start (inlined: most words with the list's bit fail here, and
    /// a call would cost more than the test).
    @inline(__always)
    private func mayStart(_ w: Words, _ i: Int) -> Bool {
        let t = t, h = w[i].hash
        let single = DemandLexicon.filterBit(h)
        if t.filter[64 + single.word] & single.bit != 0 { return true }
        guard i + 1 < w.count else { return false }
        let pair = DemandLexicon.filterBit(PhraseList.key(h, w[i + 1].hash))
        return t.filter[pair.word] & pair.bit != 0
    }

    /// `match` past its first test.
    private func longestMatch(_ w: Words, at i: Int) -> Int? {
        let g = groups(w, i), phrases = t.phrases
        for k in g.longer where matches(phrases[k], w, at: i) { return i + Int(phrases[k].count) - 1 }
        for k in g.single where matches(phrases[k], w, at: i) { return i }
        return nil
    }

    /// The first of the non-overlapping matches in `w` (taken left to right, each ending
    /// where the next may start) that `accept` takes by its first word: (first, last) word
    /// indices. Stops there, so no list of matches is built. `bits`: the words' `lists`, or'ed.
    func firstMatch(_ w: Words, bits: UInt64 = .max, where accept: (Int) -> Bool = { _ in true }) -> (Int, Int)? {
        if absent(bits) { return nil }
        var i = 0
        while i < w.count {
            if bit != 0 && w[i].lists & bit == 0 {
                i += 1
                continue
            }
            if let e = match(w, at: i) {
                if accept(i) { return (i, e) }
                i = e + 1
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Whether a phrase occurs in `w` (`bits`: the words' `lists`, or'ed).
    func contains(_ w: Words, bits: UInt64 = .max) -> Bool {
        if absent(bits) { return false }
        for i in w.indices where (bit == 0 || w[i].lists & bit != 0) && match(w, at: i) != nil { return true }
        return false
    }

    /// The bits of the lists with a phrase anywhere in `w` (`bits`: the words' `lists`, or'ed).
    func tags(in w: Words, bits: UInt64 = .max) -> UInt32 {
        if absent(bits) { return 0 }
        var found: UInt32 = 0
        let phrases = t.phrases, bit = bit, n = w.count
        var i = 0
        while i < n {
            // On to the next word that starts a phrase of the list (a tight loop: most do not).
            if bit != 0 {
                while i < n && w[i].lists & bit == 0 { i += 1 }
                if i == n { break }
            }
            let g = groups(w, i)
            for k in g.longer where found & phrases[k].tag == 0 && matches(phrases[k], w, at: i) { found |= phrases[k].tag }
            for k in g.single where found & phrases[k].tag == 0 && matches(phrases[k], w, at: i) { found |= phrases[k].tag }
            i += 1
        }
        return found
    }
}

/// Word hash → `DemandLexicon` word-info bits, read once per token by the demand analysis.
/// Open addressing over slots of four bytes (16 KB for up to 2,048 words), indexed by 12 or
/// more bits of the mixed hash (`DemandLexicon.filterBit`'s for 4,096 slots); a slot is 0
/// or 1 + the index of an entry, whose hash and bits are kept apart. A word in no list, most
/// of a text, usually finds its slot empty at one load, and a word in one costs a compare
/// more: no tag, no second table.
struct WordInfoTable: Sendable {
    private var slots = [UInt32](repeating: 0, count: 4096)
    private var shift: UInt64 = 52
    private var keys: [UInt64] = []
    private var values: [UInt64] = []

    /// The first slot to probe for `h` (the top bits of the mixed hash).
    @inline(__always)
    private static func slot(_ h: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) &>> shift) }

    /// The bits of `h`, or nil for a word in no list.
    @inline(__always)
    func get(_ h: UInt64) -> UInt64? { withLookup { $0.get(h) } }

    /// `get` with the table's storage held open, for a loop over many words.
    struct Lookup {
        fileprivate let slots: UnsafeBufferPointer<UInt32>
        fileprivate let keys: UnsafeBufferPointer<UInt64>
        fileprivate let values: UnsafeBufferPointer<UInt64>
        fileprivate let shift: UInt64
        fileprivate let mask: Int

        /// The bits of `h`, or nil.
        @inline(__always)
        func get(_ h: UInt64) -> UInt64? {
            var i = WordInfoTable.slot(h, shift)
            while true {
                let e = Int(slots[i])
                if e == 0 { return nil }
                if keys[e - 1] == h { return values[e - 1] }
                i = (i + 1) & mask
            }
        }
    }

    /// Runs `body` with a `Lookup` on this table.
    @inline(__always)
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { s in
            keys.withUnsafeBufferPointer { k in values.withUnsafeBufferPointer { v in body(Lookup(slots: s, keys: k, values: v, shift: shift, mask: s.count &- 1)) } }
        }
    }

    /// Or's `bits` into those of `h`, doubling the slots first when they would be over half full.
    mutating func add(_ h: UInt64, _ bits: UInt64) {
        if let e = index(h) {
            values[e] |= bits
            return
        }
        if (keys.count + 1) * 2 > slots.count {
            slots = [UInt32](repeating: 0, count: slots.count * 2)
            shift -= 1
            for e in keys.indices { place(e) }
        }
        keys.append(h)
        values.append(bits)
        place(keys.count - 1)
    }

    /// The entry of `h`, if it has one.
    private func index(_ h: UInt64) -> Int? {
        var i = Self.slot(h, shift)
        while slots[i] != 0 {
            if keys[Int(slots[i]) - 1] == h { return Int(slots[i]) - 1 }
            i = (i + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Puts entry `e` in the first free slot from its own.
    private mutating func place(_ e: Int) {
        var i = Self.slot(keys[e], shift)
        while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
        slots[i] = UInt32(e + 1)
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
    /// The `please` list: looked for in every sentence with a cue, as it can make a request.
    var please: PhraseList
    /// reasons (bit 0), offers (1) and acknowledgements (2), in one pass.
    var softeners: PhraseList
    /// First-word hashes of every list phrase and deadline keyword: a sentence without one is skipped.
    var cues: TokenSet
    /// First word's hash → the bits (`PhraseList.bit`) of the phrase lists with a phrase
    /// starting with it, so a sentence's words are looked up once for all lists.
    var firstWords = FlatHashMap(capacity: 8)
    /// The next free bit for `register`.
    var nextBit = 0
    /// Word hash → its `firstWords` bits, with `cueFlag` for a cue, `anchorFlag` for a
    /// deadline anchor (`DeadlineParser.anchors`) and `scanFlag` for another word a deadline
    /// may start at, `questionFlag` for "?", and `greetingFlag` and `skipFlag` for the
    /// words of `greetings` and `skips`: one lookup per word tells them all.
    var wordInfo = WordInfoTable()
    /// In `wordInfo`: the word is a cue.
    static let cueFlag: UInt64 = 1 << 63
    /// In `wordInfo`: the word may anchor a deadline.
    static let anchorFlag: UInt64 = 1 << 62
    /// In `wordInfo`: a deadline may start at the word though it is no anchor (`DeadlineParser.scanWords`).
    static let scanFlag: UInt64 = 1 << 61
    /// In `wordInfo`: the word is a question mark (so a sentence's or'ed bits tell whether it holds one).
    static let questionFlag: UInt64 = 1 << 60
    /// In `wordInfo`: the word is in `greetings`.
    static let greetingFlag: UInt64 = 1 << 59
    /// In `wordInfo`: the word is in `skips`.
    static let skipFlag: UInt64 = 1 << 58
    /// In `wordInfo`: the list bits.
    static let listMask: UInt64 = (1 << 58) - 1

    /// The word and bit of `h` in a 4096-bit filter (`PhraseList`'s): 12 bits of the hash, mixed as the tables mix it.
    @inline(__always)
    static func filterBit(_ h: UInt64) -> (word: Int, bit: UInt64) {
        let m = (h &* 0x9E37_79B9_7F4A_7C15) >> 52
        return (Int(truncatingIfNeeded: m >> 6), 1 << (m & 63))
    }

    /// Adds `bits` to the `wordInfo` of `h`.
    mutating func addInfo(_ h: UInt64, _ bits: UInt64) { wordInfo.add(h, bits) }

    /// Makes `h` a cue.
    mutating func addCue(_ h: UInt64) {
        cues.insert(h)
        addInfo(h, Self.cueFlag)
    }

    /// `list` with the next free bit (up to 58 lists; later ones keep looking every word
    /// up), its first words recorded.
    mutating func registered(_ list: PhraseList) -> PhraseList {
        guard nextBit < 58 else { return list }
        var list = list
        list.bit = 1 << UInt64(nextBit)
        nextBit += 1
        for h in list.firstWords {
            firstWords.insertGrowing(h, (firstWords.get(h) ?? 0) | Int64(bitPattern: list.bit))
            addInfo(h, list.bit)
        }
        return list
    }

    /// The words that open a greeting ("Hi Sam, …"): `greetings`.
    static let greetingWords = ["hi", "hello", "hey", "dear", "morning", "afternoon", "evening", "team", "all", "folks", "guys", "everyone"]

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
            // A word of `q` that starts with one of `modalWords`, or `q` opening with could/would.
            let b = Array(q.utf8)
            func startsWord(_ k: Int, _ prefix: String) -> Bool {
                (k == 0 || b[k - 1] == 0x20) && b[k...].starts(with: prefix.utf8)
            }
            return startsWord(0, "could") || startsWord(0, "would") || b.indices.contains { k in modalWords.contains { startsWord(k, $0) } }
        })
        needs = PhraseList(l("request-needs"))
        exclusions = PhraseList(l("request-exclusions"))
        skips = TokenSet(words: l("request-skips"))
        greetings = TokenSet(words: Self.greetingWords)
        please = PhraseList(l("please"))
        softeners = PhraseList(tagged: [l("reasons"), l("offers"), l("acknowledgements")])
        var cueHashes: [UInt64] = []
        var tokens: [Token] = []
        for k in Self.requiredLists where k != "request-skips" {
            for p in l(k) {
                PhraseList.tokenize(p, into: &tokens)
                if let h = tokens.first?.hash { cueHashes.append(h) }
            }
        }
        for wd in Self.deadlineWords { cueHashes.append(TokenHash.of(wd)) }
        for wd in DeadlineParser.weekdayNames.keys { cueHashes.append(TokenHash.of(wd)) }
        for m in DeadlineParser.monthNames.keys { cueHashes.append(TokenHash.of(m)) }
        self.cues = TokenSet()
        for h in cueHashes { addCue(h) }
        for w in DeadlineParser.anchorWords { addInfo(TokenHash.of(w), Self.anchorFlag) }
        for w in DeadlineParser.scanWords { addInfo(TokenHash.of(w), Self.scanFlag) }
        addInfo(Token.question, Self.questionFlag)
        // The sets `classify` asks about a sentence's opening words, as flags of the same lookup.
        for w in Self.greetingWords { addInfo(TokenHash.of(w), Self.greetingFlag) }
        for w in l("request-skips") { addInfo(TokenHash.of(w), Self.skipFlag) }
        starts = registered(starts)
        questions = registered(questions)
        modalQuestions = registered(modalQuestions)
        needs = registered(needs)
        exclusions = registered(exclusions)
        please = registered(please)
        softeners = registered(softeners)
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
