import Foundation
import Testing

@testable import ToneCheck

@Suite struct ByteRegexTests {
    /// What `NSRegularExpression` finds, as `RegexGuard` keeps it: non-empty matches.
    static func icu(_ re: NSRegularExpression, _ line: String) -> [Range<Int>] {
        re.matches(in: line, range: NSRange(location: 0, length: (line as NSString).length)).compactMap { m in
            m.range.length > 0 ? m.range.location..<(m.range.location + m.range.length) : nil
        }
    }

    static func mine(_ re: ByteRegex, _ line: String) -> [Range<Int>] {
        Array(line.utf8).withUnsafeBufferPointer { re.matches(in: $0).ranges }
    }

    /// On random ASCII lines, the matches are ICU's, match for match: greedy and lazy
    /// quantifiers, alternation order, counted repetition, classes, boundaries, case folding,
    /// and where the next search starts after an empty match.
    @Test(
        arguments: [
            #"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}|\b_{1,2}[A-Za-z][A-Za-z' ]{0,30}_{1,2}\b"#,
            "ab|a", "a|ab", "(a|ab)(c|bcd)", "a*", "a*?b", "a+?", "a??b", "(?:ab)+", "(ab|a)+b", "x{2,3}", "x{2,}y", "x{0,2}?y", "[a-c]+d?",
            #"[^a b]+"#, "[^A-Z]x", #"\w+"#, #"\W+"#, #"\d{2}\D"#, #"\s+\S"#, #"\bab\b"#, #"\Bb\B"#, #"a.c"#, #".+"#, #"[\]a]"#, "[]a]+", #"[\-a]+"#, "[a-]+", "[-a]x", "[0-9a-fA-F]{2}",
            #"\.\*"#, #"[*_]+\w"#, "(a|b|)c", "(a|b)*c", "((a)|b)+", "a{3}", #"\t|\r"#, "B+A", "[A-C]x", "k", #"(ab||b)\bb"#, #"(a|)\Bb"#,
        ], [true, false])
    func findsWhatICUFinds(_ pattern: String, _ caseSensitive: Bool) throws {
        let re = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        let mine = try #require(ByteRegex.compile(pattern, caseSensitive: caseSensitive), "\(pattern) is not read")
        let alphabets = [
            Array("abcdxyzABCD +*!.1'-]_|"), Array("aAbB c"), Array("AB CD\tx_"), Array("__ab x1*-\r\u{0B}"), Array("ab"), Array("kKsS _*"),
        ]
        var state: UInt64 = 7
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let alphabet = alphabets[Int(state >> 20) % alphabets.count]
            var line = ""
            for _ in 0..<(Int(state >> 58)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let expected = Self.icu(re, line)
            let found = Self.mine(mine, line)
            #expect(found == expected, "\(pattern) on \(line.debugDescription): \(found) instead of \(expected)")
            if found != expected { return }
        }
    }

    /// A pattern that reads ASCII only, on random lines mixing ASCII with inert characters
    /// (curly quotes, dashes, the no-break space, ...) and non-ASCII letters right beside
    /// words and boundaries: the matches are ICU's. (ICU counts in UTF-16, this matcher in
    /// bytes.) Lines holding `ſ`, the Kelvin sign or a combining mark are left to ICU.
    @Test(
        arguments: [
            #"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}|\b_{1,2}[A-Za-z][A-Za-z' ]{0,30}_{1,2}\b"#,
            "ab|a", "(a|ab)(c|bcd)", "a+?", "x{2,}y", "[a-c]+d?", #"\bab\b"#, #"\Bb\B"#, "(ab|a)+b", #"[*_]+"#, "[0-9]+", "B+A",
            #"\b[a-z]+\b"#, #"[sk]+\B"#, #"\b[0-9A-Za-z_]\b"#,
        ], [true, false])
    func findsWhatICUFindsBesideInertCharactersAndLetters(_ pattern: String, _ caseSensitive: Bool) throws {
        let re = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        let mine = try #require(ByteRegex.compile(pattern, caseSensitive: caseSensitive), "\(pattern) is not read")
        guard mine.asciiOnly else { return }
        let alphabets = [Array("abcdxAB CD_*1'’‘“”–—…•€£°«»\u{A0}"), Array("abskSK _*1’éàßÆœŁµªμΩЖя"), Array("ab sk_*éſ\u{212A}e\u{301}")]
        var state: UInt64 = 11
        var tried = 0, other = 0
        var vm = ByteRegex.VM()
        for _ in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let alphabet = alphabets[Int(state >> 20) % alphabets.count]
            var line = ""
            for _ in 0..<(Int(state >> 58)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let bytes = Array(line.utf8)
            let text = bytes.withUnsafeBufferPointer { ByteRegex.lineText($0) }
            guard let (found, _) = bytes.withUnsafeBufferPointer({ mine.matches(in: $0, text: text, vm: &vm) }) else {
                #expect(text == .other || (text == .letters && mine.wordStandIn == nil), "\(line.debugDescription)")
                other += 1
                continue
            }
            // ICU's UTF-16 ranges in bytes.
            let expected = Self.icu(re, line).map { r -> Range<Int> in
                let u = line.utf16
                let a = u.index(u.startIndex, offsetBy: r.lowerBound), b = u.index(u.startIndex, offsetBy: r.upperBound)
                return line.utf8.distance(from: line.startIndex, to: a)..<line.utf8.distance(from: line.startIndex, to: b)
            }
            #expect(found == expected, "\(pattern) on \(line.debugDescription): \(found) instead of \(expected)")
            if found != expected { return }
            tried += 1
        }
        #expect(tried > 1000 && other > 100)
    }

