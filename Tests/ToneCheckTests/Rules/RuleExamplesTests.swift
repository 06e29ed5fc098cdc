import Testing
@testable import ToneCheck

/// Every rule's own examples, run automatically (as SwiftLint does): each triggering
/// example triggers at its `↓` markers, each clean example does not, and no triggering
/// example triggers inside a quoted reply or a signature.
@Suite struct RuleExamplesTests {
    static let ruleSet = try! RuleSet.standard()

    @Test(arguments: ruleSet.rules.map(\.id))
    func examples(of id: String) {
        let failures = RuleExamples.run(Self.ruleSet, only: [id])
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRuleHasTriggeringAndCleanExamples() {
        for r in Self.ruleSet.rules {
            #expect(!r.examples.trigger.isEmpty, "\(r.id) has no triggering example")
            #expect(!r.examples.clean.isEmpty, "\(r.id) has no clean example")
        }
    }

    @Test func markersAreStripped() {
        let (text, offsets) = RuleExamples.stripMarkers("a ↓bc ↓d")
        #expect(text == "a bc d")
        #expect(offsets == [2, 5])
    }
}
