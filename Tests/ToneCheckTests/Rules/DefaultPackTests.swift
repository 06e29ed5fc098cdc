import Foundation
import Testing
@testable import ToneCheck

/// Properties of the built-in tone, word-choice and demand packs beyond each rule's own examples.
@Suite struct DefaultPackTests {
    static let packs = try! RuleLoader.builtinPacks().filter { ["tone", "word-choice", "demand"].contains($0.name) }
    /// Sent at a fixed time (a Monday morning): deadlines such as "by EOD" are measured
    /// from it, so results never depend on when the tests run.
    static let checker: ToneChecker = {
        var options = CheckOptions()
        options.referenceTime = ReferenceTime.parse("2026-11-23T09:00:00+00:00")
        return ToneChecker(ruleSet: try! RuleSet.standard(), options: options)
    }()

    @Test func theThreePacksAreBuiltIn() {
        #expect(Set(Self.packs.map(\.name)) == ["tone", "word-choice", "demand"])
    }

    @Test func atLeastThreeHundredPhrasesAndPatterns() {
        var total = 0
        for pack in Self.packs {
            var used = Set<String>()
            for r in pack.rules {
                let items = r.phrases + r.patterns + r.starts + Array(r.swap.keys)
                total += items.count
                for item in items + r.unless {
                    for word in item.split(whereSeparator: { " ()|".contains($0) }) where word.hasPrefix("@") {
                        used.insert(String(word.dropFirst()))
                    }
                }
            }
            total += used.reduce(0) { $0 + (pack.lists[$1]?.count ?? 0) }
        }
        #expect(total >= 300, "only \(total) phrases and patterns")
    }

    @Test func rulesAreWellFormed() {
        for pack in Self.packs {
            for r in pack.rules {
                #expect(r.id.hasPrefix(r.category.rawValue + "."), "\(r.id): id must start with its category")
                #expect(r.examples.trigger.count >= 2 && r.examples.clean.count >= 2, "\(r.id): needs 2 trigger and 2 clean examples")
                #expect(!r.isCredit, "\(r.id): politeness credits belong in politeness.json5")
                let range: ClosedRange<Double> = switch r.severity {
                case .info: 1...5
                case .warning: 4...14
                case .error: 15...40
                }
                #expect(range.contains(r.weight), "\(r.id): weight \(r.weight) is out of range for \(r.severity)")
            }
            #expect(pack.scoring == nil, "\(pack.name) must not set scoring")
        }
    }

    @Test(arguments: [
        ("Don't forget to log the call.", "Remember to log the call."),
        ("If anything is unclear, please don't hesitate to ask.", "If anything is unclear, please feel free to ask."),
        ("You failed to update the ticket.", "You didn't update the ticket."),
        ("Your team failed to test it.", "Your team didn't test it."),
        // Not safe word for word: left alone.
        ("Unfortunately we can't move the shift.", "Unfortunately we can't move the shift."),
        ("You should have escalated it. No problem!", "You should have escalated it. No problem!"),
    ])
    func fixesAreSafeWordForWord(_ input: String, _ expected: String) {
        let report = Self.checker.report(text: input)
        let fixes = report.findings.compactMap(\.fix)
        let (bytes, _) = FixApplier.apply(fixes, to: Array(input.utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        "I just wanted to say thanks for staying late.",
        "Right now we have 3 open tickets in the queue.",
        "Fix the typo, thanks!",
        "Call volume is up 20% today. Handle time is down.",
        "Update: the queue is back to normal.",
        "You always do great work, and you never miss a handover note.",
        "Please send the SLA and CSAT report to HR by EOD.",
        "Hello team, the hell week is behind us.",
        "Tickets marked urgent go to the priority queue.",
        "We dropped the ball on this one; sorry.",
        "I'll send the numbers right away.",
    ])
    func nearMissesStayClean(_ text: String) {
        // Politeness strategy signals (a sentence opening with "you" or "please") only move
        // the score; the near misses here are about the tone, word-choice and demand packs.
        let problems = Self.checker.report(text: text).problems.filter { $0.category != .politeness || $0.severity > .info }
        #expect(problems.isEmpty, "\(problems.map { "\($0.ruleID) “\($0.match)”" })")
    }
}
