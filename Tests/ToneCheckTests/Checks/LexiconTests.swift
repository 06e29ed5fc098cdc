import Testing
@testable import ToneCheck

@Suite struct LexiconTests {
    static let classes: [([String], Int64)] = [
        (Checker.negatorWords, Lexicon.negator), (Checker.contrastWords, Lexicon.contrast), (Checker.intensifierWords, Lexicon.intensifier),
    ]

    /// `Lexicon.make` hashes the context words as plain bytes: right only while they are
    /// lowercase ASCII letters, which the tokenizer hashes unchanged.
    @Test func contextWordsHashAsTheTokenizerHashesThem() {
        for (words, _) in Self.classes {
            for w in words {
                #expect(w.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }, "\(w)")
                #expect(w.utf8.reduce(TokenHash.seed) { TokenHash.add($0, $1) } == TokenHash.of(w), "\(w)")
            }
        }
    }

    /// Every vocabulary word keeps its keys, and every context word gets its class, in the
    /// built-in rule set's lexicon.
    @Test func lexiconHoldsTheVocabularyAndTheWordClasses() throws {
        let rs = try RuleSet.builtin()
        var checked = 0
        rs.vocabulary.forEach { hash, keys in
            let v = rs.lexicon.get(hash) ?? 0
            #expect(Lexicon.exact(v) == Int32(truncatingIfNeeded: keys >> 32))
            #expect(Lexicon.group(v) == Int32(truncatingIfNeeded: keys & 0xFFFF_FFFF))
            checked += 1
        }
        #expect(checked == rs.vocabulary.count)
        for (words, bit) in Self.classes {
            for w in words { #expect((rs.lexicon.get(TokenHash.of(w)) ?? 0) & bit != 0, "\(w)") }
        }
        #expect((rs.lexicon.get(TokenHash.of("report")) ?? 0) & (Lexicon.negator | Lexicon.contrast | Lexicon.intensifier) == 0)
    }

    /// `Lexicon.flags` turns each word-class bit into its `CheckScratch` flag, alone and
    /// together, and keeps the key bits out.
    @Test func classBitsBecomeCheckerFlags() {
        let keys: Int64 = (123 + 1) | ((45 + 1) << 28)
        #expect(Lexicon.flags(keys) == 0)
        #expect(Lexicon.flags(keys | Lexicon.negator) == CheckScratch.negator)
        #expect(Lexicon.flags(keys | Lexicon.contrast) == CheckScratch.contrastWord)
        #expect(Lexicon.flags(keys | Lexicon.intensifier) == CheckScratch.intensifier)
        #expect(Lexicon.flags(Lexicon.negator | Lexicon.contrast | Lexicon.intensifier) == CheckScratch.negator | CheckScratch.contrastWord | CheckScratch.intensifier)
        #expect(Lexicon.flags(Lexicon.keyMask | Lexicon.keyMask << 28) == 0)
    }
}
