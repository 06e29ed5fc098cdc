import Testing

@testable import ToneCheck

/// `Checker.firstPass` against the loop it replaced (kept here, as it was inside
/// `checkSegment`, as the oracle): the same keys, sentences, flags, questions, lists and word
/// count, on hand-written texts and on random ones.
@Suite struct CheckerFirstPassTests {
    struct Pass: Equatable {
        var exact: [Int32], group: [Int32], sentence: [Int32], flags: [UInt8], questions: [Bool]
        var contrastWords: [Int32], capsWords: [Int32], marks: [Int32]
        var words: Int
    }

    /// The first pass as `checkSegment` did it inline before `firstPass`.
    static func legacy(_ tokens: [Token], _ text: [UInt8], lexicon: FlatHashMap) -> Pass {
        let n = tokens.count
        var p = Pass(
            exact: Array(repeating: 0, count: n), group: Array(repeating: 0, count: n), sentence: Array(repeating: 0, count: n),
            flags: Array(repeating: 0, count: n + 1), questions: Array(repeating: false, count: n + 1), contrastWords: [], capsWords: [], marks: [], words: 0)
        var s: Int32 = 0
        var atStart = true
        text.withUnsafeBufferPointer { text in
            for i in 0..<n {
                let t = tokens[i]
                let v = lexicon.get(t.hash) ?? 0
                p.exact[i] = Lexicon.exact(v)
                p.group[i] = Lexicon.group(v)
                if t.kind == .paragraphBreak {
                    s += 1
                    atStart = true
                    p.sentence[i] = s
                    continue
                }
                if !atStart, t.uppercase > 0, t.isWord, i > 0, tokens[i - 1].kind == .punctuation, Checker.startsLine(text, Int(t.start)) {
                    s += 1
                    atStart = true
                }
                p.sentence[i] = s
                var f: UInt8 = 0
                if t.kind == .word {
                    f = Lexicon.flags(v)
                    if f & CheckScratch.negator == 0, t.end - t.start >= 4, text[Int(t.end) - 1] | 0x20 == 0x74, Checker.endsInNot(t, text) {
                        f |= CheckScratch.negator
                    }
                    if f & CheckScratch.contrastWord != 0 { p.contrastWords.append(Int32(i)) }
                    if t.uppercase >= 2, t.isAllCaps { p.capsWords.append(Int32(i)) }
                }
                if t.isWord {
                    p.words += 1
                    if atStart { f |= CheckScratch.sentenceStart }
                    atStart = false
                } else if t.kind == .placeholder {
                    atStart = false
                }
                p.flags[i] = f
                if t.endsSentence {
                    if t.kind == .punctuation, t.hash != Token.period { p.marks.append(Int32(i)) }
                    if !Tokenizer.periodContinuesSentence(tokens, i) {
                        if t.kind == .punctuation, t.hash == Token.question { p.questions[Int(s)] = true }
                        s += 1
                        atStart = true
                    }
                }
            }
        }
        return p
    }

    static func current(_ tokens: [Token], _ text: [UInt8], lexicon: FlatHashMap) -> Pass {
        let n = tokens.count
        var p = Pass(
            exact: Array(repeating: 0, count: n), group: Array(repeating: 0, count: n), sentence: Array(repeating: 0, count: n),
            flags: Array(repeating: 0, count: n + 1), questions: Array(repeating: false, count: n + 1), contrastWords: [], capsWords: [], marks: [], words: 0)
        guard n > 0 else { return p }
        var contrast = GrowableBuffer<Int32>(capacity: 1), caps = GrowableBuffer<Int32>(capacity: 1), marks = GrowableBuffer<Int32>(capacity: 1)
        defer {
            contrast.deallocate()
            caps.deallocate()
            marks.deallocate()
        }
        var exact = p.exact, group = p.group, sentence = p.sentence, flags = p.flags, questions = p.questions
        var words = 0
        tokens.withUnsafeBufferPointer { tk in
            text.withUnsafeBufferPointer { tx in
                exact.withUnsafeMutableBufferPointer { e in
                    group.withUnsafeMutableBufferPointer { g in
                        sentence.withUnsafeMutableBufferPointer { s in
                            flags.withUnsafeMutableBufferPointer { f in
                                questions.withUnsafeMutableBufferPointer { q in
                                    lexicon.withLookup { lx in
                                        words = Checker.firstPass(
                                            tk, text: tx, lexicon: lx, exact: e.baseAddress!, group: g.baseAddress!, sentence: s.baseAddress!,
                                            flags: f.baseAddress!, questions: q.baseAddress!, contrastWords: &contrast, capsWords: &caps, marks: &marks)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p.exact = exact
        p.group = group
        p.sentence = sentence
        p.flags = flags
        p.questions = questions
        p.words = words
        p.contrastWords = Array(contrast.elements)
        p.capsWords = Array(caps.elements)
        p.marks = Array(marks.elements)
        return p
    }

    static let samples = [
        "", "Hi Dana,\nSend me the report ASAP!!! It's NOT what we agreed, but fine.",
        "I don't know. However, e.g. the log at 5 p.m. Then we go? Really unacceptable.\n\nNew paragraph: see https://example.com/why-is-it-broken. OK?",
        "We can’t wait... “Quoted” — dashes; and 3.14 or node.js. U.S. Army\nThanks,\nBob",
        "   \n\n\n?!?!  NOW NOW now. won't shouldn't isn't; although yet though",
    ]

    @Test func agreesWithTheLoopItReplaced() throws {
        let lexicon = try RuleSet.builtin().lexicon
        var texts = Self.samples.map { Array($0.utf8) }
        // Random texts over the bytes that matter: letters of both cases, digits, the
        // sentence marks, apostrophes, spaces and newlines, and multi-byte punctuation.
        let pieces = ["a", "B", "n't", "NOT", "but", "really", "never", "I", "x", "7", ".", "!", "?", ",", ":", " ", " ", "\n", "\n\n", "’", "…", "www.a.io ", "e.g.", "Q"]
        var x: UInt64 = 42
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<60 {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                s += pieces[Int(x >> 33) % pieces.count]
            }
            texts.append(Array(s.utf8))
        }
        for text in texts {
            let tokens = Tokenizer.tokenize(text)
            #expect(Self.current(tokens, text, lexicon: lexicon) == Self.legacy(tokens, text, lexicon: lexicon), "\(String(decoding: text, as: UTF8.self))")
        }
    }
}
