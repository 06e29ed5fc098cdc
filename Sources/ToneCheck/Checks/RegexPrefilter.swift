import Foundation

/// A byte test that every line a regex can match must pass, derived once from the regex,
/// so the regex engine (and the String and NSString a line must become for it) runs only
/// on lines that might match. `\*{1,2}[A-Za-z]…` needs a `*` before a letter;
/// `\b[A-Z]{2,} [A-Z]{2,} [A-Z]…` needs three capitalised words in a row.
///
/// Only the top level of the pattern is read: its elements (a literal, an escaped literal,
/// `\d`, `\s`, `\w` or a simple `[…]` class, each with its quantifier). The test is the
/// most selective run of consecutive required elements whose neighbours share no byte, so
/// a plain left-to-right scan decides it. A pattern with top-level `|` gets one run per
/// alternative, and a line passes when it passes any of them (none when an alternative
/// has no test).
struct RegexPrefilter: Sendable, Equatable {
    /// One run per top-level alternative; a line may match when it passes any.
    let runs: [Run]
    /// Whether a step of some run accepts a newline (see `Run.crossesLines`).
    let crossesLines: Bool
    /// Whether every run is ASCII-only (see `Run.asciiOnly`).
    let asciiOnly: Bool

    /// A prefilter passing a line when it passes one of `runs`.
    init(runs: [Run]) {
        self.runs = runs
        crossesLines = runs.contains { $0.crossesLines }
        asciiOnly = runs.allSatisfy(\.asciiOnly)
    }

    /// Whether `line` passes any alternative's run: a line that passes none cannot match.
    /// `nonASCII` says whether the line has a byte ≥ 0x80 (nil: not known yet); a caller
    /// testing several prefilters on one line finds it once.
    func mayMatch(_ line: UnsafeBufferPointer<UInt8>, nonASCII: Bool? = nil) -> Bool {
        var nonASCII = nonASCII
        for run in runs {
            if !run.asciiOnly {
                let na = nonASCII ?? line.contains(where: { $0 >= 0x80 })
                nonASCII = na
                // Non-ASCII text may match a step that is not ASCII-only, so the steps
                // need not stand as bytes in a row; every ASCII-only element must still
                // be somewhere in the line.
                if na {
                    if run.hasNeeds(line) { return true }
                    continue
                }
            }
            if run.hasSteps(line) { return true }
        }
        return false
    }

    /// The test for `pattern`, or nil when some alternative has none.
    static func make(_ pattern: String, caseSensitive: Bool) -> RegexPrefilter? {
        // Inline options such as `(?i)` may switch case sensitivity: fold case then.
        let caseSensitive = caseSensitive && !pattern.contains("(?")
        var runs: [Run] = []
        for alternative in topLevelAlternatives(Array(pattern.unicodeScalars)) {
            guard let run = Run.make(alternative, caseSensitive: caseSensitive) else { return nil }
            runs.append(run)
        }
        return RegexPrefilter(runs: runs)
    }

    /// `pattern` split at each `|` outside groups and classes (escapes kept).
    static func topLevelAlternatives(_ c: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = [[]]
        var depth = 0, inClass = false, i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "\\" {
                out[out.count - 1].append(ch)
                if i + 1 < c.count { out[out.count - 1].append(c[i + 1]) }
                i += 2
                continue
            }
            if inClass {
                if ch == "]" { inClass = false }
            } else if ch == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal.
                if i + 1 < c.count, c[i + 1] == "]" || (c[i + 1] == "^" && i + 2 < c.count && c[i + 2] == "]") {
                    out[out.count - 1].append(ch)
                    let skip = c[i + 1] == "]" ? 1 : 2
                    for k in 1...skip { out[out.count - 1].append(c[i + k]) }
                    i += skip + 1
                    continue
                }
            } else if ch == "(" {
                depth += 1
            } else if ch == ")" {
                depth = max(0, depth - 1)
            } else if ch == "|" && depth == 0 {
                out.append([])
                i += 1
                continue
            }
            out[out.count - 1].append(ch)
            i += 1
        }
        return out
    }
}

extension RegexPrefilter {
    /// The test for one alternative: a run of consecutive required elements.
    struct Run: Sendable, Equatable {
        /// One element: the bytes it accepts (ASCII only) and how many of them in a row.
        struct Step: Sendable, Equatable {
            var bytes: [Bool]
            var min: Int
            var max: Int
            /// Whether `\b` stands right before it in the pattern.
            var boundaryBefore = false
        }

