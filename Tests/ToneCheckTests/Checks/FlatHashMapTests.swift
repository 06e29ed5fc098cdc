import Testing

@testable import ToneCheck

@Suite struct FlatHashMapTests {
    @Test func agreesWithADictionary() {
        var map = FlatHashMap(capacity: 8)
        var reference: [UInt64: Int64] = [:]
        var x: UInt64 = 1
        for n in 0..<5000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            // Small keys collide in the low bits; the extremes are edge cases of the layout.
            let key = [x, x & 0xFF, 0, UInt64.max, UInt64.max - 1][n % 5]
            map.insertGrowing(key, Int64(n))
            reference[key] = Int64(n)
        }
        #expect(map.count == reference.count)
        for (k, v) in reference { #expect(map.get(k) == v) }
        #expect(map.get(12345) == reference[12345])
        #expect(Set(map.entries.map(\.key)) == Set(reference.keys))
    }

    @Test func anEmptyMapFindsNothing() {
        let map = FlatHashMap(capacity: 0)
        #expect(map.get(0) == nil)
        #expect(map.get(UInt64.max) == nil)
        #expect(map.entries.isEmpty)
    }
}
