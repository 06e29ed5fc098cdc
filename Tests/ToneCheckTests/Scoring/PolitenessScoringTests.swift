import Foundation
import Testing
@testable import ToneCheck

/// The score with the built-in packs: monotone, robust to length, and moved by negation,
/// intensifiers and contrast the way a reader would expect.
@Suite struct PolitenessScoringTests {
    static let checker = try! ToneChecker.standard()

    static func score(_ text: String) -> Double { checker.report(text: text).score.overall }

    static let warmEmail = """
        Hi Priya,

        Thanks so much for all the work you and the team put into the migration last week. I know it was a \
        long few days, and the customers noticed: the backlog is down by a third and the feedback has been \
        really positive. I'm grateful for how calmly you handled the escalations, and I hope you get some rest.

        One small thing: could you send me the updated runbook ASAP? I'd like to share it with the night shift \
        before their handover. If anything is unclear, I'm happy to go through it together, and there is no \
        rush on the rest of the documentation.

        Thanks again, and have a good weekend!
        Dana
        """

    static let bases = [
        "Could you send the report?",
        "Hi Sam, thanks for the quick fix. Would you mind checking the second queue as well?",
        "Send the report.",
        "The export failed again. I think the template is out of date; perhaps we could regenerate it?",
        "So what is the plan? You said it would be done.",
        "That is not a problem at all, but I am not sure the macro is right.",
        warmEmail,
        String(repeating: "The queue is stable and the night shift reported no incidents overnight. ", count: 12),
    ]

    static let hostile = [
        "Obviously.",
        "Why did you do this?",
        "This is really unacceptable.",
        "You never listen.",
        "Didn't you even read it?",
        "What the hell happened?",
        "Actually, the point is that this is wrong!!",
        "Hmm??",
    ]

    /// Adding a hostile sentence before, after or between paragraphs never raises the score.
    @Test(arguments: hostile)
    func addingAHostileSentenceNeverRaisesTheScore(_ phrase: String) {
        for base in Self.bases {
            let before = Self.score(base)
            for variant in [phrase + " " + base, base + " " + phrase, base + "\n\n" + phrase, phrase + "\n\n" + base] {
                let after = Self.score(variant)
                #expect(after <= before + 1e-9, "\(after) > \(before) after adding “\(phrase)” to “\(base.prefix(60))…”")
            }
        }
    }

    /// Adding a credit never lowers the score.
    @Test func addingThanksNeverLowersTheScore() {
        for base in Self.bases {
            #expect(Self.score(base + " Thanks!") >= Self.score(base) - 1e-9)
        }
    }

    @Test func aWarmLongEmailWithOneASAPIsFine() {
        #expect(Self.score(Self.warmEmail) >= 70)
    }

    @Test func shortHostileRequestsScoreLow() {
        for text in ["Why didn't you fix this? You need to do it now.", "Why is this still broken?? What the hell?",
                     "You obviously didn't even read it. Why?"] {
            #expect(Self.score(text) < 45, "\(text): \(Self.score(text))")
        }
    }

    @Test func aPoliteRequestOutscoresABareOne() {
        #expect(Self.score("Could you send me the report when you get a chance? Thanks!") > Self.score("Send me the report."))
        #expect(Self.score("Send me the report.") > Self.score("Why haven't you sent me the report?"))
    }

    /// The same problem costs less in a long neutral message than in a short one.
    @Test func lengthSoftensAProblem() {
        let problem = "Actually, that is wrong."
        let filler = String(repeating: "The queue is stable and the night shift reported no incidents overnight. ", count: 15)
        func cost(_ text: String) -> Double {
            -Self.checker.report(text: text).score.contributions.filter { $0.points < 0 }.map(\.points).reduce(0, +)
        }
        let short = cost(problem), long = cost(filler + problem)
        #expect(short > 0)
        #expect(long < short)
        #expect(long > 0)
    }

    @Test func negationChangesTheScore() {
        #expect(Self.score("That was not helpful.") < Self.score("That was helpful."))
        #expect(Self.score("That is not a mistake.") > Self.score("That is a mistake."))
        #expect(Self.score("I am not sorry.") < Self.score("I am sorry."))
    }

    @Test func intensifiersMakeProblemsWorse() {
        #expect(Self.score("That is really unacceptable.") < Self.score("That is unacceptable."))
        #expect(Self.score("That is completely wrong.") < Self.score("That is wrong."))
    }

    @Test func whatFollowsButCountsMore() {
        // Thanks then criticism reads worse than criticism then thanks.
        #expect(Self.score("Thanks for the draft, but this is wrong.") < Self.score("This is wrong, but thanks for the draft."))
    }

    @Test func repeatsAreOrderIndependent() {
        // Repeat decay applies to the largest effects first, so word order does not change the total.
        #expect(abs(Self.score("That is completely wrong and wrong.") - Self.score("That is wrong and completely wrong.")) < 1e-9)
    }

    /// "Really" that presses or doubts costs points; "really" intensifying thanks or praise does not.
    @Test func reallyCostsOnlyWhenItPresses() {
        #expect(Self.score("Is that really what you meant?") < Self.score("Is that what you meant?"))
        #expect(Self.score("It really is the wrong file.") < Self.score("It is the wrong file."))
        #expect(Self.score("Thanks, that really helps.") >= Self.score("Thanks, that helps.") - 1e-9)
    }

    /// A bare "what?" and an "exactly" in a question read as incredulous and cost points.
    @Test func incredulousQuestionsCost() {
        #expect(Self.score("You moved it where? Kidding about what?") < Self.score("You moved it where? Kidding about the move?"))
        #expect(Self.score("What exactly is broken?") < Self.score("What is broken?"))
        #expect(Self.score("That is exactly right.") == Self.score("That is right."))
    }

    /// Conditional "could"/"would" and asking for the reader's view are credits; "my" is neutral.
    @Test func tentativeWordsAndOpinionsAreCredits() {
        #expect(Self.score("It would help to have the log.") > Self.score("It helps to have the log."))
        #expect(Self.score("What do you think of the draft?") > Self.score("What is in the draft?"))
        #expect(Self.score("The log is in my notes.") == Self.score("The log is in the notes."))
    }
}