        /// The elements, in order; neighbours share no byte.
        let steps: [Step]
        /// Whether every step accepts ASCII only (case-sensitive literals and classes). When
        /// not (`\w`, `\d`, `\s`, case-insensitive letters), a line with non-ASCII text is
        /// tested against `needs` instead, as the regex may match non-ASCII text there.
        let asciiOnly: Bool
        /// `steps` as bitmaps, read on every byte of every line.
        let masks: [Mask]
        /// The required elements of the whole alternative that match ASCII bytes only
        /// (literals and classes without letters, or with letters when case-sensitive;
        /// never `\d`, `\s`, `\w`): a line with non-ASCII text that lacks a byte of one of
        /// them cannot match (`hasNeeds`). Empty: such a line is always passed on.
        let needs: [Mask]

        /// A step's bytes as a 128-bit bitmap, with its counts.
        struct Mask: Sendable, Equatable {
            var set: ASCIISet
            var min: Int, max: Int
            /// The byte, when the step accepts exactly one.
            var single: UInt8?

            init(_ step: Step) {
                set = ASCIISet(step.bytes)
                min = step.min
                max = step.max
                single = set.single
            }

            /// Whether the step accepts byte `b`.
            @inline(__always)
            func has(_ b: UInt8) -> Bool { set.contains(b) }
        }

        /// Whether a match must start at a word boundary before a first step of ASCII word
        /// characters only (`\b_`), so a run of that step right after a word character
        /// (`first_name`) cannot start one.
        let boundaryBefore: Bool
        /// The first step's bytes as up to three ranges (`[A-Z]`, `[A-Za-z]`), so lines are
        /// searched for it eight bytes at a time (`nextFirst`); nil for a scattered set.
        let firstRanges: ByteRanges?
        /// Whether some step accepts a newline. When none does, the steps never run across a
        /// line break, so `firstSteps` over a whole text, from a line start, finds the first
        /// line for which `hasSteps` holds.
        let crossesLines: Bool

        init(steps: [Step], asciiOnly: Bool, needs: [Step] = []) {
            self.steps = steps
            self.asciiOnly = asciiOnly
            masks = steps.map(Mask.init)
            var unique: [Mask] = []
            for m in needs.map(Mask.init) where !unique.contains(where: { $0.set == m.set }) { unique.append(m) }
            self.needs = unique
            boundaryBefore = steps.first.map { first in
                first.boundaryBefore && (0..<128).allSatisfy { !first.bytes[$0] || ASCIISet.word.contains(UInt8($0)) }
            } ?? false
            firstRanges = steps.first.flatMap { ByteRanges($0.bytes) }
            crossesLines = masks.contains { $0.has(0x0A) }
        }

        /// The first index from `i` on whose byte the first step accepts, or `line.count`.
        @inline(__always)
        func nextFirst(_ line: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
            if let r = firstRanges {
                // A first step of two or more (`[A-Z]{2,}`): a lone byte of it cannot start a
                // match, so only pairs are looked for (most capitals stand alone).
                return masks[0].min >= 2 ? r.firstPairIndex(in: line, from: i) : r.firstIndex(in: line, from: i)
            }
            let first = masks[0]
            var i = i
            while i < line.count, !first.has(line[i]) { i += 1 }
            return i
        }

