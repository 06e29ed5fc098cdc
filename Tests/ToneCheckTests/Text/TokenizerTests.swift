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
        // A web address is one token, without the punctuation that closes the sentence or bracket.
        ("See https://example.com/why-is-it/broken. Thanks", ["See", "https://example.com/why-is-it/broken", ".", "Thanks"]),
        ("(www.example.com) ok", ["(", "www.example.com", ")", "ok"]),
        ("a [link](HTTP://x.io/what?) b", ["a", "link", "(", "HTTP://x.io/what", "?", ")", "b"]),
        ("<http://x.io/a_b>", ["http://x.io/a_b"]),
        ("http: not a url, nor http:// alone, nor www.", ["http", ":", "not", "a", "url", ",", "nor", "http", ":", "alone", ",", "nor", "www", "."]),
        ("whyhttp://x.io", ["whyhttp", ":", "x", ".", "io"]),
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

    @Test func webAddressesAreOpaque() {
        let bytes = Array("Read https://wiki.example.com/Why_it_really_fails now".utf8)
        let t = Tokenizer.tokenize(bytes)
        #expect(t.map(\.kind) == [.word, .placeholder, .word])
        #expect(t[1].hash == Token.url && Token.url == TokenHash.add(TokenHash.seed, 0))
        #expect(!t[1].isWord && !t[1].endsSentence)
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

@Suite struct TokenizerEquivalenceTests {
    /// Random texts from pieces that exercise every path (lowercase runs longer and shorter
    /// than eight bytes, capitals, digits, apostrophes, curly quotes, Latin-1 letters, web
    /// addresses, blank lines, stray and truncated multi-byte sequences), at lengths that
    /// cross the gathering batch: the tokenizer gives what the one before it gave, also
    /// when appending to tokens already there and with an offset.
    @Test func givesWhatTheLegacyTokenizerGave() {
        let pieces: [[UInt8]] = [
            "a", "the", "abcdefgh", "abcdefghijklmnop", "Word", "ASAP", "x1", "42", " ", "  ", "\t", "\n", "\n\n", "\r\n",
            ".", ",", "!", "?", "'", "don't", "it’s", "’", "“", "”", "…", "—", "é", "Éclair", "naïve", "×", "\u{A0}",
            "http://example.com/a-b.", "https://x.y", "www.site.org)", "http:/", "wwwx", "hello-world", "e.g.",
            "\u{FEFF}", "日本", "\u{2028}",
        ].map { Array($0.utf8) } + [[0xC3], [0xE2, 0x80], [0x80], [0xFF], [0xC2]]
        var state: UInt64 = 2026
        for round in 0..<3000 {
            var text: [UInt8] = []
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = round % 10 == 0 ? 1200 : Int(state >> 58)
            for _ in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            var expected: [Token] = [], found: [Token] = []
            text.withUnsafeBufferPointer {
                LegacyTokenizer.tokenize($0, into: &expected)
                Tokenizer.tokenize($0, into: &found)
            }
            #expect(found == expected, "\(text)")
            // Appending after a paragraph break (none may follow it), with an offset.
            let before = [Token(start: 0, end: 0, hash: Token.paragraph, kind: .paragraphBreak)]
            var legacy = before, current = before
            text.withUnsafeBufferPointer {
                LegacyTokenizer.tokenize($0, into: &legacy)
                Tokenizer.tokenize($0, offset: 7, into: &current)
            }
            let shifted = legacy.enumerated().map { k, t in
                k == 0 ? t : Token(start: t.start + 7, end: t.end + 7, hash: t.hash, kind: t.kind, letters: t.letters, uppercase: t.uppercase)
            }
            #expect(current == shifted, "appended: \(text)")
        }
    }
}
