import Foundation
import Testing
@testable import ToneCheck

/// Builds a rule set from inline JSON5 rules.
func ruleSet(_ rules: String, lists: String = "{}") throws -> RuleSet {
    let text = "{ pack: 'test', lists: \(lists), rules: [\(rules)] }"
    return try RuleSet(packs: [try RuleLoader.parse(Data(text.utf8), path: "test.json5")])
}

func rule(_ id: String, kind: String, _ body: String, weight: Double = 5, severity: String = "warning") -> String {
    "{ id: '\(id)', category: 'tone', severity: '\(severity)', kind: '\(kind)', message: 'm {match}', why: 'w', weight: \(weight), \(body) }"
}

@Suite struct CheckerTests {
    func matches(_ rs: RuleSet, _ text: String) -> [String] {
        ToneChecker(ruleSet: rs).report(text: text).findings.map { "\($0.ruleID):\($0.match)" }
    }

    @Test func phrasesMatchWholeWordsCaseAndApostrophes() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['it\\'s not rocket science', 'per my last email']"))
        #expect(matches(rs, "IT’S NOT ROCKET SCIENCE") == ["t.a:IT’S NOT ROCKET SCIENCE"])
        #expect(matches(rs, "As per my last email, see below") == ["t.a:per my last email"])
        #expect(matches(rs, "per my last. Email") == [])
        #expect(matches(rs, "paper my last email") == [])
    }

