import Testing

@testable import ToneCheck

@Suite struct TrieTests {
    /// A root and nodes with 0, 1, 5 and 200 children (the last takes the halving path),
    /// keys given in scrambled order: every edge is found, and no other key is.
    @Test(arguments: [0, 1, 5, 9, 200])
    func everyEdgeIsFoundAndNothingElse(_ fanOut: Int) {
        var nodes = [RuleSet.Node(), RuleSet.Node()]
        var edges = [RuleSet.Trie.Edge(parent: 0, key: 7, child: 1)]
        var expected: [UInt32: Int32] = [:]
        for k in 0..<fanOut {
            let key = UInt32((k * 7919) % 1000) * 3 + 2  // distinct, scrambled
            edges.append(.init(parent: 1, key: key, child: Int32(nodes.count)))
            expected[key] = Int32(nodes.count)
            nodes.append(RuleSet.Node())
        }
        let trie = RuleSet.Trie(nodes, edges: edges.reversed())
        #expect(trie.child(0, 7) == 1)
        #expect(trie.child(0, 6) == -1)
        #expect(trie.child(0, 1_000_000) == -1)
        for key in UInt32(0)..<3100 {
            #expect(trie.child(1, key) == (expected[key] ?? -1), "key \(key)")
        }
        #expect(trie.child(2 < nodes.count ? 2 : 1, 5) == (nodes.count > 2 ? -1 : expected[5] ?? -1))
        #expect(Set(trie.edges.map { "\($0.parent)-\($0.key)-\($0.child)" }) == Set(edges.map { "\($0.parent)-\($0.key)-\($0.child)" }))
    }
}
