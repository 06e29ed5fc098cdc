// Fuzz target: the whole check pipeline, as the CLI runs it: read any format (the first
// byte picks one, 0 = detect from content) → ToneChecker.report → JSON, NDJSON and text
// reporters, and --fix. The JSON must parse, and every fix must replace exactly the bytes
// its finding matched (so --fix never touches anything else).
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = Fuzz.bytes(data, size)
    guard let first = all.first else { return 0 }
    let b = Array(all.dropFirst())
    let choices: [InputFormat?] = [nil] + InputFormat.allCases.map { Optional($0) }
    let format = choices[Int(first) % choices.count]
    var json = JSONReporter(lines: false, ruleSet: Fuzz.checker.ruleSet)
    var ndjson = JSONReporter(lines: true, ruleSet: Fuzz.checker.ruleSet)
    var text = TextReporter()
    var out = json.begin()
    var summary = RunSummary()
    var fixes: [Fix] = []
    InputReader.read(b, path: nil, format: format) { item in
        let report: DocumentReport
        switch item {
        case .document(let doc): report = Fuzz.checker.report(doc)
        case .failure(let id, let line, let message): report = DocumentReport.failed(id: id, path: nil, line: line, message: message)
        }
        summary.add(report)
        out += json.document(report)
        let line = ndjson.document(report)
        Fuzz.require((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "NDJSON line does not parse: \(line.prefix(300))")
        _ = text.document(report)
        for f in report.findings {
            guard let fix = f.fix else { continue }
            Fuzz.require(fix.range.lowerBound >= 0 && fix.range.upperBound <= b.count, "fix \(fix.range) outside the input (\(b.count) bytes)")
            let seg = report.document.segments[f.segment]
            Fuzz.require(Array(b[fix.range]) == Array(seg.text[f.segmentRange]), "fix \(fix.range) for \(f.ruleID) would replace other bytes than the match '\(f.match)'")
            fixes.append(fix)
        }
    }
    out += json.end(summary)
    Fuzz.require((try? JSONSerialization.jsonObject(with: Data(out.utf8))) != nil, "JSON output does not parse")
    _ = text.end(summary)
    _ = FixApplier.apply(fixes, to: b)
    return 0
}
