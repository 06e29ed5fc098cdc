/// One position of a compiled token pattern.
enum Atom: Hashable, Sendable {
    /// A word (normalised, lowercase) matched exactly or with its inflections.
    case word(String, inflect: Bool)
    /// Any single word or number.
    case any
}

/// Parses the token-pattern syntax used by rule files into the atom sequences it stands for.
///
/// Syntax (words separated by spaces):
/// - `word` matches the word, case-insensitively (and its inflections when the rule inflects);
///   `=word` matches that spelling only.
/// - `(a|b c|d)` matches one of the alternatives; each may be several words.
/// - a trailing `?` makes the word or group before it optional: `really?`, `(so|very)?`.
/// - `_` matches any one word; `...` any 0 to 3 words.
/// - `@name` matches any entry of the pack's list `name`.
/// - `\?` is a literal question mark; other punctuation is literal as written.
enum PatternParser {
    struct Failure: Error { var message: String }

    /// Most sequences one pattern may expand to.
    static let expansionLimit = 5000

    /// Expands a literal phrase (no operators) into its single atom sequence.
    static func literal(_ phrase: String, inflect: Bool) -> [Atom] {
        words(of: phrase).map { word in .word(word, inflect: inflect && isInflectable(word)) }
    }

    /// Expands a pattern into atom sequences.
    static func expand(_ pattern: String, inflect: Bool, lists: [String: [String]]) throws(Failure) -> [[Atom]] {
        var parser = Parser(chars: Array(pattern), lists: lists, inflect: inflect)
        let seqs = try parser.parseSequence(endAt: nil)
        if parser.pos < parser.chars.count { throw Failure(message: "unexpected '\(parser.chars[parser.pos])' at character \(parser.pos + 1)") }
        let result = seqs.filter { !$0.isEmpty }
        if result.isEmpty { throw Failure(message: "the pattern matches nothing") }
        for seq in result where seq.first == .any {
            throw Failure(message: "a pattern cannot start with '_' or '...'; start with a word")
        }
        for seq in result where seq.last == .any {
            throw Failure(message: "a pattern cannot end with '_' or '...'; end with a word")
        }
        return result
    }

    /// Lowercased words of a phrase, split as the tokenizer splits text.
    static func words(of phrase: String) -> [String] {
        let bytes = Array(phrase.utf8)
        return Tokenizer.tokenize(bytes).map { normalise(bytes[Int($0.start)..<Int($0.end)]) }
    }

    /// Lowercase ASCII and Latin-1, straight apostrophes, multi-byte punctuation as ASCII.
    static func normalise(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A {
                out.append(b | 0x20)
            } else if b == 0xE2, i + 2 < bytes.endIndex, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
                out.append(UInt8(ascii: "'"))
                i += 3
                continue
            } else if b == 0xE2, i + 2 < bytes.endIndex, bytes[i + 1] == 0x80 {
                switch bytes[i + 2] {
                case 0x9C, 0x9D: out.append(UInt8(ascii: "\""))
                case 0x93, 0x94: out.append(UInt8(ascii: "-"))
                case 0xA6: out.append(UInt8(ascii: "."))
                default: out.append(contentsOf: bytes[i...(i + 2)])
                }
                i += 3
                continue
            } else if b == 0xC3, i + 1 < bytes.endIndex, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9E, bytes[i + 1] != 0x97 {
                out.append(b)
                out.append(bytes[i + 1] | 0x20)
                i += 2
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isInflectable(_ word: String) -> Bool {
        word.utf8.count >= 3 && word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }

    struct Parser {
        var chars: [Character]
        var pos = 0
        var lists: [String: [String]]
        var inflect: Bool

        mutating func skipSpaces() { while pos < chars.count, chars[pos] == " " { pos += 1 } }

        /// Parses items until `endAt` (`|` or `)`) or the end; returns the expansions.
        mutating func parseSequence(endAt: Set<Character>?) throws(Failure) -> [[Atom]] {
            var seqs: [[Atom]] = [[]]
            while true {
                skipSpaces()
                if pos >= chars.count { break }
                if let endAt, endAt.contains(chars[pos]) { break }
                var item = try parseItem()
                if pos < chars.count, chars[pos] == "?" {
                    pos += 1
                    item.append([])
                }
                var next: [[Atom]] = []
                for s in seqs { for i in item { next.append(s + i) } }
                seqs = next
                if seqs.count > PatternParser.expansionLimit {
                    throw Failure(message: "the pattern expands to more than \(PatternParser.expansionLimit) phrases; split it")
                }
            }
            return seqs
        }

        mutating func parseItem() throws(Failure) -> [[Atom]] {
            let c = chars[pos]
            if c == "(" {
                pos += 1
                var alternatives: [[Atom]] = []
                while true {
                    alternatives += try parseSequence(endAt: ["|", ")"])
                    guard pos < chars.count else { throw Failure(message: "a '(' is not closed") }
                    if chars[pos] == ")" { pos += 1; break }
                    pos += 1  // "|"
                }
                return alternatives
            }
            if c == ")" || c == "|" { throw Failure(message: "unexpected '\(c)' at character \(pos + 1)") }
            // A bare word (up to a space, '(', ')', '|' or a trailing '?').
            var word = ""
            while pos < chars.count {
                let ch = chars[pos]
                if ch == " " || ch == "(" || ch == ")" || ch == "|" { break }
                if ch == "\\", pos + 1 < chars.count {
                    word.append(chars[pos + 1])
                    pos += 2
                    continue
                }
                if ch == "?" && !word.isEmpty { break }
                word.append(ch)
                pos += 1
            }
            if word == "_" { return [[.any]] }
            if word == "..." { return [[], [.any], [.any, .any], [.any, .any, .any]] }
            if word.hasPrefix("@") {
                let name = String(word.dropFirst())
                guard let entries = lists[name] else { throw Failure(message: "no list named '\(name)' in this rule file's 'lists'") }
                return entries.map { PatternParser.literal($0, inflect: inflect) }.filter { !$0.isEmpty }
            }
            if word.hasPrefix("=") { return [PatternParser.literal(String(word.dropFirst()), inflect: false)] }
            let atoms = PatternParser.literal(word, inflect: inflect)
            if atoms.isEmpty { throw Failure(message: "'\(word)' has no word in it") }
            return [atoms]
        }
    }
}

/// Generates the inflected forms of a word (and the bases it may be a form of), so
/// "demand" also matches "demands", "demanded", "demanding".
enum Inflection {
    static let vowels: Set<UInt8> = Set("aeiou".utf8)

