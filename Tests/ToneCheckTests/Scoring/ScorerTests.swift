import Foundation
import Testing
@testable import ToneCheck

@Suite struct ScorerTests {
    static let rs = try! ruleSet(
        rule("t.hostile", kind: "phrase", "phrases: ['you idiot', 'useless']", weight: 30, severity: "error") + ","
            + rule("t.asap", kind: "phrase", "phrases: ['asap']", weight: 8) + ","
            + "{ id: 'p.thanks', category: 'politeness', severity: 'info', kind: 'phrase', phrases: ['thanks'], message: 'm', why: 'w', weight: -5 }")

    func score(_ text: String) -> Double { ToneChecker(ruleSet: Self.rs).report(text: text).score.overall }

    @Test func emptyScores100() {
        let r = ToneChecker(ruleSet: Self.rs).report(text: "")
        #expect(r.score.overall == 100)
        #expect(r.score.label == "empty")
    }

    @Test(arguments: [
        "Could you look at the refund queue today?",
        "Thanks for the update on the refund queue.",
        "Send the report ASAP.",
        String(repeating: "The queue looked steady this week and the team handled it well. ", count: 30),
    ])
    func addingAHostilePhraseNeverRaisesTheScore(_ text: String) {
        let base = score(text)
        for addition in [" You idiot.", " ASAP.", " This is useless.", " ASAP ASAP ASAP."] {
            #expect(score(text + addition) <= base, "adding '\(addition)' raised the score")
            #expect(score(addition + " " + text) <= base)
        }
    }

    @Test func lengthSoftensWarningsMoreThanErrors() {
        let short = score("Send the report ASAP.")
        let long = score(String(repeating: "The queue looked steady this week and the team handled it well. ", count: 30) + "Send the report ASAP.")
        #expect(long > short)
        let hostileLong = score(String(repeating: "The queue looked steady this week and the team handled it well. ", count: 30) + "You idiot.")
        #expect(hostileLong < 60)
    }

    @Test func creditsRaiseButAreCapped() {
        let plain = score("The report is attached.")
        let warm = score("Thanks, the report is attached.")
        #expect(warm > plain)
        let gushing = score(String(repeating: "Thanks. ", count: 50) + "You idiot.")
        #expect(gushing < 80)
    }

    @Test func contributionsExplainTheScore() {
        let r = ToneChecker(ruleSet: Self.rs).report(text: "Thanks. Send it ASAP. ASAP!")
        let asap = r.score.contributions.first { $0.ruleID == "t.asap" }
        #expect(asap?.count == 2)
        #expect((asap?.points ?? 0) < 0)
        // A warning takes away what credits may add: thanks do not paper over "ASAP".
        #expect(r.score.contributions.first { $0.ruleID == "p.thanks" }.map { $0.points == 0 } == true)
        let warm = ToneChecker(ruleSet: Self.rs).report(text: "Thanks. Send it when you can.")
        #expect(warm.score.contributions.first { $0.ruleID == "p.thanks" }.map { $0.points > 0 } == true)
    }

    @Test func labelsFollowBands() {
        let p = ScoringParameters()
        #expect(Scorer.label(for: 95, p) == "warm")
        #expect(Scorer.label(for: 75, p) == "fine")
        #expect(Scorer.label(for: 50, p) == "needs work")
        #expect(Scorer.label(for: 10, p) == "hostile")
    }

    /// The counting path of `sortDescending` (long runs of few distinct weights) orders a run
    /// exactly as a comparison sort does, and so does the fallback (many distinct weights).
    @Test(arguments: [(40, 3), (200, 8), (200, 9), (1000, 2), (33, 1), (10, 4), (500, 400)])
    func sortDescendingMatchesASort(count: Int, distinct: Int) {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<distinct).map { _ in Double.random(in: 0...50, using: &rng) }
        var run = (0..<count).map { _ in values.randomElement(using: &rng)! }
        let expected = run.sorted(by: >)
        run.withUnsafeMutableBufferPointer { Scorer.sortDescending($0) }
        #expect(run == expected)
    }

    /// A long document's signals are tallied by multiplier, not listed; the score is the same,
    /// bit for bit, as over the same signals listed as findings. Twelve multipliers, more than
    /// a slot tallies, so some signals are listed beside the tallies; negated ones too.
    @Test(arguments: [Scorer.tallyFrom - 1, Scorer.tallyFrom, 20_000])
    func tallyingSignalsScoresAsListingThem(count: Int) {
        let rules = Self.rs.rules
        let credit = Int32(Self.rs.index["p.thanks"]!), penalty = Int32(Self.rs.index["t.asap"]!)
        let multipliers = [1, 1.5, 1.25, 0.8, 1.875, 1.2, 0.5, 2, 3, 0.25, 1.1, 0.9]
        var rng = SystemRandomNumberGenerator()
        var signals: [Signal] = []
        for k in 0..<count {
            let rule = k % 3 == 0 ? penalty : credit
            signals.append(Signal(rule: rule, segment: 0, start: 0, end: 1, multiplier: multipliers.randomElement(using: &rng)!, flipped: rule == credit && k % 7 == 0))
        }
        let position = SourcePosition(line: 1, column: 1, byteOffset: 0)
        let findings = signals.map { s -> Finding in
            let r = rules[Int(s.rule)]
            var f = Finding(
                ruleID: r.id, category: r.category, severity: .info, message: "", match: "", segment: 0, role: .body, segmentRange: 0..<1,
                start: position, end: position, isCredit: r.isCredit && !s.flipped, weight: r.weight)
            f.multiplier = s.multiplier
            return f
        }
        let tallied = Scorer.score(CheckResult(findings: [], signals: signals, words: 5000, cleanWords: 4000, warnings: []), parameters: Self.rs.scoring, rules: rules)
        let listed = Scorer.score(CheckResult(findings: findings, words: 5000, cleanWords: 4000, warnings: []), parameters: Self.rs.scoring, rules: rules)
        #expect(tallied == listed)
        #expect(tallied.contributions.map(\.count).reduce(0, +) == count)
    }

    /// `decayedSum` over listed weights and tallies gives exactly the sum over all of them
    /// sorted, largest first, including after the decay factor has run down to zero.
    @Test(arguments: [(0, 3), (5, 0), (40, 6), (300, 2), (0, 1)])
    func decayedSumMatchesTheSortedSum(listedCount: Int, tallies: Int) {
        var rng = SystemRandomNumberGenerator()
        var listed = (0..<listedCount).map { _ in Double(Int.random(in: 1...9, using: &rng)) / 4 }
        var tallied = (0..<tallies).map { _ in (weight: Double(Int.random(in: 1...9, using: &rng)) / 4, count: Int.random(in: 1...2000, using: &rng)) }
        var all = listed
        for t in tallied { all += Array(repeating: t.weight, count: t.count) }
        all.sort(by: >)
        var expected = 0.0, decay = 1.0
        for w in all {
            expected += w * decay
            decay *= 0.6
        }
        listed.sort(by: >)
        tallied.sort { $0.weight > $1.weight }
        let got = listed.withUnsafeMutableBufferPointer { l in tallied.withUnsafeMutableBufferPointer { Scorer.decayedSum(l, $0, decay: 0.6) } }
        #expect(got.total == expected)
        #expect(got.count == all.count)
    }
}
