import Foundation

/// Keeps rule regexes to bounded work, twice over. At load, patterns that backtrack
/// catastrophically in the well-known ways (nested or alternating repeats, backreferences,
/// lookaround) are refused with an error naming the rule. At run time, regexes run per
/// line (lines are capped at `maxLineBytes`) with a CPU-time budget per line
/// (`matches(_:in:)`): even an accepted pattern like `a*a*b` is polynomial, and ICU takes
/// minutes on one long line, so a regex that runs out of budget gives up on that line
/// with a warning naming the rule, and after a few such lines is skipped for the rest of
/// the segment. The work per segment is then linear in its length.
enum RegexGuard {
    /// Longest line, in bytes, a regex rule is run on; longer lines are skipped with a warning.
    static let maxLineBytes = 8192

    /// CPU time a regex rule may spend on one line. ICU runs a well-behaved rule regex over
    /// a full-length line in well under a millisecond; the patterns this stops (`a*a*b` on
    /// a long line of `a`) need minutes, so which lines give up does not depend on the
    /// machine in practice. (ICU's progress reports cannot be told apart — one per start
    /// position and one per ~10,000 backtracking steps — so a step count cannot be the
    /// budget; thread CPU time is not affected by other processes.)
    static let maxSecondsPerLine = 0.01

    /// After a regex gives up on this many lines of one segment, it is skipped for the rest
    /// of the segment, so a pathological rule costs at most a few budgets per segment.
    static let maxGiveUpsPerSegment = 3

    /// The matches of `regex` in `line` as byte ranges in the line (empty matches dropped),
    /// and whether the search finished within `maxSecondsPerLine` (false: it gave up, and
    /// the ranges are the matches found before it did).
    static func matches(_ regex: NSRegularExpression, in line: RegexLine) -> (ranges: [Range<Int>], complete: Bool) {
        var ranges: [Range<Int>] = []
        var progress = 0
        var complete = true
        var start = -1.0
        regex.enumerateMatches(in: line.string, options: [.reportProgress], range: NSRange(location: 0, length: line.utf16Count)) { m, _, stop in
            if let m {
                if m.range.length > 0 { ranges.append(line.byteRange(utf16: m.range.location, length: m.range.length)) }
            } else {
                progress += 1
                // The clock (a system call) is read every 16th report from the 256th on, so
                // ordinary lines, which finish sooner, never read it; 256 reports are at most
                // a few million backtracking steps, a millisecond or two.
                guard progress >= 256, progress & 15 == 0 else { return }
                let now = threadCPUSeconds()
                if start < 0 {
                    start = now
                } else if now - start > maxSecondsPerLine {
                    complete = false
                    stop.pointee = true
                }
            }
        }
        return (ranges, complete)
    }

    /// CPU time used by the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The warning when rule `id` gives up on a line.
    static func gaveUp(_ id: String, skippingRest: Bool) -> String {
        "regex rule \(id) gave up on this line after \(Int(maxSecondsPerLine * 1000)) ms (its regex backtracks heavily; simplify it)"
            + (skippingRest ? "; the rule is skipped for the rest of this part" : "")
    }

