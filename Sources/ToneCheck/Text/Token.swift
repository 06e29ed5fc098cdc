/// One token of a segment: a word, a number, a punctuation mark or a paragraph break.
///
/// Tokens are small and hold no strings: a word is its byte range in the segment text
/// plus a hash of its normalised spelling (ASCII and Latin-1 letters lowercased, curly
/// apostrophes made straight), which is all the rule matcher needs.
public struct Token: Sendable, Equatable {
    /// What a token is.
    public enum Kind: UInt8, Sendable {
        /// Letters (and digits, apostrophes) forming a word.
        case word
        /// Digits only.
        case number
        /// A single punctuation mark such as `!`, `?`, `.`, `,`.
        case punctuation
        /// A blank line between paragraphs.
        case paragraphBreak
        /// Opaque to rules: a template placeholder (`{{ name }}`) or a web address.
        case placeholder
    }

    /// Byte offset of the first byte in the segment text.
    public var start: Int32
    /// Byte offset one past the last byte.
    public var end: Int32
    /// FNV-1a hash of the normalised spelling.
    public var hash: UInt64
    /// What the token is.
    public var kind: Kind
    /// Number of letters in the token.
    public var letters: UInt16
    /// Number of uppercase letters in the token.
    public var uppercase: UInt16

    /// Creates a token.
    public init(start: Int32, end: Int32, hash: UInt64, kind: Kind, letters: UInt16 = 0, uppercase: UInt16 = 0) {
        self.start = start
        self.end = end
        self.hash = hash
        self.kind = kind
        self.letters = letters
        self.uppercase = uppercase
    }

    /// A word of at least two letters, all of them uppercase ("ASAP", "NOW").
    public var isAllCaps: Bool { kind == .word && letters >= 2 && uppercase == letters }
    /// A word that begins with an uppercase letter.
    public var isWord: Bool { kind == .word || kind == .number }
    /// Sentence-ending punctuation or a paragraph break.
    public var endsSentence: Bool {
        kind == .paragraphBreak
            || (kind == .punctuation && (hash == Token.period || hash == Token.exclamation || hash == Token.question))
    }

    // Literals, not `TokenHash.of(...)`: a computed global is a lazy-initialisation check on
    // every read, and these are read for every token (a test checks them against `of`).
    /// Hash of `!`.
    public static let exclamation: UInt64 = 0xAF63_9C4C_8601_7FCC
    /// Hash of `?`.
    public static let question: UInt64 = 0xAF63_B24C_8601_A52E
    /// Hash of `.`.
    public static let period: UInt64 = 0xAF63_A34C_8601_8BB1
    /// Hash of a paragraph break.
    public static let paragraph: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Hash of a web address (a `placeholder` token): no word hashes so, as it folds a NUL byte.
    public static let url: UInt64 = 0xAF63_BD4C_8601_B7DF
}

/// The hash used for tokens, usable on any string so rule words hash exactly as text does.
public enum TokenHash {
    /// FNV-1a offset basis.
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Folds one (already normalised) byte into a hash.
    @inline(__always)
    public static func add(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* prime }

    /// The hash of a single token's text, normalised as the tokenizer does.
    public static func of(_ text: String) -> UInt64 {
        let tokens = Tokenizer.tokenize(Array(text.utf8))
        return tokens.first?.hash ?? seed
    }
}
