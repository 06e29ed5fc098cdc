import Foundation
import Testing
@testable import ToneCheck

/// The drafts in `Corpus/drafts/`: each `NAME.txt` has a sibling `NAME.expect.json5`
/// `{ band: [min, max], must: [...], mustNot: [...] }` giving the allowed overall score
/// range, rule ids (or categories) that must appear and ones that must not.
@Suite struct CorpusTests {
    /// What a draft is expected to produce.
    struct Expectation: Decodable {
        var band: [Double]
        var must: [String]?
        var mustNot: [String]?
    }

    static let draftsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/drafts")

    static let drafts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: draftsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    /// Sent at a fixed time (a Monday morning): deadlines such as "by EOD" are measured
    /// from it, so results never depend on when the tests run.
    static let checker: ToneChecker = {
        var options = CheckOptions()
        options.referenceTime = ReferenceTime.parse("2026-11-23T09:00:00+00:00")
        return ToneChecker(ruleSet: try! RuleSet.standard(), options: options)
    }()

    static func expectation(_ name: String) throws -> Expectation {
        let data = try Data(contentsOf: draftsDirectory.appendingPathComponent(name + ".expect.json5"))
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(Expectation.self, from: data)
    }

    @Test func thereAreAtLeastThirtyDrafts() {
        #expect(Self.drafts.count >= 30, "found \(Self.drafts.count) drafts in \(Self.draftsDirectory.path)")
    }

    @Test(arguments: drafts)
    func draftMeetsItsExpectation(_ name: String) throws {
        let text = try String(contentsOf: Self.draftsDirectory.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let e = try Self.expectation(name)
        try #require(e.band.count == 2 && e.band[0] <= e.band[1], "\(name): band must be [min, max]")
        let ruleSet = Self.checker.ruleSet
        for id in (e.must ?? []) + (e.mustNot ?? []) {
            #expect(ruleSet.index[id] != nil || Category(rawValue: id) != nil, "\(name): '\(id)' is neither a rule id nor a category")
        }
        let report = Self.checker.report(text: text, path: name + ".txt")
        let found = report.problems
        func hit(_ id: String) -> Bool { found.contains { $0.ruleID == id || $0.category.rawValue == id } }
        let summary = found.map { "\($0.ruleID) “\($0.match)”" }.joined(separator: ", ")
        for id in e.must ?? [] {
            #expect(hit(id), "\(name): expected \(id); found: \(summary)")
        }
        for id in e.mustNot ?? [] {
            #expect(!hit(id), "\(name): did not expect \(id); found: \(summary)")
        }
        let score = report.score.overall
        #expect(score >= e.band[0] && score <= e.band[1], "\(name): score \(score) outside \(e.band); found: \(summary)")
    }
}
