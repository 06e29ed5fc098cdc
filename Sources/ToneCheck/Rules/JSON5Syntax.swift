/// Finds where a JSON5 text first breaks the grammar, with a plain-words reason, for the
/// error message when Foundation's parser rejects a file without saying where (it gives
/// no position on Linux). Only a locator: Foundation still does the parsing. Iterative (an
/// explicit stack), so deeply nested input cannot exhaust the call stack; linear time.
enum JSON5Syntax {
    /// A syntax error: 1-based line and column (in characters), and what is wrong there.
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first syntax error in `text`, or nil when it is valid JSON5 (as far as this
    /// checks: the grammar, not number ranges or duplicate keys).
    static func firstProblem(in text: [UInt8]) -> Problem? {
        var s = Scanner(text)
        return s.run()
    }

    private enum Container { case object, array }

    private struct Scanner {
        let b: [UInt8]
        var i = 0
        var stack: [Container] = []
        /// Whether the container on top was just opened (its first member or element, or
        /// its end, comes next).
        var fresh = false

        init(_ b: [UInt8]) { self.b = b }

        func problem(_ message: String, at offset: Int) -> Problem {
            let (line, column) = JSONSyntaxError.lineColumn(of: offset, in: b)
            return Problem(line: line, column: column, message: message)
        }

        /// What the byte at `i` reads as, for messages.
        func found() -> String {
            guard i < b.count else { return "the end of the file" }
            let c = b[i]
            if c >= 0x21 && c < 0x7F { return "'\(String(UnicodeScalar(c)))'" }
            return "this character"
        }

        /// Skips whitespace and comments; a problem for an unclosed block comment.
        mutating func skipBlank() -> Problem? {
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C {
                    i += 1
                } else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                    i += 2  // no-break space
                } else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
                    i += 3  // byte-order mark
                } else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                    i += 3  // line and paragraph separators
                } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2F {
                    while i < b.count, b[i] != 0x0A { i += 1 }
                } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A {
                    let start = i
                    i += 2
                    while i + 1 < b.count, !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
                    if i + 1 >= b.count { return problem("a /* comment is not closed", at: start) }
                    i += 2
                } else {
                    return nil
                }
            }
            return nil
        }

        static func isIdentifierStart(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x24 || c == 0x5F || c >= 0x80 || c == 0x5C
        }

        static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || (c >= 0x30 && c <= 0x39) }

        /// A quoted string at `i` (which holds the quote).
        mutating func string() -> Problem? {
            let start = i
            let quote = b[i]
            i += 1
            while i < b.count {
                let c = b[i]
                if c == quote {
                    i += 1
                    return nil
                }
                if c == 0x0A || c == 0x0D {
                    return problem("a string is not closed before the end of its line", at: start)
                }
                if c == 0x5C {
                    i += 2  // any escape, a line continuation included
                    continue
                }
                i += 1
            }
            return problem("a string is not closed", at: start)
        }

        /// A number, `true`, `false`, `null`, `Infinity` or `NaN` at `i`.
        mutating func literal() -> Problem? {
            let start = i
            var word = i
            if b[word] == 0x2B || b[word] == 0x2D { word += 1 }
            var end = word
            while end < b.count, Scanner.isIdentifierPart(b[end]) || b[end] == 0x2E || ((b[end] == 0x2B || b[end] == 0x2D) && end > word && (b[end - 1] | 0x20) == 0x65 && !(b[word] == 0x30 && word + 1 < b.count && (b[word + 1] | 0x20) == 0x78)) {
                end += 1
            }
            let token = String(decoding: b[word..<end], as: UTF8.self)
            i = end
            if word == start, ["true", "false", "null"].contains(token) { return nil }
            if token == "Infinity" || token == "NaN" { return nil }
            if JSON5Syntax.isNumber(token) { return nil }
            let shown = String(decoding: b[start..<end], as: UTF8.self)
            if shown.isEmpty { return problem("expected a value, found \(found())", at: start) }
            return problem("'\(shown)' is not a value (strings need quotes; literals are true, false, null and numbers)", at: start)
        }

        /// A value at `i`: a container is only opened (pushed), its contents read by `run`.
        mutating func value() -> Problem? {
            guard i < b.count else { return problem("expected a value, found the end of the file", at: i) }
            switch b[i] {
            case 0x7B:
                i += 1
                stack.append(.object)
                fresh = true
                return nil
            case 0x5B:
                i += 1
                stack.append(.array)
                fresh = true
                return nil
            case 0x22, 0x27:
                return string()
            case 0x7D, 0x5D, 0x2C, 0x3A:
                return problem("expected a value, found \(found())", at: i)
            default:
                return literal()
            }
        }

        /// At the start of a member of an object or an element of a list (after its opening
        /// or a comma), or at its closing bracket.
        mutating func entry(of container: Container) -> Problem? {
            let close: UInt8 = container == .object ? 0x7D : 0x5D
            if let p = skipBlank() { return p }
            guard i < b.count else {
                return problem(container == .object ? "an object is not closed: expected '}'" : "a list is not closed: expected ']'", at: i)
            }
            if b[i] == close {
                i += 1
                stack.removeLast()
                return nil
            }
            if container == .object {
                if b[i] == 0x22 || b[i] == 0x27 {
                    if let p = string() { return p }
                } else if Scanner.isIdentifierStart(b[i]) {
                    while i < b.count, Scanner.isIdentifierPart(b[i]) { i += 1 }
                } else {
                    return problem("expected a key (a name or a quoted string) or '}', found \(found())", at: i)
                }
                if let p = skipBlank() { return p }
                guard i < b.count, b[i] == 0x3A else { return problem("expected ':' after the key, found \(found())", at: i) }
                i += 1
                if let p = skipBlank() { return p }
            }
            return value()
        }

        mutating func run() -> Problem? {
            if let p = skipBlank() { return p }
            if let p = value() { return p }
            // In a container: after a value, a comma (then the next entry) or the end; at
            // the start, the first entry or the end.
            while let top = stack.last {
                if !fresh {
                    if let p = skipBlank() { return p }
                    let close: UInt8 = top == .object ? 0x7D : 0x5D
                    guard i < b.count else {
                        return problem(top == .object ? "an object is not closed: expected ',' or '}'" : "a list is not closed: expected ',' or ']'", at: i)
                    }
                    if b[i] == close {
                        i += 1
                        stack.removeLast()
                        continue
                    }
                    guard b[i] == 0x2C else {
                        let what = top == .object ? "expected ',' or '}' after a member" : "expected ',' or ']' after an element"
                        return problem("\(what), found \(found()) (is a comma missing?)", at: i)
                    }
                    i += 1
                }
                fresh = false
                if let p = entry(of: top) { return p }
            }
            if let p = skipBlank() { return p }
            if i < b.count { return problem("unexpected \(found()) after the end of the top-level value", at: i) }
            return nil
        }
    }

    /// Whether `token` is a JSON5 number without its sign: hexadecimal, or decimal with
    /// optional leading or trailing point and exponent.
    static func isNumber(_ token: String) -> Bool {
        let c = Array(token.utf8)
        guard !c.isEmpty else { return false }
        if c.count > 2, c[0] == 0x30, c[1] | 0x20 == 0x78 {
            return c[2...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        }
        var k = 0
        var digits = 0
        while k < c.count, c[k] >= 0x30 && c[k] <= 0x39 { k += 1; digits += 1 }
        if k < c.count, c[k] == 0x2E {
            k += 1
            while k < c.count, c[k] >= 0x30 && c[k] <= 0x39 { k += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if k < c.count, c[k] | 0x20 == 0x65 {
            k += 1
            if k < c.count, c[k] == 0x2B || c[k] == 0x2D { k += 1 }
            let e = k
            while k < c.count, c[k] >= 0x30 && c[k] <= 0x39 { k += 1 }
            guard k > e else { return false }
        }
        return k == c.count
    }
}
