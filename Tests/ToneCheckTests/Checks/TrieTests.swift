import Testing

@testable import ToneCheck

@Suite struct TrieTests {
    /// Nodes given in any order (node 0 the root): after breadth-first renumbering every
    /// word edge and wildcard leads where it did, and no other key leads anywhere.
    @Test(arguments: [0, 1, 5, 9, 200])
    func everyEdgeIsFoundAndNothingElse(_ fanOut: Int) {
        // Root --7--> A; A has `fanOut` word children (scrambled keys) and a wildcard child W;
        // W --5--> X. Each node accepts a rule numbered after its old index, to follow it.
        var nodes = [RuleSet.Node(), RuleSet.Node(), RuleSet.Node(), RuleSet.Node()]
        for k in nodes.indices { nodes[k].accepts = [.init(rule: Int32(k), variant: 0, role: .match)] }
        nodes[1].any = 2
        var edges = [RuleSet.Trie.Edge(parent: 0, key: 7, child: 1), .init(parent: 2, key: 5, child: 3)]
        var expected: [UInt32: Int32] = [:]  // key → old child index
        for k in 0..<fanOut {
            let key = UInt32((k * 7919) % 1000) * 3 + 2  // distinct, scrambled
            var node = RuleSet.Node()
            node.accepts = [.init(rule: Int32(nodes.count), variant: 0, role: .match)]
            edges.append(.init(parent: 1, key: key, child: Int32(nodes.count)))
            expected[key] = Int32(nodes.count)
            nodes.append(node)
        }
        let trie = RuleSet.Trie(nodes, edges: edges.reversed())
        #expect(trie.count == nodes.count)
        // What a (new) node accepts says which old node it is.
        func old(_ n: Int32) -> Int32? { n < 0 ? nil : trie.accepts[Int(trie.acceptStart[Int(n)])].rule }
        let a = trie.child(0, 7)
        #expect(old(a) == 1)
        #expect(trie.child(0, 6) == -1)
        #expect(trie.child(0, 1_000_000) == -1)
        for key in UInt32(0)..<3100 {
            #expect(old(trie.child(a, key)) == expected[key], "key \(key)")
        }
        #expect(old(trie.any[Int(a)]) == 2)
        #expect(old(trie.child(trie.any[Int(a)], 5)) == 3)
        #expect(trie.child(a, RuleSet.Trie.wildcardKey - 1) == -1)
        // Parents first: every child is numbered after its parent.
        for n in 0..<trie.count {
            for slot in Int(trie.childStart[n])..<Int(trie.childStart[n + 1]) { #expect(trie.childNode[slot] > n) }
        }
    }

    /// Every path from the root: the keys it spells and what its end accepts, in walk order.
    static func paths(_ t: RuleSet.Trie) -> [(keys: [UInt32], accepts: [RuleSet.Accept])] {
        var out: [(keys: [UInt32], accepts: [RuleSet.Accept])] = []
        func visit(_ n: Int32, _ keys: [UInt32]) {
            out.append((keys, Array(t.accepts[Int(t.acceptStart[Int(n)])..<Int(t.acceptStart[Int(n) + 1])])))
            for k in Int(t.childStart[Int(n)])..<Int(t.childStart[Int(n) + 1]) { visit(t.childNode[k], keys + [t.childKey[k]]) }
        }
        visit(0, [])
        return out
    }

    /// Tree nodes that end alike are one node: "send it now" and "fix it now" share "it now",
    /// but "send it today" does not share "it" with them, and a node that accepts something
    /// is never merged with one that does not. Every path still spells what it did.
    @Test func nodesThatEndAlikeAreMerged() {
        // Keys: send 1, fix 2, it 3, now 4, today 5. Tree: root-send-it-now, root-fix-it-now,
        // root-send-it-today (under the first "it"); accepts on "now" (rule 0), "today" (rule 1),
        // and on the second "it" (rule 2).
        func accepting(_ rule: Int32?) -> RuleSet.Node {
            var n = RuleSet.Node()
            if let rule { n.accepts = [.init(rule: rule, variant: 0, role: .match)] }
            return n
        }
        let nodes = [accepting(nil), accepting(nil), accepting(nil), accepting(0), accepting(nil), accepting(2), accepting(0), accepting(1)]
        let edges: [RuleSet.Trie.Edge] = [
            .init(parent: 0, key: 1, child: 1), .init(parent: 1, key: 3, child: 2), .init(parent: 2, key: 4, child: 3),
            .init(parent: 0, key: 2, child: 4), .init(parent: 4, key: 3, child: 5), .init(parent: 5, key: 4, child: 6),
            .init(parent: 2, key: 5, child: 7),
        ]
        let trie = RuleSet.Trie(nodes, edges: edges)
        // root, send, fix, send-it, fix-it, one "now", today.
        #expect(trie.count == 7)
        let got = Self.paths(trie).map { "\($0.keys):\($0.accepts.map(\.rule))" }
        #expect(got == ["[]:[]", "[1]:[]", "[1, 3]:[]", "[1, 3, 4]:[0]", "[1, 3, 5]:[1]", "[2]:[]", "[2, 3]:[2]", "[2, 3, 4]:[0]"])
    }

    /// The built-in rules: the minimised trie is much smaller than the tree, and spells
    /// exactly the tree's paths, each with the same accepts, in the same order (a walk
    /// follows paths, so it finds the same matches in the same order).
    @Test func theBuiltinTrieSpellsWhatTheTreeDid() throws {
        let packs = try RuleLoader.builtinPacks()
        let dag = try RuleSet(packs: packs).trie
        let tree = try RuleSet(packs: packs, allowOverride: false, isEnabled: { _ in true }, minimizeTrie: false).trie
        let a = Self.paths(dag), b = Self.paths(tree)
        #expect(b.count == tree.count)
        #expect(dag.count * 10 < tree.count)
        #expect(a.count == b.count)
        #expect(zip(a, b).allSatisfy { $0.keys == $1.keys && $0.accepts == $1.accepts })
    }

    /// Compiled and read back, the built-in trie is the same, array for array.
    @Test func theBuiltinTrieRoundTrips() throws {
        let rs = try RuleSet(packs: RuleLoader.builtinPacks())
        let back = try CompiledRuleSet.decode(CompiledRuleSet.encode(rs))
        #expect(back.trie == rs.trie)
    }
}
