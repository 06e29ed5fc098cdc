/// Splits UTF-8 text into tokens in one pass over the bytes.
///
/// - Words are runs of ASCII letters and digits and of non-ASCII letters (any byte of a
///   multi-byte character other than the punctuation listed below), with apostrophes
///   (`'` or `’`) inside them. Hyphens join nothing: `touchy-feely` is two words, so a
///   rule written either way matches both spellings.
/// - `. , ; : ! ? ( ) " “ ” … —` are one token each; a blank line is a paragraph break.
/// - A web address (`http://…`, `https://…`, `www.…`, up to the next space, without trailing
///   punctuation) is one `placeholder` token: the words of its path ("…/why-is-it-broken") and
///   its dots are not the writer's words or sentences.
/// - Everything else (spaces, tabs, hyphens, symbols) separates tokens.
public enum Tokenizer {
    /// Tokens of `text`.
    public static func tokenize(_ text: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count / 5 + 4)
        tokenize(text, into: &tokens)
        return tokens
    }

    /// Appends the tokens of `text` to `tokens` (cleared first), reusing its storage.
    public static func tokenize(_ text: [UInt8], into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { tokenize($0, into: &tokens) }
    }

    // Byte classes: 0 separator, 1 letter, 2 digit, 3 punctuation token, 4 apostrophe,
    // 5 newline, 6 start of a multi-byte sequence, 7 continuation byte.
    static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = 1 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = 1 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = 2 }
        for c in ".,;:!?()\"" { table[Int(c.asciiValue!)] = 3 }
        table[Int(UInt8(ascii: "'"))] = 4
        table[0x0A] = 5
        for b in 0x80...0xBF { table[b] = 7 }
        for b in 0xC0...0xFF { table[b] = 6 }
        return table
    }()

    /// Tokenizes raw bytes. Invalid UTF-8 is tolerated: stray bytes become parts of words.
    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        tokenize(bytes, offset: 0, into: &tokens)
    }

    /// How many tokens are gathered on the stack before they go to the array in one append
    /// (an append per token costs a uniqueness check and a capacity check each): as many as
    /// fit in the 1 KB `withUnsafeTemporaryAllocation` always takes from the stack (more
    /// would be a heap allocation per call, and many segments are short).
    private static let batch = 1024 / MemoryLayout<Token>.stride

    /// Tokenizes `bytes`, a part of a text starting at `offset`: the tokens' offsets are in
    /// the whole text.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int32, into tokens: inout [Token]) {
        let n = bytes.count
        var i = 0
        var newlines = 0  // newlines seen since the last token (for paragraph breaks)
        var lastKind = tokens.last?.kind  // of the last token, gathered or in `tokens`
        // Whether every offset (at most `n`, plus `offset`) fits in an Int32: then tokens are
        // made without a range check per offset (otherwise they trap, as they always did).
        let fits = offset >= 0 && n <= Int(Int32.max) - Int(offset)
        withUnsafeTemporaryAllocation(of: Token.self, capacity: batch) { out in
            let out = out.baseAddress!
            var count = 0
            @inline(__always) func emit(_ start: Int, _ end: Int, _ hash: UInt64, _ kind: Token.Kind, letters: UInt16 = 0, uppercase: UInt16 = 0) {
                let s = fits ? Int32(truncatingIfNeeded: start) &+ offset : Int32(start) + offset
                let e = fits ? Int32(truncatingIfNeeded: end) &+ offset : Int32(end) + offset
                (out + count).initialize(to: Token(start: s, end: e, hash: hash, kind: kind, letters: letters, uppercase: uppercase))
                count += 1
                lastKind = kind
                if count == batch {
                    tokens.append(contentsOf: UnsafeBufferPointer(start: out, count: count))
                    count = 0
                }
            }
            classes.withUnsafeBufferPointer { cls in
                while i < n {
                    let b = bytes[i]
                    let c = cls[Int(b)]
                    switch c {
                    case 5:
                        newlines += 1
                        i += 1
                        continue
                    case 0:
                        if b != 0x20 && b != 0x09 && b != 0x0D { newlines = 0 }
                        i += 1
                        continue
                    default:
                        break
                    }
                    if newlines >= 2, let last = lastKind, last != .paragraphBreak {
                        emit(i, i, Token.paragraph, .paragraphBreak)
                    }
                    newlines = 0
                    if c == 3 {
                        emit(i, i + 1, TokenHash.add(TokenHash.seed, b), .punctuation)
                        i += 1
                        continue
                    }
                    if c == 4 || c == 7 {  // a stray apostrophe or continuation byte
                        i += 1
                        continue
                    }
                    if c == 6 {
                        // Multi-byte: some are punctuation or spaces, not word characters.
                        let kind = multibyteKind(bytes, i, n)
                        if kind.skip > 0 {
                            if kind.punct != 0 {
                                emit(i, i + kind.skip, TokenHash.add(TokenHash.seed, kind.punct), .punctuation)
                            }
                            i += kind.skip
                            continue
                        }
                    }
                    // A web address: one opaque token. (Only "ht" or "ww" can start one: most
                    // words starting with h or w, "have", "what", "with", need no `urlEnd`.)
                    if b | 0x20 == UInt8(ascii: "h") || b | 0x20 == UInt8(ascii: "w"), i + 1 < n,
                        bytes[i + 1] | 0x20 == (b | 0x20 == UInt8(ascii: "h") ? UInt8(ascii: "t") : UInt8(ascii: "w")), let end = urlEnd(bytes, i, n)
                    {
                        emit(i, end, Token.url, .placeholder)
                        i = end
                        continue
                    }
                    // A word or number.
                    let start = i
                    var h = TokenHash.seed
                    var letters: UInt16 = 0, upper: UInt16 = 0
                    var digitsOnly = true
                    while i < n {
                        // Lowercase ASCII, most bytes of a word: the run of it in the next
                        // eight bytes found at once, then hashed without a test per byte.
                        if i + 8 <= n {
                            let x = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                            let run = lowercaseRun(x)
                            if run > 0 {
                                var w = x
                                for _ in 0..<run {
                                    h = TokenHash.add(h, UInt8(truncatingIfNeeded: w))
                                    w >>= 8
                                }
                                i += run
                                letters &+= UInt16(truncatingIfNeeded: run)
                                digitsOnly = false
                                if run == 8 { continue }
                            }
                        } else if bytes[i] &- 0x61 < 26 {
                            letters &+= 1
                            digitsOnly = false
                            h = TokenHash.add(h, bytes[i])
                            i += 1
                            continue
                        }
                        // (A run shorter than eight ends before the end of the text.)
                        let b = bytes[i]
                        let c = cls[Int(b)]
                        if c == 1 {
                            letters &+= 1
                            digitsOnly = false
                            if b < 0x61 {
                                upper &+= 1
                                h = TokenHash.add(h, b | 0x20)
                            } else {
                                h = TokenHash.add(h, b)
                            }
                            i += 1
                        } else if c == 2 {
                            h = TokenHash.add(h, b)
                            i += 1
                        } else if c == 6 {
                            let kind = multibyteKind(bytes, i, n)
                            if kind.apostrophe {
                                // ’ inside a word is an apostrophe; at the end it closes a quote.
                                if i + 3 < n, cls[Int(bytes[i + 3])] == 1 || cls[Int(bytes[i + 3])] == 6 {
                                    h = TokenHash.add(h, UInt8(ascii: "'"))
                                    i += 3
                                    continue
                                }
                                break
                            }
                            if kind.skip > 0 { break }
                            // A multi-byte letter: lowercase Latin-1 capitals (À-Þ except ×).
                            digitsOnly = false
                            letters &+= 1
                            h = TokenHash.add(h, b)
                            i += 1
                            if b == 0xC3, i < n, bytes[i] >= 0x80, bytes[i] <= 0x9E, bytes[i] != 0x97 {
                                upper &+= 1
                                h = TokenHash.add(h, bytes[i] | 0x20)
                                i += 1
                            }
                            while i < n, cls[Int(bytes[i])] == 7 {
                                h = TokenHash.add(h, bytes[i])
                                i += 1
                            }
                        } else if c == 7 {
                            h = TokenHash.add(h, b)
                            i += 1
                        } else if c == 4 {
                            // ' inside a word (don't, it's); otherwise it ends the word.
                            if i + 1 < n, cls[Int(bytes[i + 1])] == 1 || cls[Int(bytes[i + 1])] == 6 {
                                h = TokenHash.add(h, b)
                                i += 1
                            } else {
                                break
                            }
                        } else {
                            break
                        }
                    }
                    if i == start { i += 1; continue }  // defensive: always advance
                    emit(start, i, h, digitsOnly ? .number : .word, letters: letters, uppercase: upper)
                }
            }
            if count > 0 { tokens.append(contentsOf: UnsafeBufferPointer(start: out, count: count)) }
        }
    }

    /// How many of the eight bytes of `x` (the first in the low bits), from the first on,
    /// are ASCII lowercase letters: `a`...`z` is `y + (0x80 - 0x61)` with its top bit set
    /// and `y + (0x7F - 0x7A)` without, for `y` the byte without its top bit (no carries).
    @inline(__always)
    static func lowercaseRun(_ x: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let y = x & 0x7F7F_7F7F_7F7F_7F7F
        let hit = (y &+ ones &* (0x80 - 0x61)) & ~(y &+ ones &* (0x7F - 0x7A)) & ~x & 0x8080_8080_8080_8080
        return (~hit & 0x8080_8080_8080_8080).trailingZeroBitCount / 8
    }

    /// Whether the period `tokens[i]` leaves the sentence open: glued between two words or
    /// numbers ("3.14", "node.js", the first dot of "e.g"), or closing a dotted abbreviation
    /// ("e.g.", "i.e.", "U.S.": a one-letter word glued between two dots) before a word that
    /// is not capitalised ("e.g. the log"; "at 5 p.m. Then …" still ends there).
    @inline(__always)
    public static func periodContinuesSentence<C: RandomAccessCollection>(_ tokens: C, _ i: Int) -> Bool where C.Element == Token, C.Index == Int {
        let n = tokens.count
        guard i > 0, i + 1 < n else { return false }
        let t = tokens[i], prev = tokens[i - 1], next = tokens[i + 1]
        guard t.hash == Token.period, prev.end == t.start, next.isWord else { return false }
        if next.start == t.end { return true }
        return t.end - t.start == 1 && i > 1 && prev.kind == .word && prev.letters == 1 && prev.end - prev.start == 1
            && tokens[i - 2].hash == Token.period && tokens[i - 2].end == prev.start && next.uppercase == 0
    }

    /// Where a web address starting at `i` ends (`http://`, `https://` or `www.`, any case,
    /// then a host), or nil: it runs to the next ASCII space or control byte, `<`, `>`, `"` or
    /// backtick, and gives back trailing `. , ; : ! ? ) ] } '`, which close the sentence or
    /// bracket around it.
    @inline(__always)
    static func urlEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        @inline(__always) func lower(_ k: Int) -> UInt8 { k < n ? bytes[k] | 0x20 : 0 }
        var k: Int
        if lower(i) == UInt8(ascii: "h"), lower(i + 1) == UInt8(ascii: "t"), lower(i + 2) == UInt8(ascii: "t"), lower(i + 3) == UInt8(ascii: "p") {
            k = i + 4
            if lower(k) == UInt8(ascii: "s") { k += 1 }
            guard k + 2 < n, bytes[k] == UInt8(ascii: ":"), bytes[k + 1] == UInt8(ascii: "/"), bytes[k + 2] == UInt8(ascii: "/") else { return nil }
            k += 3
        } else if lower(i) == UInt8(ascii: "w"), lower(i + 1) == UInt8(ascii: "w"), lower(i + 2) == UInt8(ascii: "w"), i + 3 < n, bytes[i + 3] == UInt8(ascii: ".") {
            k = i + 4
        } else {
            return nil
        }
        // A host must follow: a letter or digit.
        guard k < n, bytes[k] >= 0x80 || (bytes[k] | 0x20 >= UInt8(ascii: "a") && bytes[k] | 0x20 <= UInt8(ascii: "z")) || (bytes[k] >= 0x30 && bytes[k] <= 0x39) else { return nil }
        while k < n {
            let c = bytes[k]
            if c <= 0x20 || c == 0x7F || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") { break }
            k += 1
        }
        while k > i {
            switch bytes[k - 1] {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "'"):
                k -= 1
                continue
            default: break
            }
            break
        }
        return k
    }

    /// Classifies the multi-byte character at `i`: how many bytes to skip if it is not
    /// part of a word (0 when it is a letter), the ASCII stand-in when it is a
    /// punctuation token, and whether it is a right single quote (an apostrophe).
    @inline(__always)
    static func multibyteKind(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (skip: Int, punct: UInt8, apostrophe: Bool) {
        let b = bytes[i]
        if b == 0xC2, i + 1 < n {
            let b1 = bytes[i + 1]
            if b1 == 0xA0 { return (2, 0, false) }  // no-break space
            if b1 == 0xAB || b1 == 0xBB { return (2, UInt8(ascii: "\""), false) }  // « »
            if b1 < 0xC0 && b1 >= 0xA1 && b1 <= 0xBF && b1 != 0xAA && b1 != 0xB5 && b1 != 0xBA { return (2, 0, false) }  // Latin-1 symbols
            return (0, 0, false)
        }
        if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
            switch bytes[i + 2] {
            case 0x99: return (3, 0, true)  // ’
            case 0x98: return (3, 0, false)  // ‘
            case 0x9C, 0x9D: return (3, UInt8(ascii: "\""), false)  // “ ”
            case 0x93, 0x94: return (3, UInt8(ascii: "-"), false)  // – —
            case 0xA6: return (3, UInt8(ascii: "."), false)  // …
            case 0x8B, 0x8C, 0x8D, 0xAF, 0x80...0x8A, 0xA8, 0xA9: return (3, 0, false)  // spaces, separators
            default: return (3, 0, false)  // other general punctuation
            }
        }
        if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return (3, 0, false) }  // BOM
        return (0, 0, false)
    }
}
