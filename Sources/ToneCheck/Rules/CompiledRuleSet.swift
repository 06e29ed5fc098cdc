import Foundation

/// A rule set compiled ahead of time into bytes, so a run can load the built-in rules
/// without parsing JSON5 or building the trie (`Scripts/precompile-rules` writes
/// `PrecompiledRules.swift` from `Rules/`; a test checks it is up to date, and a run whose
/// embedded rule files differ from what the bytes were made from compiles them instead).
///
/// The format is private to one build of tonecheck: a magic number and version, the
/// rules, scoring, demand word lists and the trie, in little-endian varints.
enum CompiledRuleSet {
    static let magic: UInt64 = 0x5443_5255_4C45_5331  // "TCRULES1"
    static let version: UInt64 = 3

    struct Failure: Error { var message: String }

    /// A fingerprint (FNV-1a, 64 bits) of rule files' names and texts.
    static func fingerprint(_ files: [(name: String, text: String)]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in files {
            for b in f.name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
            for b in f.text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFE) &* 0x100_0000_01b3
        }
        return h
    }

    // MARK: - Writing

    static func encode(_ rs: RuleSet) -> [UInt8] {
        var w = BinaryWriter()
        w.uint(magic)
        w.uint(version)
        w.uint(UInt64(rs.rules.count))
        for r in rs.rules { write(r, &w) }
        write(rs.scoring, &w)
        let lists = rs.demandLists.keys.sorted()
        w.uint(UInt64(lists.count))
        for k in lists {
            w.string(k)
            w.strings(rs.demandLists[k]!)
        }
        rs.vocabulary.write(&w)
        let t = rs.trie
        w.uint(UInt64(t.count))
        w.uint(UInt64(t.childKey.count))
        // Per node (numbered parents first): how many word children and whether a wildcard
        // child follows them, the word keys, ascending, as differences, then each child as
        // its distance past this node.
        for n in 0..<t.count {
            let lo = Int(t.childStart[n]), hi = Int(t.childStart[n + 1])
            let wildcard = t.any[n] >= 0
            let keyed = hi - lo - (wildcard ? 1 : 0)
            w.uint(UInt64(keyed) << 1 | (wildcard ? 1 : 0))
            var previous: UInt32 = 0
            for k in lo..<(lo + keyed) {
                w.uint(UInt64(t.childKey[k] - previous))
                previous = t.childKey[k]
            }
            for k in lo..<hi { w.uint(UInt64(t.childNode[k] - Int32(n) - 1)) }
        }
        for k in 0..<t.count { w.uint(UInt64(t.acceptStart[k + 1] - t.acceptStart[k])) }
        for a in t.accepts {
            w.int(Int(a.rule))
            w.int(Int(a.variant))
            w.uint(UInt64(a.role.rawValue))
        }
        return w.bytes
    }

    static func write(_ r: Rule, _ w: inout BinaryWriter) {
        w.string(r.id)
        w.string(r.category.rawValue)
        w.string(r.severity.rawValue)
        w.string(r.kind.rawValue)
        w.string(r.message)
        w.string(r.why)
        w.strings(r.suggest)
        w.double(r.weight)
        w.strings(r.scope.map(\.rawValue).sorted())
        w.bool(r.inflect)
        w.strings(r.phrases)
        w.strings(r.patterns)
        let keys = r.swap.keys.sorted()
        w.strings(keys)
        w.strings(keys.map { r.swap[$0]! })
        w.bool(r.fix)
        w.strings(r.starts)
        w.strings(r.unless)
        w.optionalString(r.metric)
        w.bool(r.threshold != nil)
        w.double(r.threshold ?? 0)
        w.bool(r.min != nil)
        w.int(r.min ?? 0)
        w.strings(r.of)
        w.strings(r.acronyms)
        w.optionalString(r.regex)
        w.bool(r.caseSensitive)
        w.bool(r.question)
        w.string(r.negation.rawValue)
        w.optionalString(r.check)
        w.strings(r.examples.trigger)
        w.strings(r.examples.clean)
        w.optionalString(r.source?.path)
        w.bool(r.source?.line != nil)
        w.int(r.source?.line ?? 0)
    }

    static func write(_ s: ScoringParameters, _ w: inout BinaryWriter) {
        w.double(s.bias)
        w.double(s.pointsPerLogit)
        w.double(s.lengthReference)
        let keys = s.dilution.keys.sorted()
        w.strings(keys)
        for k in keys { w.double(s.dilution[k]!) }
        w.double(s.repeatDecay)
        w.double(s.creditCap)
        w.double(s.creditOffset)
        w.uint(UInt64(s.labels.count))
        for l in s.labels {
            w.string(l.name)
            w.double(l.min)
        }
    }

    // MARK: - Reading

    static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// `base64Table` spread over four tables, one per position in a group of four
    /// characters, each value already shifted into place in the group's 24 bits; a
    /// character that is not base64 sets bit 31 (so one test covers the group).
    static let base64Shifted: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 1024)
        for c in 0..<256 {
            let v = base64Table[c]
            for k in 0..<4 { t[k * 256 + c] = v == 0xFF ? 0x8000_0000 : UInt32(v) << UInt32(18 - 6 * k) }
        }
        return t
    }()

    /// The bytes of base64 text (line breaks and padding ignored), or nil when it is not base64.
    static func base64Decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { src -> [UInt8]? in
            base64Table.withUnsafeBufferPointer { table -> [UInt8]? in
                base64Shifted.withUnsafeBufferPointer { shifted -> [UInt8]? in
                    let n = src.count
                    var ok = true
                    let out = [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 3) { dst, written in
                        var i = 0, o = 0
                        // Whole groups of four: one lookup per character, one test per group,
                        // three bytes out.
                        while i + 4 <= n {
                            let x = shifted[Int(src[i])] | shifted[256 + Int(src[i + 1])] | shifted[512 + Int(src[i + 2])] | shifted[768 + Int(src[i + 3])]
                            if x & 0x8000_0000 != 0 {
                                if src[i] == 0x0A || src[i] == 0x0D {
                                    i += 1
                                    continue
                                }
                                break  // padding, a line break inside, or not base64
                            }
                            dst[o] = UInt8(truncatingIfNeeded: x >> 16)
                            dst[o + 1] = UInt8(truncatingIfNeeded: x >> 8)
                            dst[o + 2] = UInt8(truncatingIfNeeded: x)
                            o += 3
                            i += 4
                        }
                        // The rest, a character at a time.
                        var acc: UInt32 = 0
                        var bits: UInt32 = 0
                        while i < n {
                            let ch = src[i]
                            i += 1
                            let v = table[Int(ch)]
                            if v == 0xFF {
                                if ch == 0x0A || ch == 0x0D || ch == 0x3D { continue }
                                ok = false
                                break
                            }
                            acc = acc << 6 | UInt32(v)
                            bits += 6
                            if bits >= 8 {
                                bits -= 8
                                dst[o] = UInt8(truncatingIfNeeded: acc >> bits)
                                o += 1
                            }
                        }
                        written = o
                    }
                    return ok ? out : nil
                }
            }
        }
    }

    static func decode(_ bytes: [UInt8]) throws -> RuleSet {
        var r = BinaryReader(bytes)
        guard try r.uint() == magic, try r.uint() == version else { throw Failure(message: "not a compiled rule set of this version") }
        var rules: [Rule] = []
        let n = try r.count()
        rules.reserveCapacity(n)
        for _ in 0..<n { rules.append(try readRule(&r)) }
        let scoring = try readScoring(&r)
        var lists: [String: [String]] = [:]
        for _ in 0..<(try r.count()) { lists[try r.string()] = try r.strings() }
        let vocabulary = try FlatHashMap(reading: &r)
        let nodeCount = try r.count()
        let edgeCount = try r.count()
        guard nodeCount > 0 else { throw Failure(message: "no trie root") }
        // Word keys come from the vocabulary: an exact form's is odd, its group's even, both
        // below twice the number of forms.
        let maxKey = UInt64(2 * vocabulary.count + 1)
        // Per rule, how many substitution variants an accept may name (-1: not a substitution).
        let variants = rules.map { $0.kind == .substitution ? $0.swap.count : -1 }
        // Read with a raw cursor straight into buffers sized up front (no append, no
        // uniqueness check per element), checks recorded as they go: every child comes after
        // its parent (so there is no cycle), and the paths from the root, which a walk
        // follows one by one, are not unreasonably many.
        var any: [Int32] = []
        var childStart: [Int32] = []
        var childKey: [UInt32] = []
        var childNode: [Int32] = []
        var acceptStart: [Int32] = []
        var accepts: [RuleSet.Accept] = []
        let problem: String? = try r.withCursor { c in
            var problem: String?
            any = [Int32](unsafeUninitializedCapacity: nodeCount) { anyOut, anyCount in
                childStart = [Int32](unsafeUninitializedCapacity: nodeCount + 1) { startOut, startCount in
                    childKey = [UInt32](unsafeUninitializedCapacity: edgeCount) { keyOut, keyCount in
                        childNode = [Int32](unsafeUninitializedCapacity: edgeCount) { nodeOut, childCount in
                            startOut[0] = 0
                            startCount = 1
                            var keys = 0
                            for node in 0..<nodeCount {
                                let head = c.uint()
                                let keyed = head >> 1
                                let wildcard = head & 1 == 1
                                let all = Int(min(keyed, UInt64(edgeCount))) + (wildcard ? 1 : 0)
                                guard keyed + (wildcard ? 1 : 0) <= UInt64(edgeCount - keys) else { problem = "bad trie node"; break }
                                var previous: UInt64 = 0
                                for j in 0..<Int(keyed) {
                                    let d = c.uint()
                                    guard j == 0 || d > 0 else { problem = "bad trie edge"; break }
                                    previous += d
                                    guard previous <= maxKey else { problem = "bad trie edge"; break }
                                    keyOut[keys + j] = UInt32(previous)
                                }
                                if problem != nil { break }
                                if wildcard { keyOut[keys + all - 1] = RuleSet.Trie.wildcardKey }
                                for j in 0..<all {
                                    let d = c.uint()
                                    guard d < UInt64(nodeCount - node - 1) else { problem = "bad trie child"; break }
                                    nodeOut[keys + j] = Int32(node + 1 + Int(d))
                                }
                                if problem != nil { break }
                                keys += all
                                anyOut[node] = wildcard ? nodeOut[keys - 1] : -1
                                startOut[node + 1] = Int32(keys)
                                anyCount = node + 1
                                startCount = node + 2
                            }
                            keyCount = keys
                            childCount = keys
                            if problem == nil, keys != edgeCount { problem = "bad trie node" }
                        }
                    }
                }
            }
            if let problem { return problem }
            var total = 0
            acceptStart = [Int32](unsafeUninitializedCapacity: nodeCount + 1) { out, count in
                out[0] = 0
                for k in 0..<nodeCount {
                    total += Int(min(c.uint(), UInt64(c.remaining)))
                    out[k + 1] = Int32(truncatingIfNeeded: total)
                }
                count = nodeCount + 1
            }
            guard total <= c.remaining else { return "bad trie accepts" }
            accepts = [RuleSet.Accept](unsafeUninitializedCapacity: total) { out, count in
                for k in 0..<total {
                    let rule = c.int(), variant = c.int()
                    guard let role = RuleSet.Accept.Role(rawValue: UInt8(truncatingIfNeeded: c.uint())), rule >= 0, rule < rules.count else {
                        problem = "bad trie accept"
                        break
                    }
                    if variants[rule] >= 0, variant < 0 || variant >= variants[rule] {
                        problem = "bad substitution variant"
                        break
                    }
                    out[k] = .init(rule: Int32(rule), variant: Int32(variant), role: role)
                    count = k + 1
                }
            }
            return problem
        }
        if let problem { throw Failure(message: problem) }
        guard r.atEnd else { throw Failure(message: "trailing bytes") }
        // Paths from the root, counted parents first: a walk follows each one, so there are
        // no more than a tree of `Trie.maxPaths` nodes would have.
        var paths = [Int](repeating: 0, count: nodeCount)
        paths[0] = 1
        var pathCount = 0
        for node in 0..<nodeCount {
            pathCount += paths[node]
            guard pathCount <= RuleSet.Trie.maxPaths else { throw Failure(message: "too many trie paths") }
            for k in Int(childStart[node])..<Int(childStart[node + 1]) {
                paths[Int(childNode[k])] = min(paths[Int(childNode[k])] + paths[node], RuleSet.Trie.maxPaths + 1)
            }
        }
        var trie = RuleSet.Trie()
        trie.any = any
        trie.childStart = childStart
        trie.childKey = childKey
        trie.childNode = childNode
        trie.acceptStart = acceptStart
        trie.accepts = accepts
        trie.makeRootIndex()
        return try RuleSet(rules: rules, scoring: scoring, demandLists: lists, vocabulary: vocabulary, trie: trie, compileRegexes: false)
    }

    static func readRule(_ r: inout BinaryReader) throws -> Rule {
        func e<T: RawRepresentable>(_ t: T.Type) throws -> T where T.RawValue == String {
            let s = try r.string()
            guard let v = T(rawValue: s) else { throw Failure(message: "unknown value '\(s)'") }
            return v
        }
        let id = try r.string()
        let category = try e(Category.self)
        let severity = try e(Severity.self)
        let kind = try e(RuleKind.self)
        let message = try r.string(), why = try r.string()
        let suggest = try r.strings()
        let weight = try r.double()
        let scope = Set(try r.strings().map { s -> SegmentRole in
            guard let role = SegmentRole(rawValue: s) else { throw Failure(message: "unknown role '\(s)'") }
            return role
        })
        let inflect = try r.bool()
        let phrases = try r.strings(), patterns = try r.strings()
        let keys = try r.strings(), values = try r.strings()
        guard keys.count == values.count else { throw Failure(message: "bad swap") }
        let fix = try r.bool()
        let starts = try r.strings(), unless = try r.strings()
        let metric = try r.optionalString()
        let hasThreshold = try r.bool()
        let threshold = try r.double()
        let hasMin = try r.bool()
        let min = try r.int()
        let of = try r.strings(), acronyms = try r.strings()
        let regex = try r.optionalString()
        let caseSensitive = try r.bool(), question = try r.bool()
        let negation = try e(Rule.Negation.self)
        let check = try r.optionalString()
        let examples = Rule.Examples(trigger: try r.strings(), clean: try r.strings())
        let sourcePath = try r.optionalString()
        let hasLine = try r.bool()
        let line = try r.int()
        var rule = Rule(
            id: id, category: category, severity: severity, kind: kind, message: message, why: why, suggest: suggest, weight: weight,
            scope: scope, inflect: inflect, phrases: phrases, patterns: patterns, swap: Dictionary(uniqueKeysWithValues: zip(keys, values)),
            fix: fix, starts: starts, unless: unless, metric: metric, threshold: hasThreshold ? threshold : nil, min: hasMin ? min : nil,
            of: of, acronyms: acronyms, regex: regex, caseSensitive: caseSensitive, question: question, negation: negation,
            examples: examples, source: sourcePath.map { RuleSource(path: $0, line: hasLine ? line : nil) })
        rule.check = check
        return rule
    }

    static func readScoring(_ r: inout BinaryReader) throws -> ScoringParameters {
        var s = ScoringParameters()
        s.bias = try r.double()
        s.pointsPerLogit = try r.double()
        s.lengthReference = try r.double()
        let keys = try r.strings()
        s.dilution = [:]
        for k in keys { s.dilution[k] = try r.double() }
        s.repeatDecay = try r.double()
        s.creditCap = try r.double()
        s.creditOffset = try r.double()
        s.labels = []
        for _ in 0..<(try r.count()) { s.labels.append(.init(name: try r.string(), min: try r.double())) }
        return s
    }
}

