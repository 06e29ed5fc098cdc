import Foundation
import Testing

@testable import ToneCheck

/// Politeness strategies are kept as compact signals unless asked for; either way the
/// scores must be exactly the same, and only the listing may differ.
@Suite struct SignalTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let ruleSet = try! RuleSet.standard()

    /// Every document of every corpus file (drafts, demands, email, transcripts, templates).
    static let corpusFiles: [String] = {
        let corpus = root.appendingPathComponent("Corpus")
        let e = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        var out: [String] = []
        while let url = e?.nextObject() as? URL {
            let name = url.lastPathComponent
            if name.hasSuffix(".json5") || name.hasPrefix(".") || url.hasDirectoryPath { continue }
            out.append(url.path.replacingOccurrences(of: root.path + "/", with: ""))
        }
        return out.sorted()
    }()

    static func reports(_ path: String, signalsListed: Bool) -> [DocumentReport] {
        var options = CheckOptions()
        options.reportSignals = signalsListed
        options.referenceTime = ReferenceTime.parse("2026-11-23T09:00:00Z")
        let checker = ToneChecker(ruleSet: ruleSet, options: options)
        let bytes = [UInt8](FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data())
        var out: [DocumentReport] = []
        InputReader.read(bytes, path: path, format: nil) { item in
            if case .document(let d) = item { out.append(checker.report(d)) }
        }
        return out
    }

    /// A large text keeps millions of signals: each takes 32 bytes.
    @Test func aSignalIsThirtyTwoBytes() {
        #expect(MemoryLayout<Signal>.stride == 32)
    }

    @Test func theCorpusIsThere() {
        #expect(Self.corpusFiles.count > 50)
    }

    @Test(arguments: corpusFiles)
    func signalsScoreExactlyAsFindings(_ path: String) {
        let compact = Self.reports(path, signalsListed: false)
        let listed = Self.reports(path, signalsListed: true)
        #expect(compact.count == listed.count)
        for (a, b) in zip(compact, listed) {
            #expect(abs(a.score.overall - b.score.overall) < 1e-9, "\(path): \(a.score.overall) vs \(b.score.overall)")
            for (c, v) in a.score.categories { #expect(abs(v - (b.score.categories[c] ?? .nan)) < 1e-9) }
            #expect(a.score.words == b.score.words)
            #expect(a.score.lengthFactor == b.score.lengthFactor)
            let ca = a.score.contributions.map { "\($0.ruleID) \($0.count) \(($0.points * 1e6).rounded())" }.sorted()
            let cb = b.score.contributions.map { "\($0.ruleID) \($0.count) \(($0.points * 1e6).rounded())" }.sorted()
            #expect(ca == cb, "\(path)")
            // Only the listing differs: the same problems, and signals only when asked for.
            let isSignal = { (f: Finding) in Self.ruleSet.rules[Self.ruleSet.index[f.ruleID]!].isSignal }
            #expect(a.findings.filter(isSignal).isEmpty)
            #expect(a.findings == b.findings.filter { !isSignal($0) })
        }
    }

    /// A long document's signals are tallied, not listed (`Scorer.tallyFrom`): its score is
    /// still that of the same signals listed as findings.
    @Test func aLongDocumentScoresExactlyAsFindings() throws {
        let paragraph = try String(contentsOf: Self.root.appendingPathComponent("Corpus/transcripts/outage-bridge.txt"), encoding: .utf8)
        var options = CheckOptions()
        options.referenceTime = ReferenceTime.parse("2026-11-23T09:00:00Z")
        let text = String(repeating: paragraph + "\n\n", count: 60)
        let compact = ToneChecker(ruleSet: Self.ruleSet, options: options).report(text: text)
        options.reportSignals = true
        let listed = ToneChecker(ruleSet: Self.ruleSet, options: options).report(text: text)
        let signals = compact.score.contributions.filter { Self.ruleSet.rules[Self.ruleSet.index[$0.ruleID]!].isSignal }.map(\.count).reduce(0, +)
        #expect(signals >= Scorer.tallyFrom)
        // Each rule's points are the same bit for bit; the overall score adds them in the
        // order their groups were made, which differs between the two (the last bits may too).
        #expect(compact.score.contributions == listed.score.contributions)
        #expect(abs(compact.score.overall - listed.score.overall) < 1e-9)
    }

    @Test func politenessStrategiesAreSignalsAndProblemsAreNot() {
        let polite = Self.ruleSet.rules.filter { $0.category == .politeness && $0.severity == .info }
        #expect(!polite.isEmpty)
        #expect(polite.allSatisfy { $0.isSignal })
        #expect(Self.ruleSet.rules.filter { $0.severity >= .warning }.allSatisfy { !$0.isSignal })
    }

    @Test func aSeverityOverrideMakesASignalAFinding() {
        let text = "Why would you ship that?"
        let plain = ToneChecker(ruleSet: Self.ruleSet).report(text: text)
        #expect(plain.findings.filter { $0.ruleID == "politeness.why" }.isEmpty)
        #expect(plain.score.contributions.contains { $0.ruleID == "politeness.why" && $0.points < 0 })
        // Raised to a warning, it is advice again and listed.
        let raised = ToneChecker(ruleSet: Self.ruleSet, options: CheckOptions(severityOverrides: ["politeness.why": .warning])).report(text: text)
        #expect(raised.findings.filter { $0.ruleID == "politeness.why" }.count == 1)
    }
}