        /// The most selective run for one alternative `c` (no top-level `|`), or nil when
        /// there is none.
        static func make(_ c: [Unicode.Scalar], caseSensitive: Bool) -> Run? {
            var asciiOnly = caseSensitive
            var i = 0
            // Top-level elements; nil bytes for one that cannot be tested (a group, `.`, ...).
            var elements: [Step?] = []
            var needs: [Step] = []  // required elements that match ASCII bytes only
            func set(_ chars: [UInt8]) -> [Bool] {
                var s = [Bool](repeating: false, count: 128)
                for b in chars { s[Int(b)] = true }
                return s
            }
            let digits = set(Array("0123456789".utf8))
            let spaces = set([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D])
            let word = set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8))
            var depth = 0
            var boundaryPending = false  // a `\b` since the last element
            while i < c.count {
                var element: [Bool]?
                var elementASCII = true  // false for `\d`, `\s`, `\w`, which match non-ASCII too
                var zeroWidth = false
                let ch = c[i]
                switch ch {
                case "\\":
                    guard i + 1 < c.count else { return nil }
                    let e = c[i + 1]
                    i += 2
                    switch e {
                    case "b", "B", "A", "z", "Z", "G":
                        zeroWidth = true
                        if e == "b" { boundaryPending = true }
                    case "d": element = digits; asciiOnly = false; elementASCII = false
                    case "s": element = spaces; asciiOnly = false; elementASCII = false
                    case "w": element = word; asciiOnly = false; elementASCII = false
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
                var minimum = 1, maximum = 1
                var quantified = false
                if i < c.count {
                    switch c[i] {
                    case "?": minimum = 0; quantified = true; i += 1
                    case "*": minimum = 0; maximum = Int.max; quantified = true; i += 1
                    case "+": maximum = Int.max; quantified = true; i += 1
                    case "{":
                        var k = i + 1
                        var lo = "", hi = ""
                        while k < c.count, ("0"..."9").contains(c[k]) { lo.unicodeScalars.append(c[k]); k += 1 }
                        var comma = false
                        if k < c.count, c[k] == "," {
                            comma = true
                            k += 1
                            while k < c.count, ("0"..."9").contains(c[k]) { hi.unicodeScalars.append(c[k]); k += 1 }
                        }
                        if let m = Int(lo), k < c.count, c[k] == "}" {
                            minimum = m
                            maximum = comma ? (Int(hi) ?? Int.max) : m
                            quantified = true
                            i = k + 1
                        }
                    default: break
                    }
                    if quantified, i < c.count, c[i] == "?" || c[i] == "+" { i += 1 }
                }
                if zeroWidth { continue }
                if var e = element, minimum >= 1 {
                    // Without case sensitivity a letter may match a non-ASCII one (K and
                    // the Kelvin sign, s and the long s).
                    let hasLetter = (0x41...0x5A).contains { e[$0] || e[$0 | 0x20] }
                    if elementASCII, caseSensitive || !hasLetter {
                        needs.append(Step(bytes: e, min: 1, max: Int.max))
                    }
                    if !caseSensitive {
                        for b in 0x41...0x5A where e[b] || e[b | 0x20] {
                            e[b] = true
                            e[b | 0x20] = true
                        }
                    }
                    elements.append(Step(bytes: e, min: min(minimum, 64), max: maximum, boundaryBefore: boundaryPending))
                } else {
                    elements.append(nil)
                }
                boundaryPending = false
            }
            // Runs of testable elements whose neighbours share no byte; the most selective wins.
            var best: Run?
            var run: [Step] = []
            func finish() {
                guard !run.isEmpty else { return }
                let candidate = Run(steps: run, asciiOnly: asciiOnly, needs: needs)
                if best.map({ candidate.cost < $0.cost }) ?? true { best = candidate }
                run = []
            }
            for e in elements {
                guard let e else { finish(); continue }
                if let last = run.last, zip(last.bytes, e.bytes).contains(where: { $0 && $1 }) { finish() }
                run.append(e)
            }
            finish()
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

        /// Lower is more selective: the rough chance that a byte of English text is in each
        /// step's set, to the power of its run, multiplied (space and lowercase letters are
        /// everywhere, capitals and digits less so, other punctuation rare).
        var cost: Double {
            var total = 1.0
            for step in steps {
                var p = 0.0
                for b in 0..<128 where step.bytes[b] {
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
                total *= pow(min(p, 1), Double(step.min))
            }
            return total
        }

        /// Whether `line` has a byte of every element of `needs`, anywhere.
        func hasNeeds(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            for need in needs {
                if let b = need.single {
                    if ByteText.firstIndex(of: b, in: line, from: 0) == nil { return false }
                } else if !line.contains(where: { need.has($0) }) {
                    return false
                }
            }
            return true
        }

        /// Whether `line` has the steps one after another: a line without them cannot match.
        /// (Lines with non-ASCII text are the caller's: see `asciiOnly`.)
        func hasSteps(_ line: UnsafeBufferPointer<UInt8>) -> Bool { firstSteps(line, from: 0) != nil }


        /// Where the steps first stand one after another in `line` from `from` on (the start
        /// of the first step's run), or nil. `from` must not be inside a run of the first step.
        func firstSteps(_ line: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
            masks.withUnsafeBufferPointer { steps in
                let n = line.count
                let first = steps[0]
                var i = from
                while i < n {
                    guard first.has(line[i]) else {
                        // A first step of one byte (`*`, `_`) is found by memchr, one of a
                        // few byte ranges eight bytes at a time.
                        if let b = first.single {
                            guard let next = ByteText.firstIndex(of: b, in: line, from: i + 1) else { return nil }
                            i = next
                        } else {
                            i = nextFirst(line, from: i + 1)
                        }
                        continue
                    }
                    // A maximal run of the first step; the first element may take any suffix of it.
                    var j = i
                    while j < n, first.has(line[j]) { j += 1 }
                    // After a word character there is no boundary, nor anywhere inside the run
                    // (its bytes are word characters); a byte ≥ 0x80 may be a non-letter.
                    let bounded = !boundaryBefore || i == 0 || !ASCIISet.word.contains(line[i - 1])
                    if bounded, j - i >= first.min {
                        // The rest must follow exactly: each middle element takes its whole run
                        // (its neighbour shares no byte with it), the last at least its minimum.
                        var p = j
                        var ok = true
                        for t in 1..<steps.count {
                            let step = steps[t]
                            var q = p
                            while q < n, step.has(line[q]) { q += 1 }
                            let length = q - p
                            if length < step.min || (t < steps.count - 1 && length > step.max) {
                                ok = false
                                break
                            }
                            p = q
                        }
                        if ok { return i }
                    }
                    i = j
                }
                return nil
            }
        }
    }
}

/// A set of ASCII bytes made of at most three ranges of consecutive bytes, searched for
/// sixteen bytes at a time: a byte `x` is in `lo...hi` when `x &- lo`, unsigned, is at most
/// `hi - lo` (one subtraction and one comparison per range for all sixteen).
struct ByteRanges: Sendable, Equatable {
    /// The ranges, as given.
    private(set) var ranges: [ClosedRange<UInt8>] = []

    /// The ranges of `bytes` (indexed by ASCII byte; true: in the set), or nil when the set
    /// is empty or needs more than three ranges.
    init?(_ bytes: [Bool]) {
        var b = 0
        while b < min(bytes.count, 128) {
            guard bytes[b] else { b += 1; continue }
            var e = b
            while e + 1 < min(bytes.count, 128), bytes[e + 1] { e += 1 }
            ranges.append(UInt8(b)...UInt8(e))
            b = e + 1
        }
        guard !ranges.isEmpty, ranges.count <= 3 else { return nil }
    }

    /// The test on sixteen bytes at a time, its constants made once per search.
    private struct BlockTest {
        let count: Int
        let lo0: SIMD16<UInt8>, span0: SIMD16<UInt8>, lo1: SIMD16<UInt8>, span1: SIMD16<UInt8>, lo2: SIMD16<UInt8>, span2: SIMD16<UInt8>

        @inline(__always)
        init(_ ranges: [ClosedRange<UInt8>]) {
            count = ranges.count
            func constants(_ r: ClosedRange<UInt8>) -> (SIMD16<UInt8>, SIMD16<UInt8>) {
                (SIMD16(repeating: r.lowerBound), SIMD16(repeating: r.upperBound - r.lowerBound))
            }
            (lo0, span0) = constants(ranges[0])
            (lo1, span1) = count > 1 ? constants(ranges[1]) : (lo0, span0)
            (lo2, span2) = count > 2 ? constants(ranges[2]) : (lo0, span0)
        }

        /// Which of the sixteen bytes from `offset` are in the set.
        @inline(__always)
        func hits(_ raw: UnsafeRawPointer, _ offset: Int) -> SIMDMask<SIMD16<Int8>> {
            let v = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            var hit = (v &- lo0) .<= span0
            if count > 1 {
                hit .|= (v &- lo1) .<= span1
                hit .|= (v &- lo2) .<= span2
            }
            return hit
        }

        /// The index of the first true lane of `m`, which has one.
        @inline(__always)
        static func first(_ m: SIMDMask<SIMD16<Int8>>) -> Int {
            // The mask as bytes, read as two words (lane 0 lowest).
            let words = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: m), to: SIMD2<UInt64>.self)
            let lo = UInt64(littleEndian: words[0]), hi = UInt64(littleEndian: words[1])
            return lo != 0 ? lo.trailingZeroBitCount / 8 : 8 + hi.trailingZeroBitCount / 8
        }
    }

