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
        // Breadth first: every child is numbered after its parent.
        for n in 0..<trie.count {
            for slot in Int(trie.childStart[n])..<Int(trie.childStart[n + 1]) { #expect(slot + 1 > n) }
        }
    }

    /// Compiled and read back, the built-in trie is the same, array for array.
    @Test func theBuiltinTrieRoundTrips() throws {
        let rs = try RuleSet(packs: RuleLoader.builtinPacks())
        let back = try CompiledRuleSet.decode(CompiledRuleSet.encode(rs))
        #expect(back.trie == rs.trie)
        #expect(rs.trie.childKey.count == rs.trie.count - 1)
    }
}