/// Little-endian varints, doubles and length-prefixed UTF-8 strings.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func double(_ v: Double) {
        let b = v.bitPattern
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: b >> (8 * UInt64(k)))) }
    }
    mutating func string(_ s: String) {
        uint(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
    mutating func strings(_ a: [String]) {
        uint(UInt64(a.count))
        for s in a { string(s) }
    }
}

/// A raw cursor over varints for bulk reads (`BinaryReader.withCursor`): no error per
/// read; reading past the end yields zeros and marks the cursor `failed`.
struct VarintCursor {
    let base: UnsafePointer<UInt8>
    var pos: Int
    let end: Int
    var failed = false

    var remaining: Int { end - pos }

    @inline(__always)
    mutating func uint() -> UInt64 {
        // Most values in a compiled rule set fit in one byte.
        if pos < end, base[pos] < 0x80 {
            pos += 1
            return UInt64(base[pos - 1])
        }
        return uintLong()
    }

    mutating func uintLong() -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while pos < end, shift < 64 {
            let b = base[pos]
            pos += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        failed = true
        pos = end
        return 0
    }

    @inline(__always)
    mutating func int() -> Int {
        let u = uint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }
}

/// Reads what `BinaryWriter` wrote; every read checks bounds.
struct BinaryReader {
    /// Runs `body` with a raw cursor at the current position and moves past what it read;
    /// throws when it read past the end.
    mutating func withCursor<T>(_ body: (inout VarintCursor) throws -> T) throws -> T {
        let start = pos
        let (result, end, failed) = try bytes.withUnsafeBufferPointer { b -> (T, Int, Bool) in
            guard let base = b.baseAddress else { throw CompiledRuleSet.Failure(message: "truncated") }
            var c = VarintCursor(base: base, pos: start, end: b.count)
            let t = try body(&c)
            return (t, c.pos, c.failed)
        }
        if failed { throw CompiledRuleSet.Failure(message: "truncated") }
        pos = end
        return result
    }

    let bytes: [UInt8]
    var pos = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { pos == bytes.count }
    var remaining: Int { bytes.count - pos }

    mutating func uint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < bytes.count, shift < 64 else { throw CompiledRuleSet.Failure(message: "truncated") }
            let b = bytes[pos]
            pos += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }
    mutating func int() throws -> Int {
        let u = try uint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }
    /// A count that cannot exceed what is left to read.
    mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.count - pos) else { throw CompiledRuleSet.Failure(message: "bad count") }
        return Int(n)
    }
    mutating func bool() throws -> Bool {
        guard pos < bytes.count else { throw CompiledRuleSet.Failure(message: "truncated") }
        pos += 1
        return bytes[pos - 1] != 0
    }
    mutating func double() throws -> Double {
        guard pos + 8 <= bytes.count else { throw CompiledRuleSet.Failure(message: "truncated") }
        var b: UInt64 = 0
        for k in 0..<8 { b |= UInt64(bytes[pos + k]) << (8 * UInt64(k)) }
        pos += 8
        return Double(bitPattern: b)
    }
    mutating func string() throws -> String {
        let n = try count()
        defer { pos += n }
        return String(decoding: bytes[pos..<pos + n], as: UTF8.self)
    }
    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }
    mutating func strings() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}
