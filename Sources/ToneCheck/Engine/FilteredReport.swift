/// Checking with findings dropped before scoring (suppressions, team vocabulary,
/// baselines, per-path rule switches), so the score matches what is reported.
extension ToneChecker {
    /// Checks `document`, keeps only the findings `keep` returns, then scores.
    /// Words inside dropped findings count as clean words again.
    public func report(_ document: Document, keep: ([Finding]) -> [Finding]) -> DocumentReport {
        var result = Checker(ruleSet: ruleSet, options: options).check(document)
        let kept = keep(result.findings)
        if kept.count != result.findings.count {
            result.findings = kept
            result.cleanWords = ToneChecker.cleanWords(document, findings: kept, checker: Checker(ruleSet: ruleSet, options: options))
        }
        // Transcripts get a per-speaker analysis (of the kept findings).
        var speakers: TranscriptSummary?
        if InputFormat(rawValue: document.format)?.isTranscript == true || document.segments.contains(where: { $0.role == .turn }) {
            speakers = SpeakerAnalysis.analyse(document, result: &result, ruleSet: ruleSet, options: options, sides: options.speakerSides)
        }
        let findings = result.findings.sorted {
            ($0.start.line, $0.start.column, $0.segment) < ($1.start.line, $1.start.column, $1.segment)
        }
        let score = Scorer.score(result, parameters: ruleSet.scoring)
        var report = DocumentReport(document: document, findings: findings, score: score, warnings: document.warnings + result.warnings + (speakers?.warnings ?? []))
        report.speakers = speakers
        return report
    }

    /// Words in checked segments not covered by a penalty finding.
    static func cleanWords(_ document: Document, findings: [Finding], checker: Checker) -> Int {
        var clean = 0
        var tokens: [Token] = []
        var bySegment: [Int: [Finding]] = [:]
        for f in findings { bySegment[f.segment, default: []].append(f) }
        for (si, segment) in document.segments.enumerated() where checker.inScope(segment.role) {
            Tokenizer.tokenize(segment.text, into: &tokens)
            clean += Checker.wordCounts(tokens, findings: ArraySlice(bySegment[si] ?? [])).clean
        }
        return clean
    }
}
