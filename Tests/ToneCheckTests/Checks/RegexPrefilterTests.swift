import Foundation
import Testing

@testable import ToneCheck

@Suite struct RegexPrefilterTests {
    static func accepted(_ p: RegexPrefilter?) -> String {
        guard let p else { return "none" }
        let chars = (0..<128).filter { p.bytes[$0] }.map { String(UnicodeScalar(UInt8($0))) }.joined()
        return "\(chars)×\(p.run)"
    }

    @Test(arguments: [
        (#"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}"#, true, "*×1"),
        (#"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, true, "ABCDEFGHIJKLMNOPQRSTUVWXYZ×2"),
        ("urgent|asap", true, "none"),
        (#"\+?x"#, true, "x×1"),
        ("(foo)?bar", true, "b×1"),
        ("Q", false, "Qq×1"),
        ("(?i)Q", true, "Qq×1"),
        (#"\d{3}-\d{4}"#, true, "0123456789×4"),
        ("[^a]+z*", true, "none"),
        ("", true, "none"),
    ])
    func derivesTheMostSelectiveRequiredElement(_ pattern: String, _ caseSensitive: Bool, _ expected: String) {
        #expect(Self.accepted(RegexPrefilter.make(pattern, caseSensitive: caseSensitive)) == expected)
    }

    /// Soundness: whenever the regex matches a line, the line passes the prefilter.
    @Test(arguments: [
        #"\*{1,2}[A-Za-z][A-Za-z' ]{0,30}\*{1,2}"#, #"\b[A-Z]{2,} [A-Z]{2,} [A-Z][A-Z ]*[A-Z]\b"#, #"\+?x"#, "(ab|c)+d{2}",
        #"[a-c]{2,3}\.?!"#, "x*y+z?", #"\d+\s\w"#, "[*!]{2}", "A{0}B", "[]a]]",
    ])
    func aLineTheRegexMatchesAlwaysPasses(_ pattern: String) throws {
        let re = try NSRegularExpression(pattern: pattern)
        let filter = RegexPrefilter.make(pattern, caseSensitive: true)
        let alphabets = [Array("abcdxyzABCD +*!.1'-]".unicodeScalars), Array("AB x".unicodeScalars)]
        var state: UInt64 = 42
        var checked = 0
        for _ in 0..<20000 {
            var line = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let alphabet = alphabets[Int(state >> 20) % 2]
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
