import Foundation
import Testing
@testable import ToneCheck

/// Negation, intensifiers and contrast: what the words around a match do to its finding.
@Suite struct ContextTests {
    /// A small pack: a credit that flips, a penalty that drops when negated, a penalty that
    /// ignores negation, and a hostile (warning) phrase that contains a negator.
    static let pack = """
        {
          pack: "test",
          rules: [
            { id: "politeness.good", category: "politeness", severity: "info", kind: "phrase", negation: "flip",
              phrases: ["helpful"], message: "m", why: "w", weight: -4 },
            { id: "politeness.bad", category: "politeness", severity: "info", kind: "phrase", negation: "drop",
              phrases: ["problem", "unacceptable"], message: "m", why: "w", weight: 6 },
            { id: "tone.rude", category: "tone", severity: "warning", kind: "phrase",
              phrases: ["rubbish"], message: "m", why: "w", weight: 5 },
            { id: "tone.dismiss", category: "tone", severity: "warning", kind: "phrase",
              phrases: ["don't care"], message: "m", why: "w", weight: 5 },
            { id: "politeness.thanks", category: "politeness", severity: "info", kind: "phrase",
              phrases: ["thanks"], message: "m", why: "w", weight: -5 },
          ],
        }
        """

    static let checker: ToneChecker = {
        let p = try! RuleLoader.parse(Data(pack.utf8), path: "test.json5")
        var options = CheckOptions()
        options.reportSignals = true  // the politeness rules here are signals; list them
        return ToneChecker(ruleSet: try! RuleSet(packs: [p]), options: options)
    }()

    func findings(_ text: String, _ rule: String) -> [Finding] {
        Self.checker.report(text: text).findings.filter { $0.ruleID == rule }
    }

    @Test func negationDropsAPenaltyMarkedDrop() {
        #expect(findings("That is a problem.", "politeness.bad").count == 1)
        #expect(findings("That is not a problem.", "politeness.bad").isEmpty)
        #expect(findings("That isn't a problem.", "politeness.bad").isEmpty)
        #expect(findings("That is never really a problem.", "politeness.bad").isEmpty)
        // The curly apostrophe counts as well.
        #expect(findings("That wasn’t a problem.", "politeness.bad").isEmpty)
    }

    @Test func negationFlipsACreditIntoAPenalty() {
        let plain = findings("That was helpful.", "politeness.good")
        #expect(plain.count == 1 && plain[0].isCredit)
        let negated = findings("That was not helpful.", "politeness.good")
        #expect(negated.count == 1)
        #expect(negated.first?.isCredit == false)
        #expect(negated.first?.weight == 4)
        #expect(negated.first?.message.hasPrefix("negated: ") == true)
    }

    @Test func negationIsLeftAloneByDefault() {
        #expect(findings("No, thanks.", "politeness.thanks").count == 1)
        #expect(findings("I would not say thanks.", "politeness.thanks").first?.isCredit == true)
    }

    @Test(arguments: [
        "Not the first time, a problem.",  // punctuation between
        "Not one of these four words is a problem.",  // more than three words back
        "It did not work. A problem remains.",  // another sentence
    ])
    func negationHasALimitedReach(_ text: String) {
        #expect(findings(text, "politeness.bad").count == 1)
    }

    @Test func aNegatorInsideAHostilePhraseNegatesNothing() {
        // "don't care" is a warning; its "don't" must not cancel the problem after it.
        #expect(findings("I don't care problem.", "politeness.bad").count == 1)
    }

    @Test func intensifierRaisesTheWeight() {
        #expect(findings("That is unacceptable.", "politeness.bad").first?.multiplier == 1)
        #expect(findings("That is really unacceptable.", "politeness.bad").first?.multiplier == Checker.intensifierFactor)
        #expect(findings("That is totally unacceptable.", "politeness.bad").first?.multiplier == Checker.intensifierFactor)
        let plain = Self.checker.report(text: "That is unacceptable.").score.overall
        let worse = Self.checker.report(text: "That is really unacceptable.").score.overall
        #expect(worse < plain)
    }

    @Test func contrastWeighsWhatFollowsButMore() {
        let f = findings("Thanks for the draft, but it is rubbish.", "tone.rude")
        #expect(f.first?.multiplier == Checker.afterContrastFactor)
        let t = findings("Thanks for the draft, but it is rubbish.", "politeness.thanks")
        #expect(t.first?.multiplier == Checker.beforeContrastFactor)
        // "However" works the same way; a "but" in another sentence does not.
        #expect(findings("It is rubbish, however you look at it.", "tone.rude").first?.multiplier == Checker.beforeContrastFactor)
        #expect(findings("But it failed. It is rubbish.", "tone.rude").first?.multiplier == 1)
    }

    @Test func contrastOpeningASentenceChangesNothing() {
        #expect(findings("But it is rubbish.", "tone.rude").first?.multiplier == 1)
    }

    @Test func multipliersArePositive() {
        for text in ["But really, not rubbish, however really rubbish but thanks.", "really really rubbish", "not not rubbish"] {
            for f in Self.checker.report(text: text).findings { #expect(f.multiplier > 0) }
        }
    }

    @Test func questionRulesCountOnlyInQuestions() {
        let pack = """
            { rules: [ { id: "politeness.q", category: "politeness", severity: "info", kind: "phrase", question: true,
              phrases: ["what"], message: "m", why: "w", weight: 1 } ] }
            """
        let p = try! RuleLoader.parse(Data(pack.utf8), path: "q.json5")
        var options = CheckOptions()
        options.reportSignals = true
        let checker = ToneChecker(ruleSet: try! RuleSet(packs: [p]), options: options)
        func count(_ text: String) -> Int { checker.report(text: text).findings.count }
        #expect(count("So what is the plan?") == 1)
        #expect(count("I know what the plan is.") == 0)
        #expect(count("I know what the plan is. Is it late?") == 0)
        #expect(count("What now?? What then?") == 2)
    }

    @Test func negationFieldIsValidated() {
        let bad = """
            { rules: [ { id: "politeness.x", category: "politeness", severity: "info", kind: "phrase",
              negation: "invert", phrases: ["x"], message: "m", why: "w", weight: -1 } ] }
            """
        #expect(throws: ToneCheckError.self) { try RuleLoader.parse(Data(bad.utf8), path: "bad.json5") }
        do {
            _ = try RuleLoader.parse(Data(bad.utf8), path: "bad.json5")
        } catch {
            #expect("\(error)".contains("negation"))
            #expect("\(error)".contains("keep, drop, flip"))
        }
    }
}
