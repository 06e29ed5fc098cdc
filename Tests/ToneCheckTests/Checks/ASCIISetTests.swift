import Testing

@testable import ToneCheck

@Suite struct ASCIISetTests {
    /// The sets written as bits hold exactly the bytes their names say, and no byte ≥ 0x80.
    @Test(arguments: ["digits", "word", "space", "dot"])
    func namedSetsHoldWhatTheySay(_ name: String) {
        let set: ASCIISet, expected: (UInt8) -> Bool
        switch name {
        case "digits": (set, expected) = (.digits, { $0 >= 0x30 && $0 <= 0x39 })
        case "word": (set, expected) = (.word, { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F })
        case "space": (set, expected) = (.space, { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) })
        default: (set, expected) = (.dot, { $0 < 0x80 && !($0 >= 0x0A && $0 <= 0x0D) })
        }
        for b in UInt8(0)...255 { #expect(set.contains(b) == expected(b), "\(name) byte \(b)") }
    }

    @Test func setOperations() {
        var s = ASCIISet([Bool](repeating: false, count: 128))
        #expect(s.count == 0 && s.single == nil)
        s.insert(UInt8(ascii: "k"))
        #expect(s.single == UInt8(ascii: "k"))
        #expect(s.caseClosed.count == 2 && s.caseClosed.contains(UInt8(ascii: "K")))
        #expect(s.inverted.count == 127 && !s.inverted.contains(UInt8(ascii: "k")) && !s.inverted.contains(0x80))
        s.insert(0x41...0x43)
        s.formUnion(ASCIISet.digits)
        #expect(s.count == 14)
        #expect(ASCIISet((0..<128).map { $0 == 0x7F || $0 == 0 }) == ASCIISet(low: 1, high: 1 << 63))
    }
}