    static func forms(of word: String) -> Set<String> {
        var out: Set<String> = [word]
        var bases: Set<String> = [word]
        let w = Array(word.utf8)
        func str(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        // Possible bases when the word is itself inflected.
        if w.count > 4, word.hasSuffix("ies") { bases.insert(str(w.dropLast(3)) + "y") }
        if w.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") { bases.insert(str(w.dropLast())) }
        if w.count > 4, word.hasSuffix("es"), !word.hasSuffix("ses") { bases.insert(str(w.dropLast(2))) }
        if w.count > 4, word.hasSuffix("ed") {
            bases.insert(str(w.dropLast(2)))
            bases.insert(str(w.dropLast(1)))
            if w.count > 5, w[w.count - 3] == w[w.count - 4] { bases.insert(str(w.dropLast(3))) }
            if word.hasSuffix("ied") { bases.insert(str(w.dropLast(3)) + "y") }
        }
        if w.count > 5, word.hasSuffix("ing") {
            bases.insert(str(w.dropLast(3)))
            bases.insert(str(w.dropLast(3)) + "e")
            if w.count > 6, w[w.count - 4] == w[w.count - 5] { bases.insert(str(w.dropLast(4))) }
        }
        for base in bases where base.utf8.count >= 3 {
            let b = Array(base.utf8)
            out.insert(base)
            let last = b[b.count - 1]
            if last == UInt8(ascii: "e") {
                out.formUnion([base + "s", base + "d", str(b.dropLast()) + "ing"])
            } else if last == UInt8(ascii: "y"), b.count > 2, !vowels.contains(b[b.count - 2]) {
                let stem = str(b.dropLast())
                out.formUnion([stem + "ies", stem + "ied", base + "ing"])
            } else {
                let sibilant = base.hasSuffix("s") || base.hasSuffix("x") || base.hasSuffix("z") || base.hasSuffix("ch") || base.hasSuffix("sh")
                out.formUnion([base + (sibilant ? "es" : "s"), base + "ed", base + "ing"])
                // Short consonant-vowel-consonant words double the last letter: drop → dropped.
                if b.count >= 3, !vowels.contains(last), last != UInt8(ascii: "w"), last != UInt8(ascii: "x"), last != UInt8(ascii: "y"),
                    vowels.contains(b[b.count - 2]), !vowels.contains(b[b.count - 3])
                {
                    let doubled = base + String(UnicodeScalar(last))
                    out.formUnion([doubled + "ed", doubled + "ing"])
                }
            }
        }
        return out
    }
}