    @Test func wordsInsideWebAddressesDoNotMatch() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['why', 'really']")
            + "," + rule("t.s", kind: "sentence", "starts: ['com']"))
        #expect(matches(rs, "See https://wiki.example.com/why-it-really-fails for the notes.") == [])
        #expect(matches(rs, "See www.example.com/Why for why it fails.") == ["t.a:why"])
    }

    @Test func abbreviationsAndDecimalsDoNotEndSentences() throws {
        let rs = try ruleSet(rule("t.s", kind: "sentence", "starts: ['the']")
            + "," + rule("t.q", kind: "phrase", "phrases: ['files'], question: true"))
        #expect(matches(rs, "Could you send the files, e.g. the Q3 report?") == ["t.q:files"])
        #expect(matches(rs, "Could you send the files, i.e. the ones from 3.14 onwards?") == ["t.q:files"])
        // Before a capital, a dotted abbreviation still closes the sentence.
        #expect(matches(rs, "Call at 5 p.m. The room is booked.") == ["t.s:The"])
        #expect(matches(rs, "Send the files. the rest later?") == ["t.s:the"])
    }

    @Test func inflectionIsOnByDefaultAndCanBeTurnedOff() throws {
        let on = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['demand an answer']"))
        #expect(matches(on, "She demanded an answer.") == ["t.a:demanded an answer"])
        let off = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['demand an answer'], inflect: false"))
        #expect(matches(off, "She demanded an answer.") == [])
        #expect(matches(off, "I demand an answer.") == ["t.a:demand an answer"])
    }

    @Test func longestOverlappingMatchWins() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['you', 'you people']"))
        #expect(matches(rs, "you people again") == ["t.a:you people"])
    }

    @Test func patternsWithGaps() throws {
        let rs = try ruleSet(rule("t.a", kind: "pattern", "patterns: ['your team ... dropped the ball']"))
        #expect(matches(rs, "Your team really completely dropped the ball.") == ["t.a:Your team really completely dropped the ball"])
        #expect(matches(rs, "Your team a b c d dropped the ball.") == [])
    }

    @Test func unlessCancelsWithinTheSentenceOnly() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['asap'], unless: ['because']"))
        #expect(matches(rs, "Send it ASAP because the audit starts.") == [])
        #expect(matches(rs, "Send it ASAP. It matters because of the audit.") == ["t.a:ASAP"])
    }

    /// Each rule is cancelled by its own `unless` phrases only, in its own sentence, with
    /// several rules' phrases in one sentence and before or after the match.
    @Test func unlessPhrasesCancelTheirOwnRuleOnly() throws {
        let rs = try ruleSet(
            rule("t.a", kind: "phrase", "phrases: ['asap'], unless: ['because']") + ", "
                + rule("t.b", kind: "phrase", "phrases: ['now'], unless: ['since']"))
        #expect(matches(rs, "Since it broke, fix it now and ASAP.") == ["t.a:ASAP"])
        #expect(matches(rs, "Fix it now and ASAP, because it broke.") == ["t.b:now"])
        #expect(matches(rs, "Because and since: now, asap.") == [])
        #expect(Set(matches(rs, "Fix it ASAP because it broke. Now! Since then, asap.")) == ["t.b:Now", "t.a:asap"])
    }

    @Test func sentenceRulesOnlyAtSentenceStart() throws {
        let rs = try ruleSet(rule("t.o", kind: "sentence", "starts: ['@verbs'], unless: ['please', 'thanks']"), lists: "{ verbs: ['send', 'fix'] }")
        #expect(matches(rs, "Send me the report.") == ["t.o:Send"])
        #expect(matches(rs, "Hi Dana,\nFix the macro.") == ["t.o:Fix"])
        #expect(matches(rs, "Please send me the report.") == [])
        #expect(matches(rs, "Send me the report, thanks!") == [])
        #expect(matches(rs, "We will send the report.") == [])
    }

    @Test func substitutionsCarryASafeFixWithMatchingCase() throws {
        let rs = try ruleSet(rule("t.s", kind: "substitution", "swap: { 'no problem': 'happy to help', 'we can\\'t': 'what we can do is|here is what we can do' }"))
        let r = ToneChecker(ruleSet: rs).report(text: "No problem. We can't.")
        #expect(r.findings.count == 2)
        #expect(r.findings[0].fix == Fix(range: 0..<10, replacement: "Happy to help"))
        #expect(r.findings[1].fix == nil)
        #expect(r.findings[1].suggestions.prefix(2) == ["what we can do is", "here is what we can do"])
        let fixed = FixApplier.apply(r.findings.compactMap(\.fix), to: Array("No problem. We can't.".utf8))
        #expect(String(decoding: fixed.bytes, as: UTF8.self) == "Happy to help. We can't.")
    }

    @Test func capsShareAndPunctuationRuns() throws {
        let rs = try ruleSet(
            rule("t.caps", kind: "metric", "metric: 'caps-share', threshold: 0.5, min: 3, acronyms: ['SLA']") + ","
                + rule("t.bang", kind: "metric", "metric: 'punctuation-run', threshold: 2"))
        #expect(matches(rs, "WHY IS THIS STILL BROKEN") == ["t.caps:WHY IS THIS STILL BROKEN"])
        #expect(matches(rs, "The SLA and the FAQ are fine") == [])
        #expect(matches(rs, "Fix it now!!! Really?!") == ["t.bang:!!!", "t.bang:?!"])
        #expect(matches(rs, "Done! Thanks!") == [])
    }

    @Test func occurrenceCountsOtherFindings() throws {
        let rs = try ruleSet(
            rule("t.u", kind: "phrase", "phrases: ['asap']") + ","
                + "{ id: 't.stack', category: 'demand', kind: 'occurrence', of: ['t.u'], min: 3, message: '{count} urgent asks', why: 'w', weight: 5 }")
        #expect(matches(rs, "ASAP. ASAP.").filter { $0.hasPrefix("t.stack") }.isEmpty)
        #expect(matches(rs, "ASAP. ASAP. ASAP.").contains("t.stack:ASAP"))
    }

    @Test func quotedAndSignatureTextIsNotChecked() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['obviously']"))
        let text = "Fine by me.\n> obviously wrong\n-- \nDana, obviously\n"
        #expect(matches(rs, text) == [])
        var opts = CheckOptions()
        opts.includeQuoted = true
        #expect(ToneChecker(ruleSet: rs, options: opts).report(text: text).findings.count == 2)
    }

    @Test func positionsAreLineAndCharacterColumn() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['obviously']"))
        let r = ToneChecker(ruleSet: rs).report(text: "Première ligne\nC’est obviously faux")
        let f = try #require(r.findings.first)
        #expect(f.start.line == 2)
        #expect(f.start.column == 7)
        #expect(f.start.byteOffset == Array("Première ligne\nC’est ".utf8).count)
    }

    @Test func regexRulesAreBounded() throws {
        let rs = try ruleSet(rule("t.r", kind: "regex", "regex: 'ticket #[0-9]+'"))
        #expect(matches(rs, "see Ticket #123 now") == ["t.r:Ticket #123"])
        #expect(throws: ToneCheckError.self) { try ruleSet(rule("t.r", kind: "regex", "regex: '(a+)+$'")) }
        #expect(throws: ToneCheckError.self) { try ruleSet(rule("t.r", kind: "regex", "regex: '(x)\\\\1'")) }
    }
}

@Suite struct ChunkingTests {
    @Test func chunksCoverTheTextAndEndAtBlankLines() {
        let para = Array(String(repeating: "word ", count: 2000).utf8) + [0x0A, 0x0A]
        var text: [UInt8] = []
        while text.count < Checker.chunkSize * 3 { text += para }
        let chunks = Checker.chunks(of: text)
        #expect(chunks.count >= 3)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == text.count)
        for (a, b) in zip(chunks, chunks.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(text[a.upperBound - 1] == 0x0A && text[a.upperBound - 2] == 0x0A)
        }
    }

    @Test func largeSegmentsFindTheSameAsSmallOnes() throws {
        let rs = try ruleSet(rule("t.a", kind: "phrase", "phrases: ['per my last email']"))
        let para = "As per my last email, the queue is long today and everyone is busy.\n\n"
        let text = String(repeating: para, count: 10_000)
        #expect(text.utf8.count > Checker.chunkSize * 2)
        let r = ToneChecker(ruleSet: rs).report(text: text)
        #expect(r.findings.count == 10_000)
        let last = try #require(r.findings.last)
        #expect(last.start.line == 2 * 9_999 + 1)
        #expect(last.start.column == 4)
        #expect(r.score.words == 10_000 * 14)
    }