    /// The first index from `from` on whose byte is in the set, or `bytes.count`.
    func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int { firstRun(of: 1, in: bytes, from: from) }

    /// The first index from `from` on where two bytes in a row are in the set, or
    /// `bytes.count`.
    func firstPairIndex(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int { firstRun(of: 2, in: bytes, from: from) }

    /// Whether byte `b` is in the set.
    @inline(__always)
    private func contains(_ b: UInt8) -> Bool { ranges.contains { $0.contains(b) } }

    /// The first index from `from` on where `width` (1 or 2) bytes in a row are in the set,
    /// or `bytes.count`: sixteen positions at a time (for a pair, the test on the sixteen
    /// bytes and on the sixteen one byte further, the two masks ANDed), then byte by byte.
    @inline(__always)
    private func firstRun(of width: Int, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = bytes.count
        var i = max(0, from)
        if let base = bytes.baseAddress, i + 15 + width <= n {
            let raw = UnsafeRawPointer(base)
            let test = BlockTest(ranges)
            while i + 15 + width <= n {
                var hit = test.hits(raw, i)
                if width == 2 { hit .&= test.hits(raw, i + 1) }
                if any(hit) { return i + BlockTest.first(hit) }
                i += 16
            }
        }
        while i + width <= n {
            if contains(bytes[i]) && (width == 1 || contains(bytes[i + 1])) { return i }
            i += 1
        }
        return n
    }
}

/// Finds the next line of a text that may pass one of several prefilters, searching the
/// whole text rather than testing each line: for most text the regex pass then costs a few
/// memchr-like searches instead of a call per line and prefilter. A line it returns may
/// still fail them all (the caller tests it with `mayMatch`); a line it skips passes none.
///
/// What a line that may pass must hold: for some run, its steps one after another
/// (`firstSteps`); or, when some run is not ASCII-only, a byte ≥ 0x80 (such a line may pass
/// that run's `hasNeeds`). Made once per segment, so it keeps the prefilters as they are
/// (no copies) and one position per run.
struct RegexLineSearch {
    private let prefilters: [RegexPrefilter?]
    /// Per run (in prefilter order), then for the non-ASCII test: the offset where it next
    /// holds, from the last search on: `Int.max` when nowhere, -1 before the first search.
    /// (Inline, not an array: one is made per segment, and most segments are short.)
    private var next = SIMD8<Int>(repeating: -1)
    /// Whether every line is a candidate: a regex without a prefilter, one whose steps may
    /// cross a newline, or more runs than `next` holds.
    private let everyLine: Bool
    /// Whether some run is not ASCII-only.
    private let nonASCII: Bool