    /// Which patterns read ASCII only: nothing that ICU lets match a non-ASCII character
    /// (`.`, negated classes, `\w`, `\d`, `\s` and their negations, letters folded outside a
    /// class), and nothing that can match empty.
    @Test(arguments: [
        (#"\b[A-Z]{2,} [A-Z]{2,}\b"#, true, true), ("[A-Z]+", false, true), (#"[*_]+"#, false, true), (#"\*[0-9]\*"#, false, true),
        (".+", true, false), ("[^a]", true, false), (#"\w+"#, true, false), (#"[\d]"#, true, false), (#"\s"#, true, false), (#"\S"#, true, false),
        ("a*", true, false), ("k", false, false), ("k", true, true), ("[s]s", false, false), ("[s]", false, true),
    ])
    func readsASCIIOnly(_ pattern: String, _ caseSensitive: Bool, _ expected: Bool) throws {
        let re = try #require(ByteRegex.compile(pattern, caseSensitive: caseSensitive))
        #expect(re.asciiOnly == expected, "\(pattern)")
    }

    /// The stand-in for letters is a word byte the pattern does not read, if there is one.
    @Test(arguments: [
        ("[A-Za-z]+", UInt8(ascii: "0")), ("[0-5]x", UInt8(ascii: "6")), ("[0-9_a-z]", UInt8(ascii: "A")), (#"[0-9_a-zA-Z]"#, nil),
    ])
    func wordStandIn(_ pattern: String, _ expected: UInt8?) throws {
        #expect(try #require(ByteRegex.compile(pattern, caseSensitive: true)).wordStandIn == expected)
    }

    /// What a line's non-ASCII characters are: inert when all are on the list, letters when
    /// the rest are plain letters, and otherwise (marks, `ſ`, the Kelvin sign, emoji,
    /// format characters) the line is ICU's.
    @Test(arguments: [
        ("I’m “fine” – really… €5, 20°", ByteRegex.LineText.inert), ("plain ASCII", .ascii), ("café", .letters), ("“Ørsted” – Жук", .letters),
        ("e\u{301}", .other), ("👍 ok", .other), ("a\u{200D}b", .other), ("K\u{212A}", .other), ("ſ", .other), ("é\u{212A}", .other),
    ])
    func lineTexts(_ line: String, _ expected: ByteRegex.LineText) {
        #expect(Array(line.utf8).withUnsafeBufferPointer { ByteRegex.lineText($0) } == expected)
    }

    @Test func malformedUTF8IsLeftToICU() {
        for bytes: [UInt8] in [[0x41, 0xE2, 0x80], [0xE2, 0x80, 0x41], [0x80], [0xC2], [0xFF, 0x41], [0xE0, 0x82, 0xA0], [0xC1, 0xA9], [0xC3]] {
            #expect(bytes.withUnsafeBufferPointer { ByteRegex.lineText($0) } == .other, "\(bytes)")
        }
    }

    /// ICU agrees with the tables: each plain letter is a word character to ICU, neither a
    /// mark nor a format character (which `\b` skips), and matched by no folded ASCII
    /// letter; each inert character is none of these.
    @Test func plainLettersAndInertCharactersAreWhatICUSays() throws {
        let word = try NSRegularExpression(pattern: #"^\w$"#)
        let skipped = try NSRegularExpression(pattern: #"^[\p{Grapheme_Extend}\p{Cf}]$"#)
        let folded = try NSRegularExpression(pattern: "^[a-z]$", options: [.caseInsensitive])
        func matches(_ re: NSRegularExpression, _ s: String) -> Bool { re.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil }
        var letters = 0
        for v in UInt32(0x80)...0x2FFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(Character(scalar))
            if ByteRegex.isPlainLetter(v) {
                letters += 1
                #expect(matches(word, s) && !matches(skipped, s) && !matches(folded, s), "U+\(String(v, radix: 16))")
            }
            if ByteRegex.inertScalars.contains(v) {
                #expect(!matches(word, s) && !matches(skipped, s) && !matches(folded, s), "U+\(String(v, radix: 16))")
            }
        }
        #expect(letters > 900)
        #expect(!ByteRegex.isPlainLetter(0x17F) && !ByteRegex.isPlainLetter(0x212A))
    }

    /// Found by fuzzing: after a thread died on an assertion, the search skipped ahead to a
    /// byte a match can start with, and the marks of the dead threads stopped the new attempt.
    @Test func anAttemptAfterASkipIsNotBlockedByDeadThreads() throws {
        let re = try #require(ByteRegex.compile(#"(ab||b)\bb"#, caseSensitive: true))
        #expect(Self.mine(re, "nbH\u{0B}\u{0B}b") == [5..<6])
    }

    /// Whatever it does not read is left to ICU.
    @Test(arguments: [
        "^a", "a$", "a(?=b)", "(?<!a)b", #"(a)\1"#, #"\p{L}"#, "(?i)a", "a++", "a*+", "é", #"\x41"#, "[[:alpha:]]", "[a-z&&[^b]]", "a{,3}",
        "(a*)*", "(a?)+", #"(\b)+"#, "x{5000}", "[a", "(a", "a)", "*a", #"\Qa\E"#,
        // ICU's set syntax (found by fuzzing: in `[^a&-bc]` ICU reads no range).
        #"[^a&-bc]+\w+"#, "[a{bc}]", "[a-c-e]", "[+-a]", "[a^]", "[$x]",
    ])
    func leavesTheRestToICU(_ pattern: String) {
        #expect(ByteRegex.compile(pattern, caseSensitive: true) == nil, "\(pattern)")
    }

    @Test func theBuiltInRegexesAreRead() throws {
        let rules = try RuleSet.standard().rules.filter { $0.kind == .regex }
        #expect(!rules.isEmpty)
        for r in rules { #expect(ByteRegex.compile(r.regex ?? "", caseSensitive: r.caseSensitive) != nil, "\(r.id)") }
    }

    /// Linear time: a pattern that makes a backtracking engine explode on a line with no
    /// match finishes at once.
    @Test func aHeavyPatternStaysLinear() throws {
        let re = try #require(ByteRegex.compile("(a|aa)+(b|ab)+c", caseSensitive: true))
        let line = Array(String(repeating: "a", count: 8000).utf8)
        let (found, complete) = line.withUnsafeBufferPointer { re.matches(in: $0) }
        #expect(found.isEmpty && complete)
    }

    /// A pattern that starts over after every match takes quadratic time: it stops at its
    /// step budget, keeping what it found, and says so.
    @Test func aQuadraticLineStopsAtItsBudget() throws {
        let re = try #require(ByteRegex.compile("[a-z]+x|[a-z]", caseSensitive: true))
        let line = Array(String(repeating: "a", count: 8000).utf8)
        let (found, complete) = line.withUnsafeBufferPointer { re.matches(in: $0, maxSteps: 100_000) }
        #expect(!complete)
        #expect(!found.isEmpty && found.count < 8000)
        #expect(found.allSatisfy { $0.count == 1 })
        let short = Array("abc".utf8)
        #expect(short.withUnsafeBufferPointer { re.matches(in: $0) } == ([0..<1, 1..<2, 2..<3], true))
    }
}
