import Testing
@testable import ToneCheck

@Suite struct TokenizerTests {
    func words(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return Tokenizer.tokenize(bytes).map { t in
            t.kind == .paragraphBreak ? "¶" : String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
        }
    }

    @Test(arguments: [
        ("Hello, world!", ["Hello", ",", "world", "!"]),
        ("It's not rocket science.", ["It's", "not", "rocket", "science", "."]),
        ("It’s fine", ["It’s", "fine"]),
        ("touchy-feely stuff", ["touchy", "feely", "stuff"]),
        ("“quoted” text", ["\"", "quoted", "\"", "text"].map { $0 == "\"" ? "“" : $0 }),
        ("one\n\ntwo", ["one", "¶", "two"]),
        ("one\ntwo", ["one", "two"]),
        ("café déjà", ["café", "déjà"]),
        ("wait!!!", ["wait", "!", "!", "!"]),
        ("the teams' work", ["the", "teams", "work"]),
    ])
    func splits(_ input: String, _ expected: [String]) {
        var got = words(input)
        // The closing curly quote is its own token too.
        if input.hasPrefix("“") { got = got.map { $0 == "”" ? "“" : $0 } }
        #expect(got == expected)
    }

    @Test func caseAndApostrophesHashAlike() {
        #expect(TokenHash.of("DON'T") == TokenHash.of("don’t"))
        #expect(TokenHash.of("Obviously") == TokenHash.of("obviously"))
        #expect(TokenHash.of("ÉTÉ") == TokenHash.of("été"))
        #expect(TokenHash.of("demand") != TokenHash.of("demands"))
    }

    @Test func punctuationHashConstantsMatchTheTokenizer() {
        #expect(Token.exclamation == TokenHash.of("!"))
        #expect(Token.question == TokenHash.of("?"))
        #expect(Token.period == TokenHash.of("."))
        #expect(Set([Token.exclamation, Token.question, Token.period]).count == 3)
    }

    @Test func capsAndOffsets() {
        let bytes = Array("Fix it NOW".utf8)
        let t = Tokenizer.tokenize(bytes)
        #expect(t.count == 3)
        #expect(t[2].isAllCaps)
        #expect(!t[0].isAllCaps)
        #expect(t[2].start == 7 && t[2].end == 10)
    }

    @Test func invalidUTF8NeverTraps() {
        let bytes: [UInt8] = [0xFF, 0x41, 0xC3, 0x20, 0xE2, 0x80, 0x42, 0xF0, 0x9F]
        let t = Tokenizer.tokenize(bytes)
        for tok in t { #expect(tok.start < tok.end || tok.kind == .paragraphBreak) }
        #expect(t.allSatisfy { Int($0.end) <= bytes.count })
    }
}
