import Foundation
import Testing
@testable import ToneCheck

/// The deadline parser compares words by hash and reads numbers from bytes; these tests
/// check it against the string-comparing parser it replaced (`LegacyDeadlineParser`).
@Suite struct DeadlineEquivalenceTests {
    /// Every word constant is the hash of its spelling.
    @Test func wordHashes() {
        for (h, word) in DeadlineWords.all { #expect(h == TokenHash.of(word), "\(word)") }
        #expect(Token.period == TokenHash.of("."))
        #expect(DemandAnalyzer.comma == TokenHash.of(","))
        #expect(DemandAnalyzer.would == TokenHash.of("would"))
    }

    /// Pieces of deadline text, in both cases, with the odd spellings the old parser read by Characters.
    static let pieces: [String] = [
        "asap", "ASAP", "immediately", "at", "once", "straight", "away", "right", "now", "as", "soon", "possible", "eod", "EOD", "cob",
        "eob", "eop", "cop", "eow", "end", "close", "of", "the", "day", "business", "play", "week", "this", "next", "today", "Today",
        "tomorrow", "tmrw", "tmr", "tonight", "morning", "afternoon", "evening", "night", "first", "thing", "in", "lunch", "lunchtime",
        "noon", "midday", "midnight", "within", "half", "an", "a", "hour", "minute", "minutes", "hours", "hrs", "hr", "min", "mins",
        "m", "h", "days", "pm", "PM", "am", "p", "o'clock", "o’clock", "by", "before", "until", "till", "til", "due", "on", "for",
        "than", "latest", "later", "no", "Monday", "monday", "mon", "tue", "tues", "Wednesday", "thu", "thurs", "fri", "Friday",
        "sat", "sun", "Sunday", "jan", "January", "feb", "mar", "March", "apr", "may", "May", "jun", "june", "jul", "aug", "sep",
        "sept", "oct", "nov", "Nov", "november", "dec", "December", "ET", "pt", "UK", "cet", "est", "PST", "gmt", "utc", "bst",
        "0", "1", "5", "05", "7", "8", "9", "11", "12", "13", "17", "24", "25", "28", "30", "31", "32", "45", "59", "60", "99",
        "100", "2026", "1999", "1900", "12345", "123456789012345678901", "28th", "1st", "2nd", "3rd", "22ND", "5pm", "5PM", "11am",
        "5o", "20min", "2hrs", "3Days", "10m", "1h", "5é", "5\u{301}", "90’s", "5’o", "30pm", "00", "07", "2026x",
        ":", ".", "…", ",", "/", "-", "–", "!", "?", "\"", "(", "send", "report", "Bob", "please", "it", "me", "need", "I",
    ]
    static let separators = [" ", " ", " ", " ", "", "", "/", "-", ", ", "\n", ". "]

    /// Deterministic sentences made of `pieces`.
    static func sentences(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var out: [String] = []
        for _ in 0..<count {
            var s = ""
            for k in 0..<(3 + next() % 10) {
                if k > 0 { s += separators[next() % separators.count] }
                s += pieces[next() % pieces.count]
            }
            out.append(s)
        }
        return out
    }

    static let references = ["2026-11-27T16:50:00-05:00", "2026-11-23T10:00:00Z", "2026-11-28T10:00:00Z", "2026-01-02T07:00:00+01:00"]
        .map { ReferenceTime.parse($0)! }

    static func calendars() throws -> [BusinessCalendar] {
        let london = try BusinessCalendar.parse(JSONValue.parseJSON5(Data("""
            {workingDays: ["mon", "tue", "wed", "thu", "fri"], workStart: "09:00", workEnd: "17:30", timeZone: "Europe/London",
             holidays: ["2026-12-25"], dateOrder: "day/month", lunch: "12:30", tonight: "20:00"}
            """.utf8)))
        return [BusinessCalendar(), london]
    }

    /// The same deadlines (kind, instant, zone, words and range) on generated sentences.
    @Test(arguments: [1, 2, 3, 4])
    func sameDeadlinesAsBefore(seed: UInt64) throws {
        let calendars = try Self.calendars()
        var found = 0
        for text in Self.sentences(count: 4000, seed: seed) {
            for (k, ref) in Self.references.enumerated() {
                let calendar = calendars[k % calendars.count]
                let old = LegacyDeadlineParser.deadlines(in: text, reference: ref, calendar: calendar)
                let new = DeadlineParser.deadlines(in: text, reference: ref, calendar: calendar)
                #expect(old == new, "\(text)")
                found += new.count
            }
        }
        #expect(found > 1000)
    }

    /// The same deadlines on hand-written sentences.
    @Test(arguments: [
        "Send it by 5:30pm ET on Nov 28th, 2026.", "by 5 p.m. tomorrow", "by 5 P.M.", "at 5 o’clock", "by 5o", "28 of may", "may 5",
        "by 11/28/26", "2026-11-28", "in 20min", "within the next 2 hours", "in half an hour", "no later than noon Friday",
        "first thing in the morning", "by the end of the day", "this Friday afternoon", "next Monday", "by 5 Monday", "by 5 Bob",
        "17.00", "17…00", "5:3", "5:300", "at 5é", "by 5\u{301}", "by 12345", "by 90’s", "00:00:03 Taylor", "by 2026x", "by 5 UK time",
    ])
    func handWritten(_ text: String) throws {
        for calendar in try Self.calendars() {
            for ref in Self.references {
                #expect(LegacyDeadlineParser.deadlines(in: text, reference: ref, calendar: calendar) == DeadlineParser.deadlines(in: text, reference: ref, calendar: calendar), "\(text)")
            }
        }
    }
}

/// The analyzer reads a word's cue, anchor and list bits from one table (`wordInfo`).
@Suite struct DemandWordInfoTests {
    /// For every piece of deadline text and every word of the default packs' lists, the
    /// table agrees with the sets it stands in for.
    @Test func wordInfoAgreesWithTheSets() throws {
        let lx = try #require(try RuleSet.standard().demands).lexicon
        var words = DeadlineEquivalenceTests.pieces + DeadlineParser.anchorWords + DemandLexicon.deadlineWords + DemandLexicon.greetingWords
        words += ["just", "quickly", "kindly", "also", "so", "hi there", "team,"]
        for s in DeadlineEquivalenceTests.sentences(count: 200, seed: 9) { words += s.split(separator: " ").map(String.init) }
        var hashes = Set(words.map { TokenHash.of($0) })
        for h in [UInt64.max, 0, TokenHash.seed, Token.period, Token.question, Token.paragraph] { hashes.insert(h) }
        for h in hashes {
            let v = lx.wordInfo.get(h) ?? 0
            #expect((v & DemandLexicon.cueFlag != 0) == lx.cues.contains(h))
            #expect((v & DemandLexicon.anchorFlag != 0) == DeadlineParser.anchors.contains(h))
            #expect((v & DemandLexicon.questionFlag != 0) == (h == Token.question))
            #expect((v & DemandLexicon.greetingFlag != 0) == lx.greetings.contains(h))
            #expect((v & DemandLexicon.skipFlag != 0) == lx.skips.contains(h))
            #expect((v & DemandLexicon.scanFlag != 0) == DeadlineParser.scanWords.contains { TokenHash.of($0) == h })
            #expect(v & DemandLexicon.listMask == UInt64(bitPattern: lx.firstWords.get(h) ?? 0))
        }
        // The cues include the first words of the rules' own phrases ("urgent", …).
        #expect(lx.cues.contains(TokenHash.of("asap")))
        #expect(lx.wordInfo.get(TokenHash.of("please")).map { $0 & DemandLexicon.cueFlag != 0 } == true)
    }
}

/// The deadline scan passes over words without the anchor or scan flag: on the analyzer's
/// words (flags as `analyze` sets them) it finds what it finds on unflagged ones.
@Suite struct DeadlineScanFlagTests {
    /// Token `t` as the analyzer's words read it: its `wordInfo` (`info`), with the anchor flag
    /// for a number or a word starting with a digit.
    static func word(_ t: Token, info: UInt64, _ text: UnsafeBufferPointer<UInt8>) -> DemandWord {
        DemandWord(start: Int(t.start), end: Int(t.end), kind: t.kind, hash: t.hash, lists: DemandAnalyzer.startsWithDigit(t, text) ? info | DemandLexicon.anchorFlag : info)
    }

