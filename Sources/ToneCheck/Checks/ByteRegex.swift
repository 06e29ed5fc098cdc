/// A linear-time matcher for the common part of ICU's regex syntax, run on lines of ASCII
/// text, where it finds exactly the matches `NSRegularExpression` finds (a differential
/// test holds it to that). A rule's regex then needs neither ICU, whose first compile alone
/// costs about 8M instructions (a fifth of a short draft's run), nor a `String` and an
/// `NSString` per line, and no pattern can make it backtrack.
///
/// It reads literals, `.`, classes (`[a-z_]`, `[^…]`, with `\d`, `\w`, `\s` inside),
/// groups (`(…)`, `(?:…)`), `|`, the quantifiers `?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}` and
/// their lazy forms, and `\b`, `\B`, `\d`, `\D`, `\w`, `\W`, `\s`, `\S`, escaped
/// punctuation and `\t`, `\n`, `\r`, `\f`. Anything else (anchors, look-around,
/// back-references, inline flags, `\p{…}`, a non-ASCII character, possessive quantifiers)
/// makes `compile` return nil, and the rule keeps using ICU. Lines with non-ASCII text go
/// to ICU too, unless the pattern reads ASCII only (`asciiOnly`) and the line's other
/// characters are inert or plain letters (`LineText`): "I’m STILL WAITING" and "*voilà*"
/// need no ICU.
///
/// Matching is a Pike VM: every thread advances one byte at a time, in priority order, so
/// the first match found is the one a backtracking engine would find, in time linear in
/// the line.
struct ByteRegex: Sendable, Equatable {
    enum Inst: Sendable, Equatable {
        /// One byte in the set, then the next instruction.
        case byte(ASCIISet)
        /// Both ways, the first preferred.
        case split(Int, Int)
        case jump(Int)
        /// `\b` (true) or `\B` (false).
        case boundary(Bool)
        case match
    }

    let program: [Inst]
    /// The bytes a match can start with, when every match reads at least one byte: where
    /// no thread is alive, the search skips to the next of them.
    let firstBytes: ASCIISet?
    /// Whether ICU, too, reads nothing but ASCII characters with every element of the
    /// pattern, and every match reads at least one: no `.`, no negated class, no `\d`, `\w`,
    /// `\s` or their negations (Unicode-wide in ICU), no letter folded outside a class (ICU
    /// folds a literal run in full: `ss` matches `ß`). A class's folded letters read two
    /// non-ASCII characters besides, `ſ` (an `s`) and the Kelvin sign (a `k`), which
    /// `LineText` leaves to ICU. Then a line whose non-ASCII characters are inert or plain
    /// letters gets ICU's matches from this matcher as well (`matches(in:text:vm:)`): no
    /// element reads those characters, and at a word boundary they count as ICU counts them.
    let asciiOnly: Bool
    /// A word byte (`0-9`, `_`, a letter) that no element reads: it stands in for each byte
    /// of a non-ASCII letter, which then counts as a word character at a boundary and is
    /// read by nothing. Nil when every word byte is read by some element.
    let wordStandIn: UInt8?

    /// The longest program made (counted repetition is written out): a longer one is left
    /// to ICU, so that a line costs at most its length times this many thread steps.
    static let maxProgram = 512
    /// Thread steps one line may take (about 10 ms), as ICU gets 10 ms of CPU: a pattern
    /// such as `[a-z]+x|[a-z]` starts over from every match and can take quadratic time.
    static let maxSteps = 4_000_000

    // MARK: - Compiling

