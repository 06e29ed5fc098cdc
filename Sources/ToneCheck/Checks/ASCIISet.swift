/// A set of ASCII bytes as a 128-bit bitmap: what a regex element accepts, for the regex
/// prefilter (`RegexPrefilter`) and the byte matcher (`ByteRegex`). Bytes ≥ 0x80 are never
/// in it.
struct ASCIISet: Sendable, Equatable {
    var low: UInt64 = 0, high: UInt64 = 0

    init(low: UInt64 = 0, high: UInt64 = 0) {
        self.low = low
        self.high = high
    }

    /// The bytes whose entry in `bytes` (indexed by byte, at most 128 long) is true.
    init(_ bytes: [Bool]) {
        for (b, on) in bytes.prefix(128).enumerated() where on { insert(UInt8(b)) }
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 != 0 : b < 128 && (high >> UInt64(b &- 64)) & 1 != 0
    }

    mutating func insert(_ b: UInt8) {
        if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
    }

    mutating func insert(_ r: ClosedRange<UInt8>) { for b in r { insert(b) } }

    func intersects(_ o: ASCIISet) -> Bool { low & o.low != 0 || high & o.high != 0 }

    mutating func formUnion(_ o: ASCIISet) {
        low |= o.low
        high |= o.high
    }

    /// Number of bytes in the set.
    var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// The byte, when the set holds exactly one.
    var single: UInt8? { count == 1 ? UInt8(low != 0 ? low.trailingZeroBitCount : 64 + high.trailingZeroBitCount) : nil }

    /// Every ASCII byte not in the set.
    var inverted: ASCIISet { ASCIISet(low: ~low, high: ~high) }

    /// With both cases of every ASCII letter in it.
    var caseClosed: ASCIISet {
        var s = self
        for b in UInt8(0x41)...0x5A where contains(b) || contains(b | 0x20) {
            s.insert(b)
            s.insert(b | 0x20)
        }
        return s
    }

    // Written as bits (a test spells them out), so reading them costs no lazy initialisation.

    /// `0-9`.
    static let digits = ASCIISet(low: 0x03FF_0000_0000_0000)
    /// `\w` in ASCII: `A-Z`, `a-z`, `0-9` and `_`.
    static let word = ASCIISet(low: 0x03FF_0000_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
    /// `\s` in ICU, in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    static let space = ASCIISet(low: 0x0000_0001_0000_3E00)
    /// `.`: anything but a line terminator (line feed, vertical tab, form feed, carriage return).
    static let dot = ASCIISet(low: 0xFFFF_FFFF_FFFF_C3FF, high: 0xFFFF_FFFF_FFFF_FFFF)
}
