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
}