    /// The matcher for `pattern`, or nil when the pattern uses what it does not read.
    static func compile(_ pattern: String, caseSensitive: Bool) -> ByteRegex? {
        var p = Parser(chars: Array(pattern.utf8), fold: !caseSensitive)
        guard p.chars.allSatisfy({ $0 < 0x80 }), let node = p.alternation(), p.i == p.chars.count else { return nil }
        var program: [Inst] = []
        program.reserveCapacity(maxProgram + 1)  // (written-out repetition grows it in many steps)
        guard emit(node, into: &program) else { return nil }
        program.append(.match)
        let first = firstBytes(of: program)
        var read = ASCIISet()
        for case .byte(let set) in program { read.formUnion(set) }
        let standIn = Array("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8).first { !read.contains($0) }
        return ByteRegex(program: program, firstBytes: first, asciiOnly: !p.unicodeWide && first != nil && !p.foldedLiteral, wordStandIn: standIn)
    }

    /// Non-ASCII characters no `asciiOnly` pattern reads and that ICU counts as non-word
    /// characters at a boundary (punctuation, symbols and the no-break space; none of them a
    /// letter, mark, digit, connector or format character): curly quotes and dashes, which
    /// email is full of. (A test checks each against ICU.)
    static let inertScalars: Set<UInt32> = [
        0x00A0, 0x00A3, 0x00AB, 0x00B0, 0x00BB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC,
    ]

    /// Whether `scalar` is a letter of Latin-1, Latin Extended-A and -B, IPA, Greek or
    /// Cyrillic that ICU counts as a word character at a boundary and never skips there
    /// (it is neither a mark nor a format character), and that no folded ASCII letter
    /// reads: every letter of those blocks but `ſ`, which folds to `s`. (A test checks each
    /// against ICU.)
    static func isPlainLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00AA, 0x00B5, 0x00BA, 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x017E, 0x0180...0x02AF: return true
        case 0x0386, 0x0388...0x038A, 0x038C, 0x038E...0x03A1, 0x03A3...0x03F5, 0x03F7...0x03FF: return true
        case 0x0400...0x0481, 0x048A...0x052F: return true
        default: return false
        }
    }

    /// What the non-ASCII characters of a line are to an `asciiOnly` pattern.
    enum LineText: Equatable {
        /// There are none.
        case ascii
        /// Each is one of `inertScalars`: read by no element, a non-word character at a boundary.
        case inert
        /// Each is inert or a plain letter (`isPlainLetter`), at least one a letter: read by
        /// no element, a word character at a boundary.
        case letters
        /// Some character is neither, or the UTF-8 is malformed: the line is ICU's.
        case other
    }

    /// The scalar of the well-formed two- or three-byte UTF-8 sequence at `k` (whose first
    /// byte is ≥ 0x80) and its length, or nil.
    @inline(__always)
    static func scalar(in line: UnsafeBufferPointer<UInt8>, at k: Int) -> (value: UInt32, length: Int)? {
        let b = line[k], n = line.count
        if b & 0xE0 == 0xC0, k + 1 < n, line[k + 1] & 0xC0 == 0x80 {
            let s = UInt32(b & 0x1F) << 6 | UInt32(line[k + 1] & 0x3F)
            return s < 0x80 ? nil : (s, 2)  // an overlong form is not well formed
        }
        if b & 0xF0 == 0xE0, k + 2 < n, line[k + 1] & 0xC0 == 0x80, line[k + 2] & 0xC0 == 0x80 {
            let s = UInt32(b & 0x0F) << 12 | UInt32(line[k + 1] & 0x3F) << 6 | UInt32(line[k + 2] & 0x3F)
            return s < 0x800 ? nil : (s, 3)
        }
        return nil
    }

    /// What the non-ASCII characters of `line` are (see `LineText`).
    static func lineText(_ line: UnsafeBufferPointer<UInt8>) -> LineText {
        var text = LineText.ascii
        var k = 0
        let n = line.count
        while k < n {
            if line[k] < 0x80 {
                k += 1
                continue
            }
            guard let (s, length) = scalar(in: line, at: k) else { return .other }
            if isPlainLetter(s) {
                text = .letters
            } else if inertScalars.contains(s) {
                if text == .ascii { text = .inert }
            } else {
                return .other
            }
            k += length
        }
        return text
    }

    /// ICU's non-empty matches in `line`, whose non-ASCII characters are `text`, as
    /// `matches(in:vm:maxSteps:)` finds them; nil when only ICU can find them (the line has
    /// non-ASCII text and the pattern does not read ASCII only, or the line holds other
    /// characters, or letters and the pattern has no `wordStandIn`).
    func matches(in line: UnsafeBufferPointer<UInt8>, text: LineText, vm: inout VM) -> (ranges: [Range<Int>], complete: Bool)? {
        switch text {
        case .ascii: return matches(in: line, vm: &vm)
        case .inert where asciiOnly: return matches(in: line, vm: &vm)
        case .letters where asciiOnly:
            guard let standIn = wordStandIn else { return nil }
            // Offsets stay: each byte of a letter becomes one stand-in byte.
            var stood = Array(line)
            var k = 0
            while k < stood.count {
                guard stood[k] >= 0x80, let (s, length) = ByteRegex.scalar(in: line, at: k) else {
                    k += 1
                    continue
                }
                if ByteRegex.isPlainLetter(s) { for j in k..<(k + length) { stood[j] = standIn } }
                k += length
            }
            return stood.withUnsafeBufferPointer { matches(in: $0, vm: &vm) }
        default: return nil
        }
    }

    /// The union of the byte sets reachable from the start without reading a byte (every
    /// assertion taken as passing), or nil when the start reaches `match`.
    static func firstBytes(of program: [Inst]) -> ASCIISet? {
        var set = ASCIISet()
        var seen = [Bool](repeating: false, count: program.count)
        var stack = [0]
        while let p = stack.popLast() {
            if seen[p] { continue }
            seen[p] = true
            switch program[p] {
            case .byte(let s): set.formUnion(s)
            case .match: return nil
            case .jump(let t): stack.append(t)
            case .split(let a, let b): stack += [a, b]
            case .boundary: stack.append(p + 1)
            }
        }
        return set
    }

    /// The pattern as a tree.
    indirect enum Node {
        case set(ASCIISet)
        case boundary(Bool)
        case concat([Node])
        case alternation([Node])
        case repeating(Node, min: Int, max: Int?, lazy: Bool)
    }

    struct Parser {
        let chars: [UInt8]
        let fold: Bool
        var i = 0
        /// Whether an element matches non-ASCII characters in ICU (see `asciiOnly`).
        var unicodeWide = false
        /// Whether a letter outside a class is folded (see `asciiOnly`).
        var foldedLiteral = false

        init(chars: [UInt8], fold: Bool) {
            self.chars = chars
            self.fold = fold
        }

        func peek(_ k: Int = 0) -> UInt8? { i + k < chars.count ? chars[i + k] : nil }

        mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let c = concatenation() else { return nil }
                branches.append(c)
                if peek() == UInt8(ascii: "|") { i += 1 } else { break }
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func concatenation() -> Node? {
            var items: [Node] = []
            while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                guard var atom = atom() else { return nil }
                if let q = quantifier() {
                    if case .boundary = atom { return nil }  // a quantified assertion: leave it to ICU
                    atom = .repeating(atom, min: q.min, max: q.max, lazy: q.lazy)
                }
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .concat(items)
        }

        mutating func quantifier() -> (min: Int, max: Int?, lazy: Bool)? {
            guard let c = peek() else { return nil }
            var q: (min: Int, max: Int?)
            switch c {
            case UInt8(ascii: "?"): q = (0, 1); i += 1
            case UInt8(ascii: "*"): q = (0, nil); i += 1
            case UInt8(ascii: "+"): q = (1, nil); i += 1
            case UInt8(ascii: "{"):
                var k = i + 1
                func number() -> Int? {
                    let start = k
                    while k < chars.count, chars[k] >= 0x30, chars[k] <= 0x39, k - start < 4 { k += 1 }
                    return k > start ? Int(String(decoding: chars[start..<k], as: UTF8.self)) : nil
                }
                guard let lo = number() else { return nil }
                var hi: Int? = lo
                if k < chars.count, chars[k] == UInt8(ascii: ",") {
                    k += 1
                    hi = number()
                }
                guard k < chars.count, chars[k] == UInt8(ascii: "}"), hi.map({ $0 >= lo }) ?? true else { return nil }
                i = k + 1
                q = (lo, hi)
            default: return nil
            }
            var lazy = false
            if peek() == UInt8(ascii: "?") {
                lazy = true
                i += 1
            }
            return (q.min, q.max, lazy)
        }

        /// One element, or nil when it is not read (which ends the parse).
        mutating func atom() -> Node? {
            guard let c = peek() else { return nil }
            switch c {
            case UInt8(ascii: "("):
                i += 1
                if peek() == UInt8(ascii: "?") {
                    guard peek(1) == UInt8(ascii: ":") else { return nil }
                    i += 2
                }
                guard let inner = alternation(), peek() == UInt8(ascii: ")") else { return nil }
                i += 1
                return inner
            case UInt8(ascii: "["):
                return charClass()
            case UInt8(ascii: "."):
                i += 1
                unicodeWide = true
                return .set(ASCIISet.dot)
            case UInt8(ascii: "\\"):
                guard let e = peek(1) else { return nil }
                i += 2
                switch e {
                case UInt8(ascii: "b"): return .boundary(true)
                case UInt8(ascii: "B"): return .boundary(false)
                default:
                    guard let s = escapeSet(e) else { return nil }
                    return .set(s)
                }
            case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                return nil
            default:
                guard c >= 0x20, c < 0x7F else { return nil }
                i += 1
                if fold, (c | 0x20) >= 0x61, (c | 0x20) <= 0x7A { foldedLiteral = true }
                return .set(literal(c))
            }
        }

        func literal(_ c: UInt8) -> ASCIISet {
            var s = ASCIISet()
            s.insert(c)
            return fold ? s.caseClosed : s
        }

        /// The set of an escape inside or outside a class (`e` the byte after `\`).
        mutating func escapeSet(_ e: UInt8) -> ASCIISet? {
            if "dDwWsS".utf8.contains(e) { unicodeWide = true }
            switch e {
            case UInt8(ascii: "d"): return ASCIISet.digits
            case UInt8(ascii: "D"): return ASCIISet.digits.inverted
            case UInt8(ascii: "w"): return ASCIISet.word
            case UInt8(ascii: "W"): return ASCIISet.word.inverted
            case UInt8(ascii: "s"): return ASCIISet.space
            case UInt8(ascii: "S"): return ASCIISet.space.inverted
            case UInt8(ascii: "t"): return literal(0x09)
            case UInt8(ascii: "n"): return literal(0x0A)
            case UInt8(ascii: "r"): return literal(0x0D)
            case UInt8(ascii: "f"): return literal(0x0C)
            default:
                // Escaped punctuation stands for itself; escaped letters and digits mean
                // something else (`\p`, `\1`, `\x`, `\Q`, ...), left to ICU.
                let isAlnum = (e >= 0x30 && e <= 0x39) || (e | 0x20 >= 0x61 && e | 0x20 <= 0x7A)
                guard !isAlnum, e >= 0x20, e < 0x7F else { return nil }
                return literal(e)
            }
        }

        mutating func charClass() -> Node? {
            i += 1  // "["
            var negated = false
            if peek() == UInt8(ascii: "^") {
                negated = true
                i += 1
            }
            var set = ASCIISet()
            var first = true
            while true {
                guard let c = peek() else { return nil }
                if c == UInt8(ascii: "]") && !first { break }
                let atStart = first
                first = false
                // Nested sets, set operations, strings, variables and POSIX classes are ICU's
                // own set syntax (in `[a&-b]` the `&` even keeps `-` from making a range):
                // left to ICU, as is a `-` that neither ends the class nor makes a range.
                if c == UInt8(ascii: "[") || c == UInt8(ascii: "&") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
                    || c == UInt8(ascii: "$") || c == UInt8(ascii: ":") || c == UInt8(ascii: "^")
                {
                    return nil
                }
                if c == UInt8(ascii: "-"), !atStart, peek(1) != UInt8(ascii: "]") { return nil }
                var lo: UInt8
                if c == UInt8(ascii: "\\") {
                    guard let e = peek(1) else { return nil }
                    i += 2
                    guard let s = escapeSet(e) else { return nil }
                    guard let one = s.single else {
                        // A class escape (`\d`) or a folded letter cannot bound a range.
                        if peek() == UInt8(ascii: "-") && peek(1) != UInt8(ascii: "]") { return nil }
                        set.formUnion(s)
                        continue
                    }
                    lo = one
                } else {
                    guard c >= 0x20, c < 0x7F else { return nil }
                    lo = c
                    i += 1
                }
                if peek() == UInt8(ascii: "-"), let hi = peek(1), hi != UInt8(ascii: "]") {
                    // Ranges within digits, capitals or small letters only (`0-9`, `A-Z`, `a-f`).
                    func kind(_ b: UInt8) -> Int? { b >= 0x30 && b <= 0x39 ? 0 : b >= 0x41 && b <= 0x5A ? 1 : b >= 0x61 && b <= 0x7A ? 2 : nil }
                    guard let k = kind(lo), kind(hi) == k, hi >= lo else { return nil }
                    i += 2
                    set.insert(lo...hi)
                } else {
                    set.insert(lo)
                }
            }
            i += 1  // "]"
            // ICU folds case before negating: `[^a]` matches neither `a` nor `A`.
            if fold { set = set.caseClosed }
            if negated { unicodeWide = true }
            return .set(negated ? set.inverted : set)
        }
    }

    /// Appends the instructions of `node`; false when the program grows too long.
    static func emit(_ node: Node, into p: inout [Inst]) -> Bool {
        guard p.count < maxProgram else { return false }
        switch node {
        case .set(let s):
            p.append(.byte(s))
        case .boundary(let b):
            p.append(.boundary(b))
        case .concat(let items):
            for item in items { guard emit(item, into: &p) else { return false } }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; ... the last branch falls through.
            var jumps: [Int] = []
            for (k, b) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = p.count
                    p.append(.split(split + 1, -1))
                    guard emit(b, into: &p) else { return false }
                    jumps.append(p.count)
                    p.append(.jump(-1))
                    p[split] = .split(split + 1, p.count)
                } else {
                    guard emit(b, into: &p) else { return false }
                }
            }
            for j in jumps { p[j] = .jump(p.count) }
        case .repeating(let inner, let min, let max, let lazy):
            // A repeated part that can match nothing: backtracking engines stop such a
            // loop in ways of their own, so it is left to ICU.
            if canBeEmpty(inner), max.map({ $0 > 1 }) ?? true { return false }
            for _ in 0..<min { guard emit(inner, into: &p) else { return false } }
            if let max {
                // Each optional copy: split(copy, end); the ends are patched at the close.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(p.count)
                    p.append(.split(-1, -1))
                    guard emit(inner, into: &p) else { return false }
                }
                for s in splits { p[s] = lazy ? .split(p.count, s + 1) : .split(s + 1, p.count) }
            } else {
                // L: split(body, end); body; jump L
                let loop = p.count
                p.append(.split(-1, -1))
                guard emit(inner, into: &p) else { return false }
                p.append(.jump(loop))
                p[loop] = lazy ? .split(p.count, loop + 1) : .split(loop + 1, p.count)
            }
        }
        return p.count <= maxProgram
    }

    /// Whether `node` can match the empty string.
    static func canBeEmpty(_ node: Node) -> Bool {
        switch node {
        case .set: return false
        case .boundary: return true
        case .concat(let items): return items.allSatisfy(canBeEmpty)
        case .alternation(let branches): return branches.contains(where: canBeEmpty)
        case .repeating(let inner, let min, _, _): return min == 0 || canBeEmpty(inner)
        }
    }

    // MARK: - Matching

    /// The non-empty matches in `line` (ASCII, or inert characters and an `asciiOnly`
    /// pattern), left to right and not overlapping, as
    /// `NSRegularExpression.enumerateMatches` finds them; `complete` is false when the line
    /// took more than `maxSteps` and the search stopped (the matches found so far are kept).
    func matches(in line: UnsafeBufferPointer<UInt8>, maxSteps: Int = ByteRegex.maxSteps) -> (ranges: [Range<Int>], complete: Bool) {
        var vm = VM()
        return matches(in: line, vm: &vm, maxSteps: maxSteps)
    }

    /// `matches(in:maxSteps:)` with working lists kept from line to line.
    func matches(in line: UnsafeBufferPointer<UInt8>, vm: inout VM, maxSteps: Int = ByteRegex.maxSteps) -> (ranges: [Range<Int>], complete: Bool) {
        var out: [Range<Int>] = []
        vm.prepare(count: program.count)
        vm.budget = maxSteps
        var from = 0
        while from <= line.count, let m = firstMatch(in: line, from: from, vm: &vm) {
            if m.isEmpty {
                from = m.upperBound + 1
            } else {
                out.append(m)
                from = m.upperBound
            }
        }
        return (out, vm.budget > 0)
    }

    /// Working lists of the VM, sized to the program once per line.
    struct VM {
        var current: [(pc: Int32, start: Int32)] = []
        var next: [(pc: Int32, start: Int32)] = []
        /// Per instruction, the last step that added it (each instruction once per step).
        var seen: [Int32] = []
        var stack: [Int32] = []
        var step: Int32 = 0
        /// Thread steps left for the line.
        var budget = 0

        /// Ready for a program of `count` instructions.
        mutating func prepare(count: Int) {
            if seen.count < count {
                seen = [Int32](repeating: -1, count: count)
                current.reserveCapacity(count)
                next.reserveCapacity(count)
            }
            // Steps only grow, so marks left by an earlier line or program never match.
            if step > Int32.max / 2 {
                step = 0
                for k in seen.indices { seen[k] = -1 }
            }
        }
    }

    /// Whether there is a word boundary before byte `k` of `line`.
    @inline(__always)
    static func isBoundary(_ line: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let before = k > 0 && ASCIISet.word.contains(line[k - 1])
        let after = k < line.count && ASCIISet.word.contains(line[k])
        return before != after
    }

    /// Adds the thread at `pc` (started at `start`) and what it reaches without reading a
    /// byte, in priority order, to `list`, at position `k`; an instruction already added at
    /// this `step` keeps its earlier, better claim.
    @inline(__always)
    func add(
        _ pc: Int32, start: Int32, at k: Int, to list: inout [(pc: Int32, start: Int32)], seen: inout [Int32], stack: inout [Int32], step: Int32,
        line: UnsafeBufferPointer<UInt8>
    ) {
        stack.removeAll(keepingCapacity: true)
        stack.append(pc)
        while let top = stack.popLast() {
            let p = Int(top)
            if seen[p] == step { continue }
            seen[p] = step
            switch program[p] {
            case .byte, .match:
                list.append((top, start))
            case .jump(let t):
                stack.append(Int32(t))
            case .split(let a, let b):
                // The preferred way is explored first: pushed last.
                stack.append(Int32(b))
                stack.append(Int32(a))
            case .boundary(let want):
                if ByteRegex.isBoundary(line, k) == want { stack.append(top + 1) }
            }
        }
    }

    /// The leftmost-first match starting at or after `from`, if any.
    func firstMatch(in line: UnsafeBufferPointer<UInt8>, from: Int, vm: inout VM) -> Range<Int>? {
        let n = line.count
        var found: Range<Int>?
        // The VM's arrays as locals, each uniquely held while it works.
        var current: [(pc: Int32, start: Int32)] = [], next: [(pc: Int32, start: Int32)] = []
        var seen: [Int32] = [], stack: [Int32] = []
        swap(&current, &vm.current)
        swap(&next, &vm.next)
        swap(&seen, &vm.seen)
        swap(&stack, &vm.stack)
        var step = vm.step + 1
        current.removeAll(keepingCapacity: true)
        var k = from
        if let first = firstBytes { while k < n, !first.contains(line[k]) { k += 1 } }
        if k < n || firstBytes == nil { add(0, start: Int32(k), at: k, to: &current, seen: &seen, stack: &stack, step: step, line: line) }
        // Until no thread is left and either a match was found or the line has ended (with
        // no thread left, a new attempt still starts at each next position).
        while !current.isEmpty || (found == nil && k < n) {
            vm.budget -= current.count + 1
            if vm.budget <= 0 {
                found = nil
                break
            }
            step += 1
            next.removeAll(keepingCapacity: true)
            for t in current {
                if case .byte(let set) = program[Int(t.pc)] {
                    if k < n, set.contains(line[k]) { add(t.pc + 1, start: t.start, at: k + 1, to: &next, seen: &seen, stack: &stack, step: step, line: line) }
                } else if case .match = program[Int(t.pc)] {
                    // The threads after this one have lower priority: dropped.
                    found = Int(t.start)..<k
                    break
                }
            }
            if k >= n { break }
            k += 1
            // A new attempt here, after every earlier one, until a match is found; with no
            // thread alive, at the next byte a match can start with.
            if found == nil {
                if next.isEmpty, let first = firstBytes {
                    let before = k
                    while k < n, !first.contains(line[k]) { k += 1 }
                    if k >= n { break }
                    // A new position: marks left by threads that died at the old one (an
                    // assertion failed there) must not stop this attempt (found by fuzzing:
                    // `(ab||b)\bb` on "nbH  b").
                    if k != before { step += 1 }
                }
                add(0, start: Int32(k), at: k, to: &next, seen: &seen, stack: &stack, step: step, line: line)
            }
            swap(&current, &next)
        }
        vm.step = step
        swap(&current, &vm.current)
        swap(&next, &vm.next)
        swap(&seen, &vm.seen)
        swap(&stack, &vm.stack)
        return found
    }
}
