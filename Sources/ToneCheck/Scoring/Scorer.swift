import Foundation

/// A document's 0–100 scores (100 best) and every contribution behind them.
public struct Score: Sendable, Equatable {
    /// The overall score, 0–100.
    public var overall: Double
    /// One score per category, 0–100.
    public var categories: [Category: Double]
    /// The label of the overall score's band (`warm`, `fine`, `needs work`, `hostile`, or `empty`).
    public var label: String
    /// What moved the score, one entry per rule, largest effect first.
    public var contributions: [Contribution]
    /// Words checked.
    public var words: Int
    /// How much length softens findings (1 for short texts; grows with the square root of length).
    public var lengthFactor: Double

    /// One rule's effect on the score.
    public struct Contribution: Sendable, Equatable {
        /// The rule id.
        public var ruleID: String
        /// Its category.
        public var category: Category
        /// How many findings it had.
        public var count: Int
        /// Points of log-odds it moved, after repeats and length (negative takes away).
        public var points: Double
    }
}

/// Turns findings into scores.
///
/// The score is a logistic function of points: `100 / (1 + e^-(bias + points / pointsPerLogit))`.
/// Each finding's weight counts in full the first time, `repeatDecay` of that the second
/// time, and so on; it is divided by a length factor `√(cleanWords / lengthReference)`
/// (at least 1) raised to the severity's `dilution`, so one "ASAP" in a long warm message
/// costs less than in a five-word order, while hostility (dilution 0.3) stays costly.
/// A finding's `multiplier` (intensifiers, contrast) scales its weight; within a rule the
/// largest effective weights count first. Credits are capped at `creditCap` points. Clean words are words outside any penalty
/// finding, so adding a hostile phrase never lengthens the cushion: scores are monotone.
public enum Scorer {
    /// Scores a check result (findings and signals) with the rule set's parameters.
    public static func score(_ result: CheckResult, ruleSet: RuleSet) -> Score {
        score(result, parameters: ruleSet.scoring, rules: ruleSet.rules)
    }

