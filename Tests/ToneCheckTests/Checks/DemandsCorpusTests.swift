import Foundation
import Testing
@testable import ToneCheck

/// Runs every case in `Corpus/demands/`: `NAME.txt` checked as sent at the `now` of
/// `NAME.expect.json5` (with its optional `calendar`), which lists the rules that must
/// and must not fire and the score labels (`band`) the result may have.
@Suite struct DemandsCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/demands")
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()
    static let ruleSet = try! RuleSet.standard()

    struct Expectation {
        var now: ReferenceTime
        var calendar: BusinessCalendar?
        var band: [String]
        var must: [String]
        var mustNot: [String]
    }

    static func expectation(_ name: String) throws -> Expectation {
        let path = folder.appendingPathComponent(name + ".expect.json5").path
        let data = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
        let o = try #require(try JSONValue.parseJSON5(data).objectValue, "\(path) must hold an object")
        let now = try #require(o["now"]?.stringValue.flatMap { ReferenceTime.parse($0, source: .dateHeader) }, "\(path): 'now' must be an ISO 8601 time")
        let calendar = try o["calendar"].map { try BusinessCalendar.parse($0, path: path) }
        func strings(_ k: String) -> [String] { o[k]?.arrayValue?.compactMap(\.stringValue) ?? o[k]?.stringValue.map { [$0] } ?? [] }
        return Expectation(now: now, calendar: calendar, band: strings("band"), must: strings("must"), mustNot: strings("mustNot"))
    }

    @Test func corpusHasAtLeastTwentyCasesHalfReasonable() throws {
        #expect(Self.cases.count >= 20)
        let reasonable = try Self.cases.filter { try Self.expectation($0).must.isEmpty }
        #expect(reasonable.count * 2 >= Self.cases.count - 1, "reasonable: \(reasonable.count) of \(Self.cases.count)")
    }

    @Test(arguments: cases)
    func demandCase(_ name: String) throws {
        let e = try Self.expectation(name)
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".txt"), encoding: .utf8)
        var options = CheckOptions()
        options.calendar = e.calendar
        let report = ToneChecker(ruleSet: Self.ruleSet, options: options).report(text: text, now: e.now, path: name + ".txt")
        let fired = Set(report.findings.map(\.ruleID))
        let detail = report.findings.map { "\($0.ruleID): \($0.message)" }.joined(separator: "\n")
        for id in e.must { #expect(fired.contains(id), "\(name): expected \(id)\n\(detail)") }
        for id in e.mustNot { #expect(!fired.contains(id), "\(name): did not expect \(id)\n\(detail)") }
        if !e.band.isEmpty {
            #expect(e.band.contains(report.score.label), "\(name): score \(Int(report.score.overall)) (\(report.score.label)), expected \(e.band)\n\(detail)")
        }
    }
}
