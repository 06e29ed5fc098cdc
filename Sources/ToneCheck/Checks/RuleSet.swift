import Foundation

/// Every enabled rule compiled once into one trie of token sequences, so a segment is
/// checked in a single pass over its tokens whatever the number of rules.
public final class RuleSet: @unchecked Sendable {
    /// The rules, in load order; finding rule indices point here.
    public let rules: [Rule]
    /// Scoring constants (the last rule file that sets them wins).
    public let scoring: ScoringParameters
    /// Rule id → index in `rules`.
    public let index: [String: Int]

    // Vocabulary: token hash → exact key (high 32 bits) and inflection-group key (low 32
    // bits). Keys are what trie edges use.
    let vocabulary: FlatHashMap
    /// The vocabulary with the context word classes, for the per-token pass (`Lexicon`).
    let lexicon: FlatHashMap
    let trie: Trie
    // Per rule: acronym hashes (caps-share; empty for other rules: a short list, searched
    // only for all-caps words), compiled regex.
    // (Arrays by rule index, not dictionaries or sets: a new generic Dictionary or Set type
    // costs about 0.3M instructions at start-up, for its key's `Hashable` conformance.)
    let acronyms: [[UInt64]]
    let regexes: RegexTable
    /// Per regex rule, in `regexRules` order: a byte test a line must pass before the regex
    /// runs on it (nil: every line goes to the regex).
    let regexPrefilters: [RegexPrefilter?]
    /// Rules by kind, for the passes that are not trie matches.
    let metricRules: [Int]
    let documentRules: [Int]
    let regexRules: [Int]
    let hasUnless: [Bool]
    /// Per rule: whether its matches may be kept as compact signals (`Rule.isSignal`, and no
    /// `occurrence` or `density` rule counts it, since those count findings).
    let signalRules: [Bool]
    /// Per rule: what the per-match loop needs, in a few bytes (no copy of the `Rule`).
    let info: [RuleInfo]
    /// Per substitution rule and `swap` entry (sorted key order): the replacements offered.
    let swapOptions: [[[String]]]
    /// The `deadline` rules compiled with their pack's word lists (nil when there are none).
    public let demands: DemandRules?
    /// The word lists the `deadline` rules use (from their packs).
    let demandLists: [String: [String]]

