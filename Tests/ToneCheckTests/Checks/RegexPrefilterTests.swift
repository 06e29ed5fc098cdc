import Foundation
import Testing

@testable import ToneCheck

@Suite struct RegexPrefilterTests {
    static func accepted(_ p: RegexPrefilter?) -> String {
        guard let p else { return "none" }
        return p.runs.map { run in
            run.steps.map { step in
                let chars = (0..<128).filter { step.bytes[$0] }.map { String(UnicodeScalar(UInt8($0))) }.joined()
                return "\(chars){\(step.min),\(step.max == Int.max ? "" : String(step.max))}"
            }.joined(separator: " ")
        }.joined(separator: " | ")
    }

    @Test(arguments: [
        (#"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}"#, true, "*{1,2} ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz{1,1}"),
        (#"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, true, "ABCDEFGHIJKLMNOPQRSTUVWXYZ{2,}  {1,1} ABCDEFGHIJKLMNOPQRSTUVWXYZ{2,}  {1,1} ABCDEFGHIJKLMNOPQRSTUVWXYZ{1,1}"),
        ("urgent|asap", true, "u{1,1} r{1,1} g{1,1} e{1,1} n{1,1} t{1,1} | a{1,1} s{1,1} a{1,1} p{1,1}"),
        (#"\*{1,2}[A-Z]|\b_{1,2}[A-Z]"#, true, "*{1,2} ABCDEFGHIJKLMNOPQRSTUVWXYZ{1,1} | _{1,2} ABCDEFGHIJKLMNOPQRSTUVWXYZ{1,1}"),
        ("(a|b)c|[|]d", true, "c{1,1} | |{1,1} d{1,1}"),
        (#"x\|y"#, true, "x{1,1} |{1,1} y{1,1}"),
        ("a|(b)", true, "none"),
        ("a|", true, "none"),
        (#"\+?x"#, true, "x{1,1}"),
        ("(foo)?bar", true, "b{1,1} a{1,1} r{1,1}"),
        ("Q", false, "Qq{1,1}"),
        ("(?i)Q", true, "Qq{1,1}"),
        (#"\d{3}-\d{4}"#, true, "0123456789{3,3} -{1,1} 0123456789{4,4}"),
        ("[^a]+z*", true, "none"),
        ("", true, "none"),
    ])
    func derivesTheMostSelectiveRequiredElement(_ pattern: String, _ caseSensitive: Bool, _ expected: String) {
        #expect(Self.accepted(RegexPrefilter.make(pattern, caseSensitive: caseSensitive)) == expected)
    }

    /// `\b` before a first step of word characters rejects a run that follows a word
    /// character (`first_name`), and only then.
    @Test func aBoundaryBeforeAWordStepIsRequired() throws {
        let filter = try #require(RegexPrefilter.make(#"\b_{1,2}[A-Za-z]"#, caseSensitive: true))
        func passes(_ line: String) -> Bool { Array(line.utf8).withUnsafeBufferPointer { filter.mayMatch($0) } }
        #expect(!passes("Hi ${first_name},"))
        #expect(passes("a _very_ long day"))
        #expect(passes("_start"))
        #expect(passes("é_x"))  // a byte ≥ 0x80 before: maybe not a letter, so passed on
        let plain = try #require(RegexPrefilter.make(#"_{1,2}[A-Za-z]"#, caseSensitive: true))
        #expect(Array("first_name".utf8).withUnsafeBufferPointer { plain.mayMatch($0) })
    }

    /// A case-insensitive pattern may match non-ASCII letters (the Kelvin sign is a `k`), so
    /// its letters are not tested on a line with non-ASCII text; its punctuation still is,
    /// so a line with a curly apostrophe and no `*` or `_` never reaches the regex.
    @Test func nonASCIILinesAreTestedForTheASCIIOnlyElements() throws {
        let emphasis = #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}|\b_{1,2}[A-Za-z][A-Za-z' ]{0,30}_{1,2}\b"#
        let filter = try #require(RegexPrefilter.make(emphasis, caseSensitive: false))
        func passes(_ line: String) -> Bool { Array(line.utf8).withUnsafeBufferPointer { filter.mayMatch($0) } }
        #expect(!passes("Tomorrow’s maintenance window"))
        #expect(passes("It’s *not* a bug"))
        #expect(passes("It’s _\u{212A}_"))
        #expect(passes("*\u{212A}*"))
        #expect(!passes("It's not a bug"))
        #expect(passes("It's *not* a bug"))
        // `\w` may match any letter: a non-ASCII line needs only the `-`.
        let word = try #require(RegexPrefilter.make(#"\w+-\w+"#, caseSensitive: true))
        #expect(Array("é-é".utf8).withUnsafeBufferPointer { word.mayMatch($0) })
        #expect(!Array("éé".utf8).withUnsafeBufferPointer { word.mayMatch($0) })
    }

    /// Soundness: whenever the regex matches a line, the line passes the prefilter.
    @Test(arguments: [
        #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}"#, #"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, #"\+?x"#, "(ab|c)+d{2}",
        #"[a-c]{2,3}\.?!"#, "x*y+z?", #"\d+\s\w"#, "[*!]{2}", "A{0}B", "[]a]]", "a{2}b{1,2}c", "(?i)ab{2}", #"\w{2} \d"#,
        #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}|\b_{1,2}[A-Za-z][A-Za-z' ]{0,30}_{1,2}\b"#, "x+y|[*]z|(a|b)!", "[|]a|b-1",
        #"\b_{1,2}[a-c]"#, #"\bab"#, #"x|\b_a"#, #"\b[_a]{2}c"#, #"\b[a ]b"#, #"(?i)\bA_"#, "k[*]s", #"\*K\*|_S_"#,
    ], [true, false])
    func aLineTheRegexMatchesAlwaysPasses(_ pattern: String, _ caseSensitive: Bool) throws {
        let re = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        let filter = RegexPrefilter.make(pattern, caseSensitive: caseSensitive)
        let alphabets = [
            Array("abcdxyzABCD +*!.1'-]_|".unicodeScalars), Array("AB x".unicodeScalars), Array("abcé1 \u{212A}\u{17F}".unicodeScalars),
            Array("__ab x1é-\u{301}".unicodeScalars), Array("*_ksKS\u{212A}\u{17F}’é".unicodeScalars),
        ]
        var state: UInt64 = 42
        var checked = 0
        for _ in 0..<20000 {
            var line = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let alphabet = alphabets[Int(state >> 20) % alphabets.count]
            for _ in 0..<(1 + Int(state >> 59)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let ns = line as NSString
            guard re.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) != nil else { continue }
            checked += 1
            let passes = Array(line.utf8).withUnsafeBufferPointer { filter?.mayMatch($0) ?? true }
            #expect(passes, "\(pattern) matches '\(line)' but the prefilter rejects it")
        }
        #expect(checked > 0)
    }
}

@Suite struct ByteRangesTests {
    /// Sets of one, two and three ranges (and the edges 0x00 and 0x7F), searched from every
    /// start in lines of every length up to 40 bytes, with bytes from the whole 0...255
    /// range: the eight-bytes-at-a-time search finds the same index as a plain loop.
    @Test(arguments: [
        "A-Z", "a-z", "A-Za-z", "0-9A-Za-z", "*", " ", "\u{0}-\u{8}", "p-\u{7F}",
    ])
    func findsWhatAPlainLoopFinds(_ spec: String) throws {
        var set = [Bool](repeating: false, count: 128)
        let s = Array(spec.unicodeScalars)
        var k = 0
        while k < s.count {
            let lo = Int(s[k].value)
            var hi = lo
            if k + 2 < s.count, s[k + 1] == "-" { hi = Int(s[k + 2].value); k += 3 } else { k += 1 }
            for b in lo...hi { set[b] = true }
        }
        let ranges = try #require(ByteRanges(set))
        let members = (0..<128).filter { set[$0] }.map(UInt8.init)
        var x: UInt64 = 12345
        for length in 0...40 {
            for _ in 0..<20 {
                var line: [UInt8] = []
                for _ in 0..<length {
                    x = x &* 6364136223846793005 &+ 1442695040888963407
                    // Mostly bytes outside the set (some of them its bytes with the top bit
                    // set), one in eight from it, so hits land anywhere in a word.
                    let r = UInt8(truncatingIfNeeded: x >> 33)
                    line.append(x >> 61 == 0 ? members[Int(x >> 40) % members.count] : (set[Int(r & 0x7F)] ? r | 0x80 : r & 0x7F))
                }
                line.withUnsafeBufferPointer { b in
                    for from in 0...length {
                        var expected = from
                        while expected < length, !(b[expected] < 128 && set[Int(b[expected])]) { expected += 1 }
                        #expect(ranges.firstIndex(in: b, from: from) == expected, "\(spec) \(line) from \(from)")
                        var pair = from
                        func member(_ k: Int) -> Bool { b[k] < 128 && set[Int(b[k])] }
                        while pair + 1 < length, !(member(pair) && member(pair + 1)) { pair += 1 }
                        if pair + 1 >= length { pair = length }
                        #expect(ranges.firstPairIndex(in: b, from: from) == pair, "pair: \(spec) \(line) from \(from)")
                    }
                }
            }
        }
    }

    @Test func scatteredSetsAreLeftToTheByteLoop() {
        var set = [Bool](repeating: false, count: 128)
        for b in [0x41, 0x43, 0x45, 0x47] { set[b] = true }
        #expect(ByteRanges(set) == nil)
        #expect(ByteRanges([Bool](repeating: false, count: 128)) == nil)
    }
}

@Suite struct RegexLineSearchTests {
    /// Random texts of a few lines: every line that passes a prefilter (`mayMatch`) is a
    /// line the whole-text search stops at, and the lines it stops at are real lines.
    @Test(arguments: [
        [#"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}|\b_{1,2}[A-Za-z][A-Za-z' ]{0,30}_{1,2}\b"#, #"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#],
        [#"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, #"\w+@\w+"#],
        [#"AB\s+CD"#, "x"],
        ["(a|b)", "q_r"],
    ])
    func stopsAtEveryLineThatMayPass(_ patterns: [String]) {
        let prefilters = patterns.map { RegexPrefilter.make($0, caseSensitive: true) }
        let alphabet: [String] = ["A", "B", "C", "D", "AB", "CD", " ", "  ", "*", "_", "x", "q", "r", "a", "b", "@", "é", "\n", "\n", "\n\n"]
        var state: UInt64 = 7
        for _ in 0..<3000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(Int(state >> 58)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                var expected: [Range<Int>] = []
                var start = 0
                while start < b.count {
                    let end = ByteText.firstIndex(of: 0x0A, in: b, from: start) ?? b.count
                    let line = UnsafeBufferPointer(rebasing: b[start..<end])
                    if prefilters.contains(where: { $0?.mayMatch(line) ?? true }) { expected.append(start..<end) }
                    start = end + 1
                }
                var search = RegexLineSearch(prefilters)
                var found: [Range<Int>] = []
                var cursor = 0
                while let line = search.nextLine(b, from: cursor) {
                    #expect(line.lowerBound == 0 || b[line.lowerBound - 1] == 0x0A)
                    #expect(line.upperBound == b.count || b[line.upperBound] == 0x0A)
                    found.append(line)
                    cursor = line.upperBound + 1
                }
                #expect(Set(expected).isSubset(of: Set(found)), "\(patterns) \(text.debugDescription)")
            }
        }
    }
}