    /// Why `pattern` is refused, or nil when it is acceptable.
    static func problem(in pattern: String) -> String? {
        let chars = Array(pattern)
        if pattern.count > 500 { return "the regex is longer than 500 characters; use a phrase or pattern rule" }
        // Track, for each open group, whether it contains a quantifier or an alternation.
        var stack: [(quantified: Bool, alternation: Bool)] = []
        var i = 0
        var inClass = false
        var lastClosedGroup: (quantified: Bool, alternation: Bool)?
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 < chars.count, chars[i + 1].isNumber, chars[i + 1] != "0" {
                    return "backreferences (\\\(chars[i + 1])) are not allowed: they can make matching take unbounded time"
                }
                if i + 1 < chars.count, chars[i + 1] == "k" { return "named backreferences are not allowed" }
                i += 2
                lastClosedGroup = nil
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                lastClosedGroup = nil
            case "(":
                if i + 2 < chars.count, chars[i + 1] == "?", chars[i + 2] == "<" || chars[i + 2] == "=" || chars[i + 2] == "!" {
                    if chars[i + 2] == "<", i + 3 < chars.count, chars[i + 3] != "=" && chars[i + 3] != "!" {
                        // named group: fine
                    } else {
                        return "lookaround assertions are not allowed in rule regexes"
                    }
                }
                stack.append((false, false))
                lastClosedGroup = nil
            case ")":
                guard let g = stack.popLast() else { return "unbalanced ')' at character \(i + 1)" }
                lastClosedGroup = g
                if !stack.isEmpty {
                    stack[stack.count - 1].quantified = stack[stack.count - 1].quantified || g.quantified
                }
                i += 1
                continue
            case "|":
                if !stack.isEmpty { stack[stack.count - 1].alternation = true }
                lastClosedGroup = nil
            case "*", "+", "{":
                if let g = lastClosedGroup, g.quantified || g.alternation {
                    return "a repeated group that itself repeats or alternates (like (a+)+ or (a|b)*) can backtrack catastrophically; rewrite it without nesting"
                }
                if !stack.isEmpty { stack[stack.count - 1].quantified = true }
                lastClosedGroup = nil
                if c == "{" { while i < chars.count, chars[i] != "}" { i += 1 } }
            case "?":
                lastClosedGroup = nil
            default:
                lastClosedGroup = nil
            }
            i += 1
        }
        if !stack.isEmpty { return "a '(' is not closed" }
        if inClass { return "a '[' is not closed" }
        return nil
    }
}

/// One line of segment text as `NSRegularExpression` sees it (a string, decoded leniently:
/// each invalid UTF-8 sequence becomes U+FFFD), with the way back from the UTF-16 offsets
/// a match reports to byte offsets in the line, which differ as soon as the line holds
/// invalid UTF-8.
struct RegexLine {
    /// The decoded line.
    let string: String
    /// `byteOffset[u]` is the line byte where UTF-16 unit `u` starts, one extra entry for
    /// the end; empty for an ASCII line, where units and bytes are the same.
    private let byteOffset: [Int32]
    /// Number of UTF-16 units (`NSString.length`).
    let utf16Count: Int

    /// Decodes `bytes` (one line, at most `RegexGuard.maxLineBytes` long), linear time.
    init(_ bytes: ArraySlice<UInt8>) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            self.init(string: String(decoding: bytes, as: UTF8.self), byteOffset: [], utf16Count: bytes.count)
            return
        }
        // Valid UTF-8 (the usual case): the string as it is, and a unit per scalar start,
        // two for a four-byte scalar (a surrogate pair).
        if let valid = String(validating: bytes, as: UTF8.self) {
            var offsets: [Int32] = []
            offsets.reserveCapacity(bytes.count + 1)
            var pos: Int32 = 0
            for b in bytes {
                if b & 0xC0 != 0x80 {
                    offsets.append(pos)
                    if b >= 0xF0 { offsets.append(pos) }
                }
                pos += 1
            }
            offsets.append(pos)
            self.init(string: valid, byteOffset: offsets, utf16Count: offsets.count - 1)
            return
        }
        self.init(scalarWise: bytes)
    }

    private init(string: String, byteOffset: [Int32], utf16Count: Int) {
        self.string = string
        self.byteOffset = byteOffset
        self.utf16Count = utf16Count
    }

    /// Decodes scalar by scalar, each invalid sequence becoming U+FFFD.
    init(scalarWise bytes: ArraySlice<UInt8>) {
        var scalars = String.UnicodeScalarView()
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var pos: Int32 = 0
        parsing: while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                scalars.append(scalar)
                for _ in 0..<UTF16.width(scalar) { offsets.append(pos) }
                pos += Int32(encoded.count)
            case .error(let length):
                scalars.append("\u{FFFD}")
                offsets.append(pos)
                pos += Int32(length)
            case .emptyInput:
                break parsing
            }
        }
        offsets.append(pos)
        string = String(scalars)
        byteOffset = offsets
        utf16Count = offsets.count - 1
    }

    /// The byte range in the line of a match's UTF-16 range.
    func byteRange(utf16 location: Int, length: Int) -> Range<Int> {
        let lo = min(max(location, 0), utf16Count), hi = min(max(location + length, 0), utf16Count)
        if byteOffset.isEmpty { return lo..<max(lo, hi) }
        let a = Int(byteOffset[lo]), b = Int(byteOffset[hi])
        return a..<max(a, b)
    }
}