    /// Scores a check result with the given parameters; `rules` are the rules its signals'
    /// indices point into (signals are ignored without them).
    public static func score(_ result: CheckResult, parameters p: ScoringParameters, rules: [Rule] = []) -> Score {
        if result.words == 0 && result.findings.isEmpty && (result.signals.isEmpty || rules.isEmpty) {
            let cats = categoryIndices.mapValues { _ in 100.0 }
            return Score(overall: 100, categories: cats, label: "empty", contributions: [], words: 0, lengthFactor: 1)
        }
        let length = max(1, (Double(result.cleanWords) / p.lengthReference).squareRoot())
        // Per rule (and sign: a negated credit counts as a penalty of its rule), the effective
        // weights, largest first, so repeat decay never lets an added finding lower the total.
        struct Key { var rule: String; var credit: Bool }
        // Groups in order of first appearance; `index` finds a key's group (one hash per finding).
        // (By rule id, one table per sign: a `[String: Int]` is a type the run has made
        // already, where a dictionary keyed by `Key` costs a start-up type lookup.)
        var index: (credit: [String: Int], penalty: [String: Int]) = ([:], [:])
        // Each group's key and category, in one list (one allocation).
        var keys: [(key: Key, category: Category)] = []
        keys.reserveCapacity(16)
        // Every finding's weight with its group, in one list (sorted by group below): no list
        // per group, and no array either (a temporary buffer). It has room for every signal
        // too, for those that find no room in their tallies (usually none: the room is never
        // touched, so it costs no memory).
        let weightCapacity = result.findings.count + (rules.isEmpty || result.signals.isEmpty ? 0 : result.signals.count)
        return withUnsafeTemporaryAllocation(of: (group: Int, weight: Double).self, capacity: max(1, weightCapacity)) { weightBuffer -> Score in
            var weights = BufferList(weightBuffer)
            var serious = 0.0  // points of warning and error findings outside politeness
            // Length divisors per severity, computed once (the dilution table read in one pass:
            // no key hashed).
            var exponents: (info: Double, warning: Double, error: Double) = (1, 1, 1)
            for (name, value) in p.dilution {
                switch name {
                case Severity.info.rawValue: exponents.info = value
                case Severity.warning.rawValue: exponents.warning = value
                case Severity.error.rawValue: exponents.error = value
                default: break
                }
            }
            // (A short text's length factor is 1, and 1 to any power is 1: no `pow` calls.)
            let infoDivisor = length == 1 ? 1 : pow(length, exponents.info)
            let warningDivisor = length == 1 ? 1 : pow(length, exponents.warning)
            let errorDivisor = length == 1 ? 1 : pow(length, exponents.error)
            // A message has a handful of groups: a linear search beats hashing a rule id, and
            // the index is built only once there are many.
            func group(_ key: Key, _ category: Category) -> Int {
                if keys.count <= 16 {
                    for g in keys.indices where keys[g].key.credit == key.credit && keys[g].key.rule == key.rule { return g }
                    if keys.count == 16 {
                        for (g, k) in keys.enumerated() {
                            if k.key.credit { index.credit[k.key.rule] = g } else { index.penalty[k.key.rule] = g }
                        }
                    }
                } else if let g = key.credit ? index.credit[key.rule] : index.penalty[key.rule] {
                    return g
                }
                if keys.count >= 16 {
                    if key.credit { index.credit[key.rule] = keys.count } else { index.penalty[key.rule] = keys.count }
                }
                keys.append((key, category))
                return keys.count - 1
            }
            for f in result.findings {
                let divisor: Double
                if f.isCredit {
                    divisor = infoDivisor
                } else {
                    switch f.severity {
                    case .info: divisor = infoDivisor
                    case .warning: divisor = warningDivisor
                    case .error: divisor = errorDivisor
                    }
                }
                let w = Scorer.effectiveWeight(f.weight, f.multiplier, divisor)
                if !f.isCredit && f.severity >= .warning && f.category != .politeness { serious += w }
                weights.append((group(Key(rule: f.ruleID, credit: f.isCredit), f.category), w))
            }
            // Signals are findings of `info` severity (see `Rule.isSignal`), kept compact;
            // gathered per rule index first, so no rule id is hashed per signal. They are not
            // listed one weight each but tallied: per slot (a rule, and whether a negator
            // flipped it) up to `tallyWidth` distinct multipliers, each with a count (a long
            // document's hundreds of thousands of signals become a few counts, not a list).
            // A signal whose slot has no room left is listed as a finding's weight is.
            // (Equal weights are interchangeable in the decayed sum, so the total is the same,
            // bit for bit, as over a list.)
            var contributions: [Score.Contribution] = []
            var creditTotal = 0.0
            let signalCount = rules.isEmpty ? 0 : result.signals.count
            // At most this many slots are used: one per signal, or every slot.
            let slotCapacity = max(1, min(signalCount, rules.count * 2))
            // Only a long document's signals are tallied: for a short one, listing them costs
            // less than the tallies' set-up.
            let width = signalCount >= Scorer.tallyFrom ? Scorer.tallyWidth : 0
            // (Rules read in place, through the buffer, never copied: a `Rule` is large.)
            rules.withUnsafeBufferPointer { rules in
                // (Temporary buffers, on the stack when small: no allocation per message.)
                // Used slots in order of first use: the slot, its group, how many tallies.
                withUnsafeTemporaryAllocation(of: (slot: Int, group: Int, kinds: Int).self, capacity: slotCapacity) { slotBuffer in
                    withUnsafeTemporaryAllocation(of: (multiplier: Double, count: Int).self, capacity: max(1, slotCapacity * width)) { tallies in
                        var slots = BufferList(slotBuffer)
                        // Slot (rule * 2 + (flipped ? 1 : 0)) → its place in `slots`, found by a
                        // linear search while few slots are used (the usual case), then through
                        // `slotIndex`, a table over every slot made once there are many (no
                        // hashing per signal).
                        var slotIndex: [Int] = []
                        for s in result.signals where signalCount > 0 {
                            let slot = Int(s.rule) * 2 + (s.flipped ? 1 : 0)
                            var u = -1
                            if slots.count <= 16 {
                                for k in 0..<slots.count where slots[k].slot == slot { u = k; break }
                            } else {
                                u = slotIndex[slot]
                            }
                            if u < 0 {
                                let ri = Int(s.rule)
                                let g = group(Key(rule: rules[ri].id, credit: rules[ri].isCredit && !s.flipped), rules[ri].category)
                                u = slots.count
                                slots.append((slot, g, 0))
                                if slots.count == 17 {
                                    slotIndex = Array(repeating: -1, count: rules.count * 2)
                                    for k in 0..<slots.count { slotIndex[slots[k].slot] = k }
                                } else if slots.count > 17 {
                                    slotIndex[slot] = u
                                }
                            }
                            let base = u * width, kinds = slots[u].kinds
                            var k = 0
                            while k < kinds, tallies[base + k].multiplier != s.multiplier { k += 1 }
                            if k < kinds {
                                tallies[base + k].count += 1
                            } else if kinds < width, s.multiplier == s.multiplier {
                                (tallies.baseAddress! + base + k).initialize(to: (s.multiplier, 1))
                                slots[u].kinds += 1
                            } else {
                                // No room (or a NaN multiplier, which equals nothing): listed.
                                weights.append((slots[u].group, Scorer.effectiveWeight(rules[Int(s.rule)].weight, s.multiplier, infoDivisor)))
                            }
                        }
                        // Per group: points after repeat decay, largest weights first. The listed
                        // weights and the tallies are laid out by group (a counting sort: groups
                        // are few), then each group's listed run is sorted on its own, largest
                        // first, and merged with its tallies, largest first.
                        let tallyCount = (0..<slots.count).reduce(0) { $0 + slots[$1].kinds }
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, weights.count)) { sorted in
                            withUnsafeTemporaryAllocation(of: (weight: Double, count: Int).self, capacity: max(1, tallyCount)) { tallied in
                                withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * keys.count + 2) { offsets in
                                    let groups = keys.count
                                    contributions.reserveCapacity(groups)
                                    // start[g] ..< start[g + 1]: group g's listed run; fill[g]: where its
                                    // next weight goes. The same for tallies: tallyStart, tallyFill.
                                    let start = UnsafeMutableBufferPointer(rebasing: offsets[0...groups])
                                    let fill = UnsafeMutableBufferPointer(rebasing: offsets[(groups + 1)..<(2 * groups + 1)])
                                    let tallyStart = UnsafeMutableBufferPointer(rebasing: offsets[(2 * groups + 1)...(3 * groups + 1)])
                                    let tallyFill = UnsafeMutableBufferPointer(rebasing: offsets[(3 * groups + 2)..<(4 * groups + 2)])
                                    start.initialize(repeating: 0)
                                    tallyStart.initialize(repeating: 0)
                                    for k in 0..<weights.count { start[weights[k].group + 1] += 1 }
                                    for u in 0..<slots.count { tallyStart[slots[u].group + 1] += slots[u].kinds }
                                    for g in 0..<groups {
                                        start[g + 1] += start[g]
                                        tallyStart[g + 1] += tallyStart[g]
                                    }
                                    for g in 0..<groups {
                                        fill[g] = start[g]
                                        tallyFill[g] = tallyStart[g]
                                    }
                                    for k in 0..<weights.count {
                                        let g = weights[k].group
                                        sorted[fill[g]] = weights[k].weight
                                        fill[g] += 1
                                    }
                                    for u in 0..<slots.count {
                                        let g = slots[u].group, base = u * width
                                        let weight = rules[slots[u].slot / 2].weight
                                        for k in 0..<slots[u].kinds {
                                            tallied[tallyFill[g]] = (Scorer.effectiveWeight(weight, tallies[base + k].multiplier, infoDivisor), tallies[base + k].count)
                                            tallyFill[g] += 1
                                        }
                                    }
                                    for (g, entry) in keys.enumerated() {
                                        let run = UnsafeMutableBufferPointer(rebasing: sorted[start[g]..<start[g + 1]])
                                        Scorer.sortDescending(run)
                                        var counted = UnsafeMutableBufferPointer(rebasing: tallied[tallyStart[g]..<tallyStart[g + 1]])
                                        if counted.count > 1 { counted.sort { $0.weight > $1.weight } }
                                        let (total, count) = Scorer.decayedSum(run, counted, decay: p.repeatDecay)
                                        let key = entry.key
                                        let points = key.credit ? total : -total
                                        contributions.append(.init(ruleID: key.rule, category: entry.category, count: count, points: points))
                                        if points > 0 { creditTotal += points }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Credits are positive points, capped. Warmth cannot paper over hostility: every point of a warning or error outside
            // politeness takes `creditOffset` points off what credits may add ("Thanks for
            // nothing" earns no gratitude). Still monotone: a new problem only lowers the score.
            let creditLimit = max(0, p.creditCap - p.creditOffset * serious)
            let creditScale = creditTotal > creditLimit ? creditLimit / creditTotal : 1
            // Per category (by `Category.index`: no hashing or search per contribution).
            func scale(_ points: Double) -> Double {
                100 / (1 + exp(-(p.bias + points / p.pointsPerLogit)))
            }
            var total = 0.0
            var cats: [Category: Double] = [:]
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Category.count) { perCategory in
                perCategory.initialize(repeating: 0)
                for i in contributions.indices {
                    if contributions[i].points > 0 { contributions[i].points *= creditScale }
                    perCategory[contributions[i].category.index] += contributions[i].points
                    total += contributions[i].points
                }
                // Each category's score put in place of its index: the keys are not hashed again.
                cats = categoryIndices.mapValues { scale(perCategory[Int($0)]) }
            }
            let overall = scale(total)
            contributions.sort { abs($0.points) > abs($1.points) || (abs($0.points) == abs($1.points) && $0.ruleID < $1.ruleID) }
            return Score(
                overall: overall, categories: cats, label: label(for: overall, p), contributions: contributions,
                words: result.words, lengthFactor: length)
        }
    }

    /// How many distinct multipliers a signal slot tallies before further ones are listed
    /// (a rule's signals carry a handful: intensifier and contrast factors).
    static let tallyWidth = 8
    /// From how many signals a document's signals are tallied rather than listed.
    static let tallyFrom = 512

    /// A finding's or signal's effective weight: its rule's weight (taken positive), scaled
    /// by its context multiplier (never below 0), over the length divisor.
    @inline(__always)
    static func effectiveWeight(_ weight: Double, _ multiplier: Double, _ divisor: Double) -> Double {
        abs(weight) * max(0, multiplier) / divisor
    }

    /// The decayed sum of one group's weights, largest first: `listed` (sorted largest first)
    /// merged with `tallied` (distinct weights with counts, largest first). Each weight counts
    /// `decay` times the one before it, in the same order and with the same operations as
    /// over the whole list sorted: the result is the same, bit for bit. Once the factor has
    /// reached zero a tally's remaining copies add nothing and are skipped. Returns the
    /// total and the number of weights.
    static func decayedSum(
        _ listed: UnsafeMutableBufferPointer<Double>, _ tallied: UnsafeMutableBufferPointer<(weight: Double, count: Int)>, decay r: Double
    ) -> (total: Double, count: Int) {
        var total = 0.0, decay = 1.0
        var count = listed.count
        for t in tallied { count += t.count }
        var i = 0, j = 0
        while i < listed.count || j < tallied.count {
            if j == tallied.count || (i < listed.count && listed[i] >= tallied[j].weight) {
                total += listed[i] * decay
                decay *= r
                i += 1
            } else {
                let w = tallied[j].weight
                var left = tallied[j].count
                while left > 0 {
                    total += w * decay
                    decay *= r
                    left -= 1
                    if decay == 0 && w.isFinite { break }  // (w * 0 is 0 from here on)
                }
                j += 1
            }
        }
        return (total, count)
    }

    /// Sorts `run` largest first. A long run usually holds a handful of distinct weights (a
    /// rule's weight times a few context multipliers): those are counted and written back in
    /// order, in linear time. Equal weights are interchangeable, so the decayed sum over the
    /// run is the same, bit for bit, as after a comparison sort.
    static func sortDescending(_ run: UnsafeMutableBufferPointer<Double>) {
        guard run.count > 1 else { return }
        let limit = 8
        if run.count > 4 * limit {
            let counted = withUnsafeTemporaryAllocation(of: (value: Double, count: Int).self, capacity: limit) { distinct -> Bool in
                var kinds = 0
                for w in run {
                    var k = 0
                    while k < kinds, distinct[k].value != w { k += 1 }
                    if k < kinds {
                        distinct[k].count += 1
                    } else if kinds < limit, w == w {
                        distinct[kinds] = (w, 1)
                        kinds += 1
                    } else {
                        return false  // too many distinct weights, or NaN
                    }
                }
                var table = UnsafeMutableBufferPointer(rebasing: distinct[0..<kinds])
                table.sort { $0.value > $1.value }
                var at = 0
                for (value, count) in table {
                    for k in at..<(at + count) { run[k] = value }
                    at += count
                }
                return true
            }
            if counted { return }
        }
        var run = run
        run.sort(by: >)
    }

    /// Every category with its index in `Category.allCases` (as a number): made once, so a
    /// score's category dictionary is this one's values mapped, with no key hashed per
    /// document (a `String`-backed enum hashes its raw value).
    static let categoryIndices: [Category: Double] = Dictionary(uniqueKeysWithValues: Category.allCases.enumerated().map { ($1, Double($0)) })

    /// The label of the band `score` falls in.
    public static func label(for score: Double, _ p: ScoringParameters) -> String {
        for l in p.labels where score >= l.min { return l.name }
        return p.labels.last?.name ?? ""
    }
}

/// A list of trivial values written into a buffer of known capacity (temporary storage):
/// appended to and read like an array, with no array made.
private struct BufferList<Element> {
    let base: UnsafeMutablePointer<Element>
    let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    mutating func append(_ e: Element) {
        precondition(count < capacity, "BufferList is full")
        (base + count).initialize(to: e)
        count += 1
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// The elements written so far.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}
