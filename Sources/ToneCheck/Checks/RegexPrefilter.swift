import Foundation

/// A byte test that every line a regex can match must pass, derived once from the regex,
/// so the regex engine (and the String and NSString a line must become for it) runs only
/// on lines that might match. `\*{1,2}[A-Za-z]…` needs a `*`; `\b[A-Z]{2,} …` needs two
/// capitals in a row.
///
/// Only the top level of the pattern is read: an element there (a literal, an escaped
/// literal, `\d`, `\s`, `\w` or a simple `[…]` class) that must occur at least once, with
/// the longest run of it that must occur. A pattern with a top-level `|` gets no prefilter.
struct RegexPrefilter: Sendable, Equatable {
    /// Bytes that satisfy the element (ASCII only).
    var bytes: [Bool]
    /// How many of them must follow one another.
    var run: Int

    /// The most selective required element of `pattern`, or nil when there is none.
    static func make(_ pattern: String, caseSensitive: Bool) -> RegexPrefilter? {
        let c = Array(pattern.unicodeScalars)
        // Inline options such as `(?i)` may switch case sensitivity: fold case then.
        let caseSensitive = caseSensitive && !pattern.contains("(?")
        var i = 0
        var best: RegexPrefilter?
        func consider(_ set: [Bool]?, _ minimum: Int) {
            guard var set, minimum >= 1 else { return }
            if !caseSensitive {
                for b in 0x41...0x5A where set[b] || set[b | 0x20] {
                    set[b] = true
                    set[b | 0x20] = true
                }
            }
            let candidate = RegexPrefilter(bytes: set, run: min(minimum, 64))
            if best.map({ candidate.cost < $0.cost }) ?? true { best = candidate }
        }
        func set(_ chars: [UInt8]) -> [Bool] {
            var s = [Bool](repeating: false, count: 128)
            for b in chars { s[Int(b)] = true }
            return s
        }
        let digits = set(Array("0123456789".utf8))
        let spaces = set([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D])
        let word = set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8))
        var depth = 0
        while i < c.count {
            // One element: its byte set (nil when unknown or not ASCII), or zero width.
            var element: [Bool]?
            var zeroWidth = false
            let ch = c[i]
            switch ch {
            case "\\":
                guard i + 1 < c.count else { return best }
                let e = c[i + 1]
                i += 2
                switch e {
                case "b", "B", "A", "z", "Z", "G": zeroWidth = true
                case "d": element = digits
                case "s": element = spaces
                case "w": element = word
                default:
                    if e.isASCII, !e.properties.isAlphabetic, !("0"..."9").contains(e) { element = set([UInt8(e.value)]) }
                }
            case "[":
                let (s, next) = classSet(c, i)
                element = s
                i = next
            case "(":
                // Skip the group: what it needs depends on its alternatives.
                depth = 1
                var k = i + 1
                var inClass = false
                while k < c.count, depth > 0 {
                    if c[k] == "\\" { k += 2; continue }
                    if inClass { if c[k] == "]" { inClass = false } } else if c[k] == "[" { inClass = true } else if c[k] == "(" { depth += 1 } else if c[k] == ")" { depth -= 1 }
                    k += 1
                }
                i = k
            case "|":
                return nil
            case "^", "$":
                zeroWidth = true
                i += 1
            case ".":
                i += 1
            default:
                if ch.isASCII { element = set([UInt8(ch.value)]) }
                i += 1
            }
            // Its quantifier, and a lazy or possessive suffix after one.
            var minimum = 1
            var quantified = false
            if i < c.count {
                switch c[i] {
                case "?", "*":
                    minimum = 0
                    quantified = true
                    i += 1
                case "+":
                    quantified = true
                    i += 1
                case "{":
                    var k = i + 1
                    var digitsText = ""
                    while k < c.count, ("0"..."9").contains(c[k]) { digitsText.unicodeScalars.append(c[k]); k += 1 }
                    if let m = Int(digitsText), k < c.count, c[k] == "," || c[k] == "}" {
                        minimum = m
                        quantified = true
                        while k < c.count, c[k] != "}" { k += 1 }
                        i = k + 1
                    }
                default: break
                }
                if quantified, i < c.count, c[i] == "?" || c[i] == "+" { i += 1 }
            }
            if !zeroWidth { consider(element, minimum) }
        }
        return best
    }

    /// A `[...]` class starting at `i`: its set (nil when negated or not plain ASCII) and
    /// the index after it.
    static func classSet(_ c: [Unicode.Scalar], _ start: Int) -> ([Bool]?, Int) {
        var i = start + 1
        var s = [Bool](repeating: false, count: 128)
        var plain = true
        if i < c.count, c[i] == "^" { plain = false; i += 1 }
        var first = true
        while i < c.count, c[i] != "]" || first {
            first = false
            var lo = c[i]
            if lo == "\\" {
                guard i + 1 < c.count else { return (nil, c.count) }
                let e = c[i + 1]
                i += 2
                if e.isASCII, !e.properties.isAlphabetic, !("0"..."9").contains(e) { s[Int(e.value)] = true } else { plain = false }
                continue
            }
            if lo == "[" { plain = false }  // POSIX classes and nesting: give up on the set
            i += 1
            if i + 1 < c.count, c[i] == "-", c[i + 1] != "]" {
                let hi = c[i + 1]
                i += 2
                guard lo.isASCII, hi.isASCII, lo.value <= hi.value else { plain = false; continue }
                for v in lo.value...hi.value { s[Int(v)] = true }
                continue
            }
            if lo.isASCII { s[Int(lo.value)] = true } else { plain = false }
            lo = " "
        }
        return (plain ? s : nil, min(c.count, i + 1))
    }

    /// Lower is more selective: the rough chance that a byte of English text is in the set,
    /// to the power of the run (space and lowercase letters are everywhere, capitals and
    /// digits less so, other punctuation rare).
    var cost: Double {
        var p = 0.0
        for b in 0..<128 where bytes[b] {
            switch UInt8(b) {
            case 0x20: p += 0.17
            case 0x61...0x7A: p += 0.025
            case 0x41...0x5A: p += 0.003
            case 0x30...0x39: p += 0.002
            case 0x0A, 0x0D, 0x09: p += 0.01
            case 0x2C, 0x2E: p += 0.01
            default: p += 0.001
            }
        }
        return pow(min(p, 1), Double(run))
    }

    /// Whether `line` has `run` bytes of the set in a row (a line without them cannot match).
    func mayMatch(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var current = 0
        for b in line {
            if b < 128 && bytes[Int(b)] {
                current += 1
                if current >= run { return true }
            } else {
                current = 0
            }
        }
        return false
    }
}
