import Foundation
import Testing
@testable import ToneCheck

/// Rule regexes do bounded work: catastrophic patterns are refused at load with an error
/// naming the rule, and an accepted pattern that still backtracks heavily gives up on a
/// line after its step budget, with a warning naming the rule.
@Suite struct RegexGuardTests {
    func loadError(_ regex: String) -> String {
        do {
            _ = try ruleSet(rule("t.slow", kind: "regex", "regex: '\(regex)'"))
            return "accepted"
        } catch {
            return error.localizedDescription
        }
    }

    @Test(arguments: ["(a+)+$", "(a|aa)*b", "(a*)*", "(\\\\w+\\\\s?)+$", "(.*a){20}", "(x)\\\\1", "(?=a)b", "(?<!a)b"])
    func catastrophicPatternsAreRefusedAtLoadNamingTheRule(_ regex: String) {
        let e = loadError(regex)
        #expect(e.contains("rule t.slow"), "got: \(e)")
        #expect(e.contains("field 'regex'"), "got: \(e)")
    }

    /// The example: `(a+)+$` never runs, so a long line of `a` cannot hang a check.
    @Test func nestedRepeatNeverRunsOnALongLine() {
        #expect(loadError("(a+)+$").contains("repeated group"))
    }

    /// `a*a*b` passes the load-time check but is cubic: on a line of 8,000 `a` (with a `b`
    /// before them, so the line passes the literal prefilter) ICU would take about half an
    /// hour. With the budget it gives up on each line with a warning naming the rule, and
    /// after three lines the rule is skipped for the part. (The emoji, which `ByteRegex`
    /// leaves to ICU, makes ICU run the lines; on ASCII lines, and lines whose other
    /// characters are letters such as `é`, `ByteRegex` needs no budget, below.)
    @Test func polynomialPatternGivesUpWithAWarningNamingTheRule() throws {
        let rs = try ruleSet(rule("t.slow", kind: "regex", "regex: 'a*a*b', caseSensitive: true"))
        let line = "👍 b " + String(repeating: "a", count: 8000)
        let text = (0..<5).map { _ in line }.joined(separator: "\n") + "\nab here\n"
        let r = ToneChecker(ruleSet: rs).report(text: text)
        let gaveUp = r.warnings.filter { $0.message.contains("regex rule t.slow gave up") }
        #expect(gaveUp.count == 3)
        #expect(gaveUp.map(\.line) == [1, 2, 3])
        #expect(gaveUp.last?.message.contains("skipped for the rest of this part") == true)
    }

    /// A budget is per line: a regex that gives up on one line still matches on others.
    @Test func givingUpOnOneLineKeepsOtherLines() throws {
        let rs = try ruleSet(rule("t.slow", kind: "regex", "regex: 'a*a*b', caseSensitive: true"))
        let text = "ab first\n" + "👍 b " + String(repeating: "a", count: 8000) + "\nthen aab\n"
        let r = ToneChecker(ruleSet: rs).report(text: text)
        // Line 2's "b" is found before the search gives up on the `a`s after it.
        #expect(r.findings.map(\.match) == ["ab", "b", "aab"])
        #expect(r.warnings.filter { $0.message.contains("gave up") }.map(\.line) == [2])
    }

    /// The same lines in ASCII go to `ByteRegex`, which is linear in the line for this
    /// pattern: every match is found and nothing gives up.
    @Test func anASCIILineNeedsNoBudgetForACubicPattern() throws {
        let rs = try ruleSet(rule("t.slow", kind: "regex", "regex: 'a*a*b', caseSensitive: true"))
        let text = "ab first\n" + "b " + String(repeating: "a", count: 8000) + "b\nthen aab\n"
        let r = ToneChecker(ruleSet: rs).report(text: text)
        #expect(r.findings.map(\.match) == ["ab", "b", String(repeating: "a", count: 8000) + "b", "aab"])
        #expect(r.warnings.isEmpty)
    }

    /// Found by fuzzing (pipeline target): invalid UTF-8 before a regex match used to shift
    /// the match's byte range (each bad byte decoded to a 3-byte U+FFFD) past the end of
    /// the text, and the checker trapped on an out-of-range index.
    @Test func invalidUTF8BeforeARegexMatchKeepsByteOffsets() throws {
        var bytes = Array("WHY ARE THE ".utf8) + [UInt8](repeating: 0xB0, count: 38)
        bytes += Array("TICKETS STILL OPEN?! I NEED THIS 00:20.5IGH ".utf8) + [0xAC, 0xB1, 0xB0, 0xAE] + Array("!!!\n".utf8)
        let doc = PlainTextReader.read(bytes, path: nil)
        let r = try ToneChecker.standard().report(doc)
        let caps = r.findings.filter { $0.ruleID == "tone.caps-run" }
        #expect(!caps.isEmpty)
        for f in r.findings {
            let seg = doc.segments[f.segment].text
            #expect(f.segmentRange.upperBound <= seg.count)
            #expect(String(decoding: seg[f.segmentRange], as: UTF8.self) == f.match)
        }
        #expect(caps.map(\.match).contains("TICKETS STILL OPEN"))
    }

    @Test func regexLineMapsUTF16OffsetsBackToBytes() {
        // "é" is 2 bytes / 1 unit, "😀" 4 bytes / 2 units, 0xFF is invalid (1 byte → U+FFFD).
        let bytes = Array("é😀".utf8) + [0xFF] + Array("x".utf8)
        let line = RegexLine(bytes[...])
        #expect(line.string == "é😀\u{FFFD}x")
        #expect(line.utf16Count == 5)
        #expect(line.byteRange(utf16: 0, length: 1) == 0..<2)
        #expect(line.byteRange(utf16: 1, length: 2) == 2..<6)
        #expect(line.byteRange(utf16: 3, length: 1) == 6..<7)
        #expect(line.byteRange(utf16: 4, length: 1) == 7..<8)
        let ascii = RegexLine(Array("plain line".utf8)[...])
        #expect(ascii.string == "plain line" && ascii.utf16Count == 10)
        #expect(ascii.byteRange(utf16: 6, length: 4) == 6..<10)
    }

    /// The fast path for valid UTF-8 maps units to bytes exactly as decoding scalar by
    /// scalar does.
    @Test(arguments: ["café ‘quoted’ — ok", "😀 emoji 😀😀 end", "日本語のテキスト", "mixed é😀x’y", "a\u{301}b"])
    func validLinesDecodeAsScalarWise(text: String) {
        let bytes = Array(text.utf8)[...]
        let fast = RegexLine(bytes), slow = RegexLine(scalarWise: bytes)
        #expect(fast.string == slow.string && fast.utf16Count == slow.utf16Count)
        for u in 0...fast.utf16Count {
            for length in 0...(fast.utf16Count - u) {
                #expect(fast.byteRange(utf16: u, length: length) == slow.byteRange(utf16: u, length: length))
            }
        }
    }

    /// Lines too long for regexes are reported once per part, with their count and the
    /// first one's line, not once per line.
    @Test func longLinesAreReportedOnceWithTheirCount() {
        let long = String(repeating: "b", count: RegexGuard.maxLineBytes + 10)
        let text = "Hi Dana,\n\(long)\nok\n\(long)\n\(long)\n"
        let r = ToneChecker(ruleSet: try! RuleSet.builtin()).report(text: text)
        let skipped = r.warnings.filter { $0.message.contains("regex rules skipped") }
        #expect(skipped.count == 1)
        #expect(skipped.first?.message.hasPrefix("3 lines longer than") == true)
        #expect(skipped.first?.line == 2)
    }
}
