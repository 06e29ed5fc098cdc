/// What the checker's per-token pass needs to know about a token's spelling, packed into
/// one `FlatHashMap` value so that a token costs one probe: its vocabulary keys (the trie's
/// exact and inflection-group keys) and whether it is a negator, a contrast word or an
/// intensifier (`Checker.negatorWords`, `contrastWords`, `intensifierWords`).
///
/// Layout of a value: bits 0–27 the exact key + 1, bits 28–55 the group key + 1 (0 for a
/// word outside the vocabulary, so a missing entry and a context word alone both read as
/// key -1), bits 56–58 the word-class flags.
enum Lexicon {
    static let negator: Int64 = 1 << 56
    static let contrast: Int64 = 1 << 57
    static let intensifier: Int64 = 1 << 58
    static let keyMask: Int64 = (1 << 28) - 1

    /// The exact key of a packed value (-1: not in the vocabulary).
    @inline(__always)
    static func exact(_ v: Int64) -> Int32 { Int32(truncatingIfNeeded: v & keyMask) &- 1 }

    /// The inflection-group key of a packed value (-1: not in the vocabulary).
    @inline(__always)
    static func group(_ v: Int64) -> Int32 { Int32(truncatingIfNeeded: (v >> 28) & keyMask) &- 1 }

    /// The word-class bits of a packed value as `CheckScratch` flags (negator, contrast word,
    /// intensifier), by shifts rather than a test each: bit 56 → 2, bit 57 → 4, bit 58 → 64.
    @inline(__always)
    static func flags(_ v: Int64) -> UInt8 { UInt8(truncatingIfNeeded: (v >> 55) & 6 | (v >> 52) & 64) }

    /// The lexicon of a rule set's vocabulary (token hash → exact key in the high 32 bits,
    /// group key in the low 32) and the context word lists.
    static func make(vocabulary: FlatHashMap) -> FlatHashMap {
        let classes = [(Checker.negatorWords, negator), (Checker.contrastWords, contrast), (Checker.intensifierWords, intensifier)]
        var map = FlatHashMap(capacity: vocabulary.count + classes.reduce(0) { $0 + $1.0.count })
        vocabulary.forEach { hash, keys in
            let e = keys >> 32, g = keys & 0xFFFF_FFFF
            // Keys number the vocabulary's spellings: a 28-bit field holds far more words
            // than a rule set could carry in memory. A key beyond it (only in damaged
            // compiled bytes) leaves its word out: no trie edge could be reached with it.
            guard e >= 0, e < keyMask, g < keyMask else { return }
            map.set(hash, (e + 1) | ((g + 1) << 28))
        }
        for (words, bit) in classes {
            for w in words {
                // (Lowercase ASCII letters: the token hash is FNV-1a over the bytes as they are.)
                let h = w.utf8.reduce(TokenHash.seed) { TokenHash.add($0, $1) }
                map.set(h, (map.get(h) ?? 0) | bit)
            }
        }
        return map
    }
}
