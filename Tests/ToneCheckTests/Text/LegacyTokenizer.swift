// The byte tokenizer's main loop as it was before it gathered tokens in batches and read
// lowercase runs eight bytes at a time (tonecheck 184b9fa), kept to check that the tokenizer
// still gives exactly the same tokens. The byte classes, the multi-byte classification and
// the web-address scan did not change, and are the tokenizer's own.
@testable import ToneCheck

enum LegacyTokenizer {
    /// Tokenizes raw bytes. Invalid UTF-8 is tolerated: stray bytes become parts of words.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        let n = bytes.count
        var i = 0
        var newlines = 0  // newlines seen since the last token (for paragraph breaks)
        Tokenizer.classes.withUnsafeBufferPointer { cls in
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
                if newlines >= 2, let last = tokens.last, last.kind != .paragraphBreak {
                    tokens.append(Token(start: Int32(i), end: Int32(i), hash: Token.paragraph, kind: .paragraphBreak))
                }
                newlines = 0
                if c == 3 {
                    tokens.append(Token(start: Int32(i), end: Int32(i + 1), hash: TokenHash.add(TokenHash.seed, b), kind: .punctuation))
                    i += 1
                    continue
                }
                if c == 4 || c == 7 {  // a stray apostrophe or continuation byte
                    i += 1
                    continue
                }
                if c == 6 {
                    // Multi-byte: some are punctuation or spaces, not word characters.
                    let kind = Tokenizer.multibyteKind(bytes, i, n)
                    if kind.skip > 0 {
                        if kind.punct != 0 {
                            tokens.append(Token(start: Int32(i), end: Int32(i + kind.skip), hash: TokenHash.add(TokenHash.seed, kind.punct), kind: .punctuation))
                        }
                        i += kind.skip
                        continue
                    }
                }
                // A web address: one opaque token.
                if b | 0x20 == UInt8(ascii: "h") || b | 0x20 == UInt8(ascii: "w"), let end = Tokenizer.urlEnd(bytes, i, n) {
                    tokens.append(Token(start: Int32(i), end: Int32(end), hash: Token.url, kind: .placeholder))
                    i = end
                    continue
                }
                // A word or number.
                let start = i
                var h = TokenHash.seed
                var letters: UInt16 = 0, upper: UInt16 = 0
                var digitsOnly = true
                while i < n {
                    let b = bytes[i]
                    if b &- 0x61 < 26 {  // a-z, most bytes of a word: no table, no case
                        letters &+= 1
                        digitsOnly = false
                        h = TokenHash.add(h, b)
                        i += 1
                        continue
                    }
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
                        let kind = Tokenizer.multibyteKind(bytes, i, n)
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
                tokens.append(Token(start: Int32(start), end: Int32(i), hash: h, kind: digitsOnly ? .number : .word, letters: letters, uppercase: upper))
            }
        }
    }
}