    init(_ prefilters: [RegexPrefilter?]) {
        var everyLine = false, nonASCII = false
        var runs = 0
        prefilters.withUnsafeBufferPointer { ps in
            for k in ps.indices {
                guard let crosses = ps[k]?.crossesLines else { everyLine = true; continue }
                if crosses { everyLine = true }
                if ps[k]?.asciiOnly == false { nonASCII = true }
                runs += ps[k]?.runs.count ?? 0
            }
        }
        self.prefilters = prefilters
        self.everyLine = everyLine || runs + 1 > next.scalarCount
        self.nonASCII = nonASCII
    }

    /// The next line (start and end, without its newline) at or after `cursor`, a line
    /// start, that may pass a prefilter, or nil when none does. Calls must come with
    /// `cursor` never decreasing.
    mutating func nextLine(_ text: UnsafeBufferPointer<UInt8>, from cursor: Int) -> Range<Int>? {
        let n = text.count
        guard cursor < n else { return nil }
        var pos = cursor
        if !everyLine {
            pos = Int.max
            var t = 0
            for prefilter in prefilters {
                // (Each is there: `everyLine` otherwise.)
                for run in prefilter!.runs {
                    if next[t] < cursor { next[t] = run.firstSteps(text, from: cursor) ?? Int.max }
                    pos = min(pos, next[t])
                    t += 1
                }
            }
            if nonASCII {
                if next[t] < cursor {
                    let k = ByteText.skipASCII(text, from: cursor)
                    next[t] = k < n ? k : Int.max
                }
                pos = min(pos, next[t])
            }
            guard pos < n else { return nil }
        }
        var start = pos
        while start > cursor, text[start - 1] != 0x0A { start -= 1 }
        let end = ByteText.firstIndex(of: 0x0A, in: text, from: pos) ?? n
        return start..<end
    }
}
