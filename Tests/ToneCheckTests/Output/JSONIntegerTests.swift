import Testing
@testable import ToneCheck

@Suite struct JSONIntegerTests {
    @Test func integersPrintAsTheirDescription() {
        var values = Array(-1000...1000) + [Int.max, Int.min + 1, Int.min, 1_000_000_007, -99, 99, 100, -100]
        values += (0..<63).map { 1 << $0 } + (0..<63).map { (1 << $0) - 1 }
        for v in values {
            var w = JSONWriter()
            w.int(nil, v)
            #expect(w.output == String(v), "\(v)")
        }
    }
}
