/// Checking with findings dropped before scoring (suppressions, team vocabulary,
/// baselines, per-path rule switches), so the score matches what is reported.
extension ToneChecker {
    /// Checks `document`, keeps only the findings `keep` returns, then scores.
    /// Words inside dropped findings count as clean words again.
    public func report(_ document: Document, keep: ([Finding]) -> [Finding]) -> DocumentReport {
        let checker = Checker(ruleSet: ruleSet, options: options)
        var result = checker.check(document)
        let kept = keep(result.findings)
        if kept.count != result.findings.count {
            result.findings = kept
            result.cleanWords = ToneChecker.cleanWords(document, findings: kept, signals: result.signals, checker: checker)
        }
        // Transcripts get a per-speaker analysis (of the kept findings), which needs the
        // signals as findings; they are listed only when asked for.
        var speakers: TranscriptSummary?
        var unlisted = Set<String>()
        // (`InputFormat(rawValue:)?.isTranscript` spelled out: no enum parsed per document;
        // segments' roles read in place, no segment copied.)
        let f = document.format
        // (Email and text first: equal strings compare at once, unequal ones take a call each.)
        let transcriptFormat = f != "email" && f != "text" && (f == "transcript" || f == "vtt" || f == "srt" || f == "sbv" || f == "transcribe-json")
        if transcriptFormat || document.segments.indices.contains(where: { document.segments[$0].role == .turn }) {
            if !result.signals.isEmpty {
                for s in result.signals {
                    unlisted.insert(ruleSet.rules[Int(s.rule)].id)
                    result.findings.append(checker.finding(for: s, in: document))
                }
                result.signals = []
            }
            speakers = SpeakerAnalysis.analyse(document, result: &result, ruleSet: ruleSet, options: options, sides: options.speakerSides)
        }
        let score = Scorer.score(result, ruleSet: ruleSet)
        // Sorted in place (taken out of `result`, so not copied first); filtered only when
        // there is something to leave out.
        var findings = result.findings
        result.findings = []
        if !unlisted.isEmpty { findings = findings.filter { !unlisted.contains($0.ruleID) } }
        findings.sort {
            ($0.start.line, $0.start.column, $0.segment) < ($1.start.line, $1.start.column, $1.segment)
        }
        var warnings = document.warnings
        if !result.warnings.isEmpty { warnings += result.warnings }
        if let more = speakers?.warnings, !more.isEmpty { warnings += more }
        // Made whole in one initializer: setting `speakers` afterwards copied the report twice.
        return DocumentReport(document: document, findings: findings, score: score, warnings: warnings, speakers: speakers)
    }

    /// Words in checked segments not covered by a penalty finding.
    static func cleanWords(_ document: Document, findings: [Finding], signals: [Signal], checker: Checker) -> Int {
        var clean = 0
        var tokens: [Token] = []
        var bySegment: [Int: [Finding]] = [:]
        for f in findings { bySegment[f.segment, default: []].append(f) }
        var signalsBySegment: [Int: [Signal]] = [:]
        for s in signals { signalsBySegment[Int(s.segment), default: []].append(s) }
        for (si, segment) in document.segments.enumerated() where checker.inScope(segment.role) {
            Tokenizer.tokenize(segment.text, into: &tokens)
            let penalties = Checker.penaltyRanges(
                findings: ArraySlice(bySegment[si] ?? []), signals: ArraySlice(signalsBySegment[si] ?? []), rules: checker.ruleSet.rules)
            clean += Checker.wordCounts(tokens, penalties: penalties).clean
        }
        return clean
    }
}
