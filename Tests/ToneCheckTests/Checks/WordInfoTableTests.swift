import Testing

@testable import ToneCheck

@Suite struct WordInfoTableTests {
    /// Or'ed bits per key, as a dictionary keeps them, through growth past the first 4,096
    /// slots, for keys that share slots and for the extreme values.
    @Test func agreesWithADictionary() {
        var table = WordInfoTable()
        var reference: [UInt64: UInt64] = [:]
        var x: UInt64 = 7
        for n in 0..<6000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let key = [x, x & 0xFFF, 0, UInt64.max, x << 52][n % 5]
            let bits: UInt64 = 1 << UInt64(n % 64)
            table.add(key, bits)
            reference[key, default: 0] |= bits
        }
        for (k, v) in reference { #expect(table.get(k) == v) }
        table.withLookup { lookup in
            for (k, v) in reference { #expect(lookup.get(k) == v) }
        }
        var misses = 0
        for k in UInt64(1_000_000)..<1_002_000 where reference[k] == nil {
            #expect(table.get(k) == nil)
            misses += 1
        }
        #expect(misses > 1900)
    }
}