    @Test(arguments: [11, 12])
    func flaggedWordsGiveTheSameDeadlines(seed: UInt64) throws {
        let lx = try #require(try RuleSet.standard().demands).lexicon
        let calendars = try DeadlineEquivalenceTests.calendars()
        var found = 0
        for text in DeadlineEquivalenceTests.sentences(count: 2000, seed: seed) {
            let bytes = Array(text.utf8)
            let tokens = Tokenizer.tokenize(bytes)
            let words = bytes.withUnsafeBufferPointer { b in
                tokens.map { DeadlineScanFlagTests.word($0, info: lx.wordInfo.get($0.hash) ?? 0, b) }
            }
            for (k, ref) in DeadlineEquivalenceTests.references.enumerated() {
                let calendar = calendars[k % calendars.count]
                let flagged = DeadlineParser.deadlines(words, bytes: bytes, reference: ref, calendar: calendar)
                #expect(flagged == DeadlineParser.deadlines(in: text, reference: ref, calendar: calendar), "\(text)")
                found += flagged.count
            }
        }
        #expect(found > 500)
    }
}

/// `DemandAnalyzer.analyze` keeps the sentences of `sentences(_:_:)` that hold a word, with
/// their byte ranges and word counts (its first pass, `split`, reads them off the tokens),
/// and words only for those with a cue.
@Suite struct DemandSentenceSplitTests {
    @Test(arguments: [5, 6, 7])
    func analyzeSplitsAsSentencesDoes(seed: UInt64) throws {
        let lx = try #require(try RuleSet.standard().demands).lexicon
        var texts = DeadlineEquivalenceTests.sentences(count: 300, seed: seed)
        texts += ["", "\n\n", "Hi Sam,\nPlease send it.\n\nThanks!\nBob", "It is 5.30 p.m. now. OK?", ". . .", "a\nB c\n\nD. e! f? g"]
        let ref = ReferenceTime.parse("2026-11-23T10:00:00Z")!
        for text in texts + [texts.joined(separator: " "), texts.joined(separator: "\n")] {
            let bytes = Array(text.utf8)
            let tokens = Tokenizer.tokenize(bytes)
            let expected = DemandAnalyzer.sentences(bytes, tokens).compactMap { r -> Range<Int>? in
                guard tokens[r].contains(where: \.isWord) else { return nil }
                return Int(tokens[r.lowerBound].start)..<Int(tokens[r.upperBound - 1].end)
            }
            let a = DemandAnalyzer.analyze(bytes, tokens, reference: ref, calendar: BusinessCalendar(), lexicon: lx)
            #expect(a.sentences.map(\.range) == expected, "\(text)")
            #expect(a.sentences.map(\.wordCount) == DemandAnalyzer.sentences(bytes, tokens).compactMap { r in
                let c = tokens[r].filter(\.isWord).count
                return c > 0 ? c : nil
            })
            // A sentence with a cue has its tokens' words (each with its own `wordInfo`) and their
            // bits, or'ed; one without has neither.
            let info = tokens.map { lx.wordInfo.get($0.hash) ?? 0 }
            for s in a.sentences {
                let tokenRange = tokens.firstIndex { Int($0.start) == s.range.lowerBound }!..<(tokens.lastIndex { Int($0.end) == s.range.upperBound }! + 1)
                if tokenRange.contains(where: { info[$0] & DemandLexicon.cueFlag != 0 }) {
                    #expect(s.words.count == tokenRange.count, "\(text)")
                    let expected = bytes.withUnsafeBufferPointer { b in tokenRange.map { DeadlineScanFlagTests.word(tokens[$0], info: info[$0], b) } }
                    let words = a.words(s, tokens) { Array($0) }
                    #expect(words.map(\.hash) == expected.map(\.hash) && words.map(\.lists) == expected.map(\.lists) && words.map(\.start) == expected.map(\.start) && words.map(\.end) == expected.map(\.end), "\(text)")
                    #expect(s.bits == expected.reduce(0) { $0 | $1.lists }, "\(text)")
                } else {
                    #expect(s.words.isEmpty && s.bits == 0, "\(text)")
                }
            }
        }
    }
}