    /// The ordering of matches (by insertion for a few, by a counting sort for more) equals
    /// a stable sort on (rule, start, -end), on random matches made as the trie walk makes
    /// them (ascending start), of every size around the switch between the two.
    @Test(arguments: [1, 2, 3, 4, 5])
    func matchOrderEqualsAStableSort(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for size in Array(0...40) + [200 + next(800)] {
            var matches: [Checker.Match] = []
            var start: Int32 = 0
            for _ in 0..<size {
                if next(3) == 0 { start += Int32(next(4)) }
                let end = start + 1 + Int32(next(4))
                matches.append(Checker.Match(rule: Int32(next(7)), variant: Int32(matches.count), role: .match, start: start, end: end))
            }
            let expected = matches.indices.sorted {
                let a = matches[$0], b = matches[$1]
                return (a.rule, a.start, -a.end, $0) < (b.rule, b.start, -b.end, $1)
            }.map { matches[$0].variant }
            #expect(Checker.byRuleThenStart(matches, ruleCount: 7).map(\.variant) == expected, "\(size) matches")
        }
    }
}

/// Clean words: the marks the checker sets as it goes, plus `cover` for byte ranges, count
/// what `wordCounts(_:penalties:)` counts from every penalty's byte range.
@Suite struct CleanWordTests {
    @Test(arguments: [1, 2, 3, 4])
    func coverCountsAsTheRangeSweep(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let words = ["send", "it", "now", "!", "3", "please", "\n\n", "thanks", ",", "http://x.io/a-b"]
        let text = (0..<400).map { _ in words[next(words.count)] }.joined(separator: " ")
        let tokens = Tokenizer.tokenize(Array(text.utf8))
        for _ in 0..<20 {
            // Ranges from token edges and from arbitrary bytes, some overlapping, some empty.
            var ranges: [Range<Int>] = []
            for _ in 0..<next(12) {
                let a = next(text.utf8.count + 1), b = min(text.utf8.count, a + next(40))
                ranges.append(a..<b)
            }
            // Some of them marked by token index, as the checker marks its penalties.
            var flags = [UInt8](repeating: 0, count: tokens.count + 1)
            var marked = 0
            var byBytes: [Range<Int>] = []
            for r in ranges {
                if next(2) == 0 {
                    byBytes.append(r)
                    continue
                }
                // Token-aligned: the tokens starting inside r.
                let inside = tokens.indices.filter { Int(tokens[$0].start) >= r.lowerBound && Int(tokens[$0].start) < r.upperBound }
                guard let first = inside.first, let last = inside.last else { continue }
                for t in first...last where flags[t] & CheckScratch.counted == 0 {
                    flags[t] |= CheckScratch.counted
                    if tokens[t].isWord { marked += 1 }
                }
            }
            let covered = marked + Checker.cover(byBytes, tokens: tokens, flags: &flags)
            let expected = Checker.wordCounts(tokens, penalties: ranges)
            #expect(tokens.filter(\.isWord).count - covered == expected.clean)
        }
    }
}

@Suite struct RoleBitsTests {
    /// Each role's bit is its place in `allCases`, and `isAuthored` agrees with the set.
    @Test(arguments: SegmentRole.allCases)
    func bitsFollowAllCases(_ role: SegmentRole) {
        #expect(RuleInfo.bit(role) == 1 << UInt32(SegmentRole.allCases.firstIndex(of: role)!))
        #expect(RuleInfo.isAuthored(role) == SegmentRole.authored.contains(role))
        #expect(RuleInfo.authored == RuleInfo.mask(SegmentRole.authored))
    }
}

@Suite struct LongLinesTests {
    /// Random texts of short and long lines: the jumping search counts the lines a plain
    /// walk finds longer than the limit, and finds the first.
    @Test func agreesWithAWalkOverEveryLine() {
        var state: UInt64 = 99
        for limit in [1, 2, 5, 16] {
            for _ in 0..<2000 {
                var text: [UInt8] = []
                state = state &* 6364136223846793005 &+ 1442695040888963407
                for _ in 0..<(Int(state >> 59)) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    text += [UInt8](repeating: 0x61, count: Int(state >> 33) % (3 * limit + 2))
                    if state >> 63 == 0 || state >> 62 == 1 { text.append(0x0A) }
                }
                var count = 0
                var first: Int?
                var start = 0
                while start <= text.count {
                    let end = text[start...].firstIndex(of: 0x0A) ?? text.count
                    if end - start > limit {
                        count += 1
                        if first == nil { first = start }
                    }
                    start = end + 1
                }
                let found = text.withUnsafeBufferPointer { Checker.longLines($0, longerThan: limit) }
                #expect(found.count == count && found.first == first, "\(limit) \(text)")
            }
        }
    }
}