    /// A one-to-one mix of all 64 bits (MurmurHash3's finaliser): distinct keys stay distinct.
    static func spread(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// A trie node while compiling.
    struct Node {
        var any: Int32 = -1
        var accepts: [Accept] = []
    }

    /// The trie in flat arrays, minimised: nodes with the same accepts and the same
    /// children (the same key to the same node) are one node, so the trie is a graph
    /// without cycles (a DAG) in which every path from the root spells what it did in the
    /// tree. Pattern alternatives multiply: the built-in rules make a tree of about 35,000
    /// nodes and a graph of about 1,400. A walk reaches the same matches in the same order
    /// (it follows paths; a shared node is reached once per path, as its copies were).
    ///
    /// Nodes are numbered so that every child comes after its parent (node 0 is the root);
    /// node `n`'s children are `childNode[childStart[n]..<childStart[n + 1]]` on keys
    /// `childKey[childStart[n]..<childStart[n + 1]]` (ascending; a wildcard child comes
    /// last with key `Trie.wildcardKey`, and is also `any[n]`, -1 when there is none).
    /// What reaching node `n` means is `accepts[acceptStart[n]..<acceptStart[n + 1]]`. The
    /// root, looked up for every token in the vocabulary, also has its children in
    /// `rootChild`, indexed by word key (-1 for none).
    struct Trie: Equatable, Sendable {
        var any: [Int32] = []
        var acceptStart: [Int32] = [0]
        var accepts: [Accept] = []
        var childStart: [Int32] = [0]
        var childKey: [UInt32] = []
        var childNode: [Int32] = []
        var rootChild: [Int32] = []
        /// Per node: bit `key & 63` set for each word key it has a child on, so most failed
        /// lookups (a word no phrase continues with) end before scanning the keys.
        var keyMask: [UInt64] = []

        /// The key of a wildcard child, above every word key.
        static let wildcardKey = UInt32.max
        /// At most this many paths from the root in a compiled trie read back (the nodes of
        /// the tree it was made from; the built-in rules have about 35,000).
        static let maxPaths = 1 << 24

        /// One word edge: from `parent` on word key `key` to `child`.
        struct Edge {
            var parent: Int32
            var key: UInt32
            var child: Int32
        }

        init() {}

        /// What makes two nodes one: their accepts, and their children (key, node) in key order.
        private struct Signature: Hashable {
            var accepts: [Accept]
            var children: [UInt64]
        }

        /// From a tree's nodes (node 0 the root; `Node.any` their wildcard children) and word
        /// edges, all indices valid, in any order: minimised (unless `minimize` is false),
        /// then numbered parents first.
        init(_ nodes: [Node], edges: [Edge], minimize: Bool = true) {
            let n = nodes.count
            guard n > 0 else { return }
            // Children per tree node, by key, the wildcard last.
            var children = [[(key: UInt32, child: Int32)]](repeating: [], count: n)
            for e in edges { children[Int(e.parent)].append((e.key, e.child)) }
            for (k, node) in nodes.enumerated() where node.any >= 0 { children[k].append((Trie.wildcardKey, node.any)) }
            for k in 0..<n where children[k].count > 1 { children[k].sort { $0.key < $1.key } }
            // Tree nodes children first (depth first, post-order), each given the class of
            // the nodes it equals; a class's children are classes made before it.
            var classOf = [Int32](repeating: -1, count: n)
            var classes: [Signature: Int32] = [:]
            var classChildren: [[(key: UInt32, child: Int32)]] = []
            var classAccepts: [[Accept]] = []
            var stack: [(node: Int32, next: Int)] = [(0, 0)]
            while let top = stack.last {
                let c = children[Int(top.node)]
                if top.next < c.count {
                    stack[stack.count - 1].next += 1
                    stack.append((c[top.next].child, 0))
                    continue
                }
                stack.removeLast()
                let mine = c.map { (key: $0.key, child: classOf[Int($0.child)]) }
                let sig = Signature(accepts: nodes[Int(top.node)].accepts, children: mine.map { UInt64($0.key) << 32 | UInt64(UInt32(bitPattern: $0.child)) })
                if minimize, let known = classes[sig] {
                    classOf[Int(top.node)] = known
                } else {
                    let id = Int32(classChildren.count)
                    classes[sig] = id
                    classChildren.append(mine)
                    classAccepts.append(sig.accepts)
                    classOf[Int(top.node)] = id
                }
            }
            // Number the classes parents first: reverse post-order of a depth-first walk of
            // the graph from the root.
            let m = classChildren.count
            var seen = [Bool](repeating: false, count: m)
            var post: [Int32] = []
            post.reserveCapacity(m)
            var walk: [(node: Int32, next: Int)] = [(classOf[0], 0)]
            seen[Int(classOf[0])] = true
            while let top = walk.last {
                let c = classChildren[Int(top.node)]
                if top.next < c.count {
                    walk[walk.count - 1].next += 1
                    let child = c[top.next].child
                    if !seen[Int(child)] {
                        seen[Int(child)] = true
                        walk.append((child, 0))
                    }
                    continue
                }
                walk.removeLast()
                post.append(top.node)
            }
            var number = [Int32](repeating: -1, count: m)
            for (k, c) in post.reversed().enumerated() { number[Int(c)] = Int32(k) }
            any.reserveCapacity(m)
            childStart.reserveCapacity(m + 1)
            acceptStart.reserveCapacity(m + 1)
            for c in post.reversed() {
                for e in classChildren[Int(c)] {
                    childKey.append(e.key)
                    childNode.append(number[Int(e.child)])
                }
                let last = classChildren[Int(c)].last
                any.append(last.map { $0.key == Trie.wildcardKey ? number[Int($0.child)] : -1 } ?? -1)
                childStart.append(Int32(childKey.count))
                accepts += classAccepts[Int(c)]
                acceptStart.append(Int32(accepts.count))
            }
            makeRootIndex()
        }

        /// Fills `rootChild` from the root's keys, and `keyMask`.
        mutating func makeRootIndex() {
            guard count > 0 else { return }
            keyMask = (0..<count).map { n in
                var mask: UInt64 = 0
                for k in Int(childStart[n])..<Int(childStart[n + 1]) where childKey[k] != Trie.wildcardKey { mask |= 1 << (childKey[k] & 63) }
                return mask
            }
            var keys = Int(childStart[0])..<Int(childStart[1])
            if any[0] >= 0 { keys = keys.lowerBound..<(keys.upperBound - 1) }
            rootChild = [Int32](repeating: -1, count: keys.isEmpty ? 0 : Int(childKey[keys.upperBound - 1]) + 1)
            for k in keys { rootChild[Int(childKey[k])] = childNode[k] }
        }

        /// The child of `node` on word key `key`, or -1.
        func child(_ node: Int32, _ key: UInt32) -> Int32 { withBuffers { $0.child(node, key) } }

        /// The trie's arrays held open, for a walk over a whole chunk of tokens.
        struct Buffers {
            let any: UnsafeBufferPointer<Int32>
            let acceptStart: UnsafeBufferPointer<Int32>
            let accepts: UnsafeBufferPointer<Accept>
            let childStart: UnsafeBufferPointer<Int32>
            let childKey: UnsafeBufferPointer<UInt32>
            let childNode: UnsafeBufferPointer<Int32>
            let rootChild: UnsafeBufferPointer<Int32>
            let keyMask: UnsafeBufferPointer<UInt64>

            /// The root's child on word key `key`, or -1 (a table lookup: no search).
            @inline(__always)
            func rootChild(_ key: UInt32) -> Int32 { Int(key) < rootChild.count ? rootChild[Int(key)] : -1 }

            /// The child of `node` on word key `key`, or -1.
            @inline(__always)
            func child(_ node: Int32, _ key: UInt32) -> Int32 {
                if node == 0 { return rootChild(key) }
                if keyMask[Int(node)] & (1 << (key & 63)) == 0 { return -1 }
                var lo = Int(childStart[Int(node)]), hi = Int(childStart[Int(node) + 1])
                // Narrow a long run by halves (keeping `key`'s slot inside), then scan.
                while hi - lo > 8 {
                    let mid = (lo + hi) / 2
                    if childKey[mid] < key { lo = mid + 1 } else { hi = mid + 1 }
                }
                while lo < hi {
                    if childKey[lo] == key { return childNode[lo] }
                    lo += 1
                }
                return -1
            }
        }

        /// Runs `body` with the trie's arrays held open.
        func withBuffers<R>(_ body: (Buffers) -> R) -> R {
            any.withUnsafeBufferPointer { any in
                acceptStart.withUnsafeBufferPointer { acceptStart in
                    accepts.withUnsafeBufferPointer { accepts in
                        childStart.withUnsafeBufferPointer { childStart in
                            childKey.withUnsafeBufferPointer { childKey in
                                childNode.withUnsafeBufferPointer { childNode in
                                    rootChild.withUnsafeBufferPointer { rootChild in
                                        keyMask.withUnsafeBufferPointer { keyMask in
                                            body(
                                                Buffers(
                                                    any: any, acceptStart: acceptStart, accepts: accepts, childStart: childStart, childKey: childKey,
                                                    childNode: childNode, rootChild: rootChild, keyMask: keyMask))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        var count: Int { any.count }
    }

    /// What reaching a trie node means.
    struct Accept: Hashable {
        enum Role: UInt8 { case match, unless, sentenceStart }
        var rule: Int32
        /// For substitutions: which `swap` entry (in sorted key order).
        var variant: Int32
        var role: Role
    }

    /// Compiles packs into one rule set.
    /// - Parameters:
    ///   - packs: rule packs in order; a later pack's rule replaces an earlier one with the same id
    ///     only when `allowOverride` is true, otherwise a duplicate id is an error.
    ///   - isEnabled: decides per rule whether it is compiled at all.
    public convenience init(packs: [RulePack], allowOverride: Bool = false, isEnabled: (Rule) -> Bool = { _ in true }) throws {
        try self.init(packs: packs, allowOverride: allowOverride, isEnabled: isEnabled, minimizeTrie: true)
    }

    /// `init(packs:allowOverride:isEnabled:)`, with the trie left a tree when `minimizeTrie`
    /// is false (for tests that compare the two).
    convenience init(packs: [RulePack], allowOverride: Bool, isEnabled: (Rule) -> Bool, minimizeTrie: Bool) throws {
        var rules: [Rule] = []
        var index: [String: Int] = [:]
        var scoring = ScoringParameters()
        var listsByRule: [[String: [String]]] = []
        var packByRule: [Int] = []
        for (pi, pack) in packs.enumerated() {
            if let s = pack.scoring { scoring = s }
            for rule in pack.rules {
                if let existing = index[rule.id] {
                    if allowOverride {
                        rules[existing] = rule
                        listsByRule[existing] = pack.lists
                        packByRule[existing] = pi
                        continue
                    }
                    let first = rules[existing].source
                    throw ToneCheckError.ruleFile(
                        path: pack.path, line: rule.source?.line, column: nil, rule: rule.id, field: "id",
                        message: "duplicate id; already defined in \(first?.path ?? "another file")\(first?.line.map { ":\($0)" } ?? "")")
                }
                index[rule.id] = rules.count
                rules.append(rule)
                listsByRule.append(pack.lists)
                packByRule.append(pi)
            }
        }
        // Drop disabled rules, keeping ids consistent.
        let keep = rules.indices.filter { isEnabled(rules[$0]) }
        rules = keep.map { rules[$0] }
        listsByRule = keep.map { listsByRule[$0] }
        packByRule = keep.map { packByRule[$0] }
        index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

        // 1. Expand every rule's phrases and patterns into atom sequences.
        var sequences: [(atoms: [Atom], accept: Accept)] = []
        func fail(_ r: Rule, _ field: String, _ message: String) -> ToneCheckError {
            .ruleFile(path: r.source?.path ?? "<rules>", line: r.source?.line, column: nil, rule: r.id, field: field, message: message)
        }
        func addPattern(_ p: String, _ r: Rule, _ ri: Int, _ field: String, _ role: Accept.Role, variant: Int = 0) throws {
            do {
                for atoms in try PatternParser.expand(p, inflect: r.inflect, lists: listsByRule[ri]) {
                    sequences.append((atoms, Accept(rule: Int32(ri), variant: Int32(variant), role: role)))
                }
            } catch {
                throw fail(r, field, "pattern '\(p)': \(error.message)")
            }
        }
        for (ri, r) in rules.enumerated() {
            switch r.kind {
            case .phrase:
                for p in r.phrases {
                    let atoms = PatternParser.literal(p, inflect: r.inflect)
                    if atoms.isEmpty { throw fail(r, "phrases", "'\(p)' has no words in it") }
                    sequences.append((atoms, Accept(rule: Int32(ri), variant: 0, role: .match)))
                }
            case .substitution:
                for (vi, key) in r.swap.keys.sorted().enumerated() {
                    let atoms = PatternParser.literal(key, inflect: false)
                    if atoms.isEmpty { throw fail(r, "swap", "'\(key)' has no words in it") }
                    sequences.append((atoms, Accept(rule: Int32(ri), variant: Int32(vi), role: .match)))
                }
            case .pattern:
                for p in r.patterns { try addPattern(p, r, ri, "patterns", .match) }
            case .sentence:
                for p in r.starts { try addPattern(p, r, ri, "starts", .sentenceStart) }
            case .metric, .occurrence, .regex:
                break
            case .deadline:
                for name in DemandLexicon.requiredLists where listsByRule[ri][name] == nil {
                    throw fail(r, "kind", "a deadline rule needs its pack to define lists.\(name); see Rules/deadlines.json5")
                }
                continue
            }
            for u in r.unless { try addPattern(u, r, ri, "unless", .unless) }
            for ref in r.of where index[ref] == nil && Category(rawValue: ref) == nil {
                // Referring to a rule that was disabled is fine; a typo is not.
                if !packs.contains(where: { $0.rules.contains { $0.id == ref } }) {
                    throw fail(r, "of", "'\(ref)' is neither a rule id nor a category")
                }
            }
        }
        var demandLists: [String: [String]] = [:]
        // Each pack's lists once, however many of its rules are deadline rules.
        var listed = Set<Int>()
        for (ri, r) in rules.enumerated() where r.kind == .deadline && listed.insert(packByRule[ri]).inserted {
            for (k, v) in listsByRule[ri] where DemandLexicon.requiredLists.contains(k) { demandLists[k, default: []] += v }
        }

        // 2. Vocabulary: every literal word gets an id; inflected forms share a group.
        var formID: [String: Int] = [:]
        var parent: [Int] = []
        func id(_ w: String) -> Int {
            if let i = formID[w] { return i }
            formID[w] = parent.count
            parent.append(parent.count)
            return parent.count - 1
        }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for s in sequences {
            for case let .word(w, _) in s.atoms { _ = id(w) }
        }
        var inflected = Set<String>()
        for s in sequences {
            for case let .word(w, inflect) in s.atoms where inflect { inflected.insert(w) }
        }
        // In sorted order, so the same rules always compile to the same tables.
        for w in inflected.sorted() {
            let base = id(w)
            for f in Inflection.forms(of: w).sorted() {
                let a = find(id(f)), b = find(base)
                if a != b { parent[a] = b }
            }
        }

        var vocabulary = FlatHashMap(capacity: formID.count)
        for (w, i) in formID {
            vocabulary.set(TokenHash.of(w), (Int64(i) * 2 + 1) << 32 | Int64(find(i)) * 2)
        }

        // 3. The trie: nodes, and every edge in one growing table keyed (node << 32 | word key),
        // spread first: `FlatHashMap` slots by the key's low bits, which alone would pile the
        // edges of one word from many nodes into long probe runs.
        var nodes = [Node()]
        var edgeTable = FlatHashMap(capacity: 1024)
        var edges: [Trie.Edge] = []
        for s in sequences {
            var n = 0
            for atom in s.atoms {
                switch atom {
                case .any:
                    if nodes[n].any < 0 {
                        nodes[n].any = Int32(nodes.count)
                        nodes.append(Node())
                    }
                    n = Int(nodes[n].any)
                case let .word(w, inflect):
                    let i = formID[w]!
                    let wordKey = UInt32(inflect ? find(i) * 2 : i * 2 + 1)
                    let key = RuleSet.spread(UInt64(n) << 32 | UInt64(wordKey))
                    if let next = edgeTable.get(key) {
                        n = Int(next)
                    } else {
                        edgeTable.insertGrowing(key, Int64(nodes.count))
                        edges.append(Trie.Edge(parent: Int32(n), key: wordKey, child: Int32(nodes.count)))
                        nodes.append(Node())
                        n = nodes.count - 1
                    }
                }
            }
            if !nodes[n].accepts.contains(s.accept) { nodes[n].accepts.append(s.accept) }
        }
        try self.init(rules: rules, scoring: scoring, demandLists: demandLists, vocabulary: vocabulary, trie: Trie(nodes, edges: edges, minimize: minimizeTrie))
    }

    /// The rules `isEnabled` keeps, without compiling them again (nil when the deadline rules
    /// come from more than one file, whose word lists cannot be told apart here). The trie
    /// and vocabulary stay; only what reaching a node means loses the rules left out, so a
    /// walk finds the kept rules' matches, in the same order, that it finds with every rule
    /// on: switching a rule off never changes what another rule matches. (Compiling only the
    /// kept rules gives the same, except that inflection groups, which rules share, can then
    /// lose forms another rule brought: "annoyed" and "annoying" in two rules make one group.)
    public func filtered(_ isEnabled: (Rule) -> Bool) throws -> RuleSet? {
        var newIndex = [Int32](repeating: -1, count: rules.count)
        var kept: [Rule] = []
        for (i, r) in rules.enumerated() where isEnabled(r) {
            newIndex[i] = Int32(kept.count)
            kept.append(r)
        }
        if kept.count == rules.count { return self }
        guard Set(rules.filter { $0.kind == .deadline }.map { $0.source?.path }).count <= 1 else { return nil }
        var t = trie
        var accepts: [Accept] = []
        var starts: [Int32] = [0]
        starts.reserveCapacity(t.count + 1)
        for n in 0..<t.count {
            for var a in t.accepts[Int(t.acceptStart[n])..<Int(t.acceptStart[n + 1])] where newIndex[Int(a.rule)] >= 0 {
                a.rule = newIndex[Int(a.rule)]
                accepts.append(a)
            }
            starts.append(Int32(accepts.count))
        }
        t.accepts = accepts
        t.acceptStart = starts
        let lists = kept.contains { $0.kind == .deadline } ? demandLists : [:]
        return try RuleSet(rules: kept, scoring: scoring, demandLists: lists, vocabulary: vocabulary, lexicon: lexicon, trie: t, compileRegexes: false)
    }

    /// A rule set from its compiled parts (from `init(packs:)`, or read back by
    /// `CompiledRuleSet`): derives the per-rule tables and compiles the regexes.
    /// `compileRegexes: false` leaves each regex to be compiled on first use (for rules
    /// already known to be valid: the precompiled built-in set).
    /// (`lexicon`: the vocabulary's, when the caller has it already.)
    init(
        rules: [Rule], scoring: ScoringParameters, demandLists: [String: [String]], vocabulary: FlatHashMap, lexicon: FlatHashMap? = nil, trie: Trie,
        compileRegexes: Bool = true
    ) throws {
        self.rules = rules
        self.index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        self.scoring = scoring
        self.vocabulary = vocabulary
        self.lexicon = lexicon ?? Lexicon.make(vocabulary: vocabulary)
        self.trie = trie
        self.demandLists = demandLists
        var acronyms = [[UInt64]](repeating: [], count: rules.count)
        var regexes = [LazyRegex?](repeating: nil, count: rules.count)
        var regexPrefilters: [RegexPrefilter?] = []
        var metricRules: [Int] = [], documentRules: [Int] = [], regexRules: [Int] = []
        for (ri, r) in rules.enumerated() {
            switch r.kind {
            case .metric:
                if r.metric == "density" { documentRules.append(ri) } else { metricRules.append(ri) }
                acronyms[ri] = r.acronyms.map { TokenHash.of($0) }
            case .occurrence:
                documentRules.append(ri)
            case .regex:
                do {
                    regexes[ri] = try LazyRegex(r.regex ?? "", caseSensitive: r.caseSensitive, compileNow: compileRegexes)
                } catch {
                    throw ToneCheckError.ruleFile(
                        path: r.source?.path ?? "<rules>", line: r.source?.line, column: nil, rule: r.id, field: "regex",
                        message: "not a valid regular expression: \(r.regex ?? "")")
                }
                regexRules.append(ri)
                regexPrefilters.append(RegexPrefilter.make(r.regex ?? "", caseSensitive: r.caseSensitive))
            default:
                break
            }
        }
        self.acronyms = acronyms
        self.regexes = RegexTable(table: regexes)
        self.regexPrefilters = regexPrefilters
        self.metricRules = metricRules
        self.documentRules = documentRules
        self.regexRules = regexRules
        self.hasUnless = rules.map { !$0.unless.isEmpty && $0.kind != .deadline }
        self.info = rules.map(RuleInfo.init)
        self.swapOptions = rules.map { r in
            guard r.kind == .substitution else { return [] }
            // Spaces (any Unicode space separator) and tabs around each option go, as with
            // Foundation's `.whitespaces`, which costs far more on its first use.
            func isSpace(_ c: Character) -> Bool {
                c.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
            }
            func trimmed(_ s: Substring) -> String {
                var lo = s.startIndex, hi = s.endIndex
                while lo < hi, isSpace(s[lo]) { lo = s.index(after: lo) }
                while hi > lo, isSpace(s[s.index(before: hi)]) { hi = s.index(before: hi) }
                return String(s[lo..<hi])
            }
            return r.swap.keys.sorted().map { r.swap[$0]!.split(separator: "|").map(trimmed) }
        }
        let counted = Set(documentRules.flatMap { rules[$0].of })
        self.signalRules = rules.map { $0.isSignal && !counted.contains($0.id) && !counted.contains($0.category.rawValue) }
        self.demands = rules.contains { $0.kind == .deadline } ? DemandRules(rules: rules, lists: demandLists) : nil
    }

    /// Number of phrase and pattern sequences compiled (after expansion), for reports.
    public var compiledNodeCount: Int { trie.count }

    /// The built-in rules: read from the copy compiled ahead of time when it was made from
    /// exactly the rule files this binary carries (no JSON5 parsing, no trie building),
    /// else compiled from them.
    public static func builtin() throws -> RuleSet {
        if PrecompiledRules.fingerprint == BuiltinRuleFiles.fingerprint,
            let bytes = CompiledRuleSet.base64Decode(PrecompiledRules.base64), let rs = try? CompiledRuleSet.decode(bytes)
        {
            return rs
        }
        return try standard()
    }

    /// Loads the built-in packs (and any extra rule files) into a rule set.
    public static func standard(extraRulePaths: [String] = [], includeBuiltin: Bool = true, isEnabled: (Rule) -> Bool = { _ in true }) throws -> RuleSet {
        try RuleSet(packs: packs(extraRulePaths: extraRulePaths, includeBuiltin: includeBuiltin), isEnabled: isEnabled)
    }

    /// The built-in packs (unless `includeBuiltin` is false) and the rule files at
    /// `extraRulePaths` (files or folders), loaded but not compiled.
    public static func packs(extraRulePaths: [String] = [], includeBuiltin: Bool = true) throws -> [RulePack] {
        var packs = includeBuiltin ? try RuleLoader.builtinPacks() : []
        for p in extraRulePaths {
            for f in try RuleLoader.ruleFiles(at: p) { packs.append(try RuleLoader.load(path: f)) }
        }
        return packs
    }
}

/// The facts about a rule that the checker looks at for every match.
struct RuleInfo: Sendable {
    var isCredit: Bool
    var severity: Severity
    var question: Bool
    var negation: Rule.Negation
    /// `scope` as a bit mask over `SegmentRole.allCases`.
    var scope: UInt32

    init(_ r: Rule) {
        isCredit = r.isCredit
        severity = r.severity
        question = r.question
        negation = r.negation
        scope = RuleInfo.mask(r.scope)
    }

    /// The bit of a role.
    @inline(__always)
    static func bit(_ role: SegmentRole) -> UInt32 {
        // (A switch, not `allCases.firstIndex`: that builds the array of cases on every call.
        // A test checks the bits follow `allCases`.)
        switch role {
        case .body: 1 << 0
        case .subject: 1 << 1
        case .quoted: 1 << 2
        case .forwarded: 1 << 3
        case .signature: 1 << 4
        case .disclaimer: 1 << 5
        case .turn: 1 << 6
        case .placeholder: 1 << 7
        }
    }

    static func mask(_ roles: Set<SegmentRole>) -> UInt32 { roles.reduce(0) { $0 | bit($1) } }

    /// `mask(SegmentRole.authored)`, spelled out: making the set costs a start-up lookup of
    /// its type (a test checks the two agree).
    static let authored = bit(.body) | bit(.subject) | bit(.turn)

    /// Whether `role` is in `SegmentRole.authored`, without hashing it (a role's hash is
    /// its name's).
    @inline(__always)
    static func isAuthored(_ role: SegmentRole) -> Bool { authored & bit(role) != 0 }
}

/// A rule's regular expression, compiled when first needed (ICU's start-up costs a few
/// milliseconds, and most drafts never get past the prefilter); safe to share across threads.
final class LazyRegex: @unchecked Sendable {
    let pattern: String
    let options: NSRegularExpression.Options
    /// The same regex for lines of ASCII text, when `ByteRegex` reads it: no ICU needed there.
    let ascii: ByteRegex?
    private let lock = NSLock()
    private var compiled: NSRegularExpression?

    init(_ pattern: String, caseSensitive: Bool, compileNow: Bool) throws {
        self.pattern = pattern
        options = caseSensitive ? [] : [.caseInsensitive]
        ascii = ByteRegex.compile(pattern, caseSensitive: caseSensitive)
        if compileNow { compiled = try NSRegularExpression(pattern: pattern, options: options) }
    }

    /// The compiled regex (nil if it does not compile, which a loaded rule set never holds).
    var regex: NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if compiled == nil { compiled = try? NSRegularExpression(pattern: pattern, options: options) }
        return compiled
    }
}

/// Regex rules' regexes by rule index.
struct RegexTable: Sendable {
    /// By rule index: nil for a rule that is not a regex rule.
    let table: [LazyRegex?]
    subscript(rule: Int) -> NSRegularExpression? { table[rule]?.regex }
    /// The rule's regex for lines of ASCII text, when `ByteRegex` reads it.
    func ascii(_ rule: Int) -> ByteRegex? { table[rule]?.ascii }
}
