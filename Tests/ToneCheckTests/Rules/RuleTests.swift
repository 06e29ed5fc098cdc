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

    /// `Category.index` is the place in `allCases` (the scorer sums categories by it), and
    /// `<` follows it.
    @Test func categoryIndicesFollowAllCases() {
        let all = Category.allCases
        #expect(all.count == Category.count)
        for (i, c) in all.enumerated() {
            #expect(c.index == i, "\(c)")
            for (j, d) in all.enumerated() { #expect((c < d) == (i < j)) }
        }
    }
}
