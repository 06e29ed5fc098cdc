import Foundation
import Testing
@testable import ToneCheck

/// Occurrence rules count other rules' findings over the document.
@Suite struct OccurrenceTests {
    /// Two phrase rules (the later-defined one matches first in the text) and an
    /// occurrence rule that fires at the third of their findings.
    static let pack = """
        {
          pack: "test",
          rules: [
            { id: "demand.alpha", category: "demand", severity: "warning", kind: "phrase", phrases: ["alpha"],
              message: "m", why: "w", weight: 5, inflect: false },
            { id: "demand.beta", category: "demand", severity: "warning", kind: "phrase", phrases: ["beta"],
              message: "m", why: "w", weight: 5, inflect: false },
            { id: "demand.many", category: "demand", severity: "warning", kind: "occurrence",
              of: ["demand.alpha", "demand.beta"], min: 3, message: "{count} demands", why: "w", weight: 5 },
          ],
        }
        """

    static func checker() throws -> ToneChecker {
        let pack = try RuleLoader.parse(Data(pack.utf8), path: "test.json5")
        return ToneChecker(ruleSet: try RuleSet(packs: [pack]))
    }

    @Test func anchorsAtTheThirdFindingInDocumentOrder() throws {
        // Rule order would give alpha, alpha, beta (anchor at the last "beta");
        // document order is beta, alpha, beta, alpha, so the third is the second "beta".
        let text = "beta one. alpha two. beta three. alpha four."
        let report = try Self.checker().report(text: text)
        let many = report.findings.filter { $0.ruleID == "demand.many" }
        #expect(many.count == 1)
        #expect(many.first?.start.byteOffset == Array(text.utf8).count - Array("beta three. alpha four.".utf8).count)
        #expect(many.first?.message == "4 demands")
    }

    @Test func doesNotFireBelowTheMinimum() throws {
        let report = try Self.checker().report(text: "beta one. alpha two.")
        #expect(!report.findings.contains { $0.ruleID == "demand.many" })
    }
}
