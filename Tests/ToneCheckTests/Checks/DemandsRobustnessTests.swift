import Foundation
import Testing
@testable import ToneCheck

/// Odd and real-world input through the demand checks: never a crash, and every range
/// found lies inside the text and spells what it claims.
@Suite struct DemandsRobustnessTests {
    static let ruleSet = try! RuleSet.standard()
    static let friday = ReferenceTime.parse("2026-11-27T16:50:00-05:00")!

    static func checkInvariants(_ text: String, _ ref: ReferenceTime = friday) {
        let bytes = Array(text.utf8)
        for d in DeadlineParser.deadlines(in: text, reference: ref) {
            #expect(d.range.lowerBound >= 0 && d.range.upperBound <= bytes.count, "\(text)")
            #expect(d.text == String(decoding: bytes[d.range], as: UTF8.self), "\(text)")
        }
        let report = ToneChecker(ruleSet: ruleSet).report(text: text, now: ref)
        for f in report.findings {
            let seg = report.document.segments[f.segment]
            #expect(f.segmentRange.upperBound <= seg.text.count, "\(text)")
        }
    }

    /// A deterministic generator (a linear congruential generator), so failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    @Test func wordSaladOfDeadlineWords() {
        let vocabulary = [
            "by", "before", "the", "end", "of", "day", "week", "5", "17", ":", "00", "/", "28", "11", "2026", "-", "pm", "am", "p", ".", "m",
            "tomorrow", "morning", "first", "thing", "monday", "Nov", "28th", "within", "in", "an", "hour", "half", "minutes", "20",
            "ASAP", "right", "now", "EOD", "COB", "tonight", "lunch", "noon", "this", "next", "send", "please", "could", "you", "need",
            "I", "?", "!", ",", "or", "else", "urgent", "EST", "PT", "o'clock", "99999", "0", "24", "31", "2", "feb", "30", "\n", "\n\n",
            "é", "’", "—", "{{name}}",
        ]
        var rng = LCG(state: 42)
        for _ in 0..<1500 {
            var words: [String] = []
            for _ in 0..<(1 + rng.next(14)) { words.append(vocabulary[rng.next(vocabulary.count)]) }
            let sep = rng.next(3) == 0 ? "" : " "
            Self.checkInvariants(words.joined(separator: sep))
        }
    }

    @Test func invalidUTF8AndControlBytes() {
        var rng = LCG(state: 7)
        for _ in 0..<300 {
            var bytes = Array("Send it by 5pm 11/28 ASAP ".utf8)
            for _ in 0..<(rng.next(20)) { bytes.insert(UInt8(rng.next(256)), at: rng.next(bytes.count + 1)) }
            let text = String(decoding: bytes, as: UTF8.self)
            Self.checkInvariants(text)
            _ = ToneChecker(ruleSet: Self.ruleSet).report(PlainTextReader.read(bytes), now: Self.friday)
        }
    }

    @Test func aLongSentenceStaysLinear() {
        // One 110,000-word sentence full of cues (10,000 deadlines) is checked without blowing up,
        // and the demand after it is still found.
        let text = String(repeating: "could you send it by Monday or in the office ", count: 10_000) + "Need it fixed by 5."
        let report = ToneChecker(ruleSet: Self.ruleSet).report(text: text, now: Self.friday)
        #expect(report.findings.filter { $0.ruleID.hasPrefix("demand.") }.map(\.match) == ["by 5"])
    }

    /// The Stanford Politeness Corpus sample (requests and questions rated for politeness). Skipped when the data is absent.
    @Test func politenessRequestsAreRecognised() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // ../shared/data from the package root (one more level up from a helper's worktree).
        let candidates = ["../shared/data/politeness/dev.jsonl", "../../shared/data/politeness/dev.jsonl"].map { root.appendingPathComponent($0).standardized.path }
        let path = candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
        guard let data = FileManager.default.contents(atPath: path) else {
            print("note: \(path) not found; skipping the politeness request check")
            return
        }
        let lexicon = try #require(Self.ruleSet.demands).lexicon
        var total = 0, recognised = 0
        var softened: [Double] = [], bare: [Double] = []
        for line in data.split(separator: 0x0A) {
            guard let o = try? JSONValue.parseJSON(Data(line)).objectValue, let text = o["text"]?.stringValue, let score = o["score"]?.numberValue else { continue }
            total += 1
            Self.checkInvariants(text)
            let requests = DemandAnalyzer.requests(in: text, reference: Self.friday, lexicon: lexicon)
            if !requests.isEmpty { recognised += 1 }
            if let r = requests.first {
                if r.softeners.contains(.please) || r.softeners.contains(.modal) { softened.append(score) } else { bare.append(score) }
            }
        }
        let mean = { (x: [Double]) in x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        print("politeness: \(recognised)/\(total) recognised as requests; mean politeness with please/could/would \(mean(softened)) (n=\(softened.count)), without \(mean(bare)) (n=\(bare.count))")
        // Many rows are information questions ("What language are you using?"), not requests for action;
        // 31% are recognised as action requests (measured 2026-11-23). Guard against regressions.
        #expect(Double(recognised) >= 0.28 * Double(total), "only \(recognised) of \(total) requests recognised")
        #expect(mean(softened) > mean(bare), "softened requests should be rated more polite")
    }
}
