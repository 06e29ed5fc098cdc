import Testing
@testable import ToneCheck

@Suite struct RuleTests {
    /// `<` orders severities as `allCases` lists them: info < warning < error.
    @Test func severitiesAreOrderedAsDeclared() {
        let all = Severity.allCases
        #expect(all == [.info, .warning, .error])
        for (i, a) in all.enumerated() {
            for (j, b) in all.enumerated() {
                #expect((a < b) == (i < j), "\(a) < \(b)")
            }
        }
        #expect(all.shuffled().sorted() == all)
    }
}
