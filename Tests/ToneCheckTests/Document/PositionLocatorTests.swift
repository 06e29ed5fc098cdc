import Testing
@testable import ToneCheck

/// The line-table position lookup gives exactly what the source map's walk gives.
@Suite struct PositionLocatorTests {
    @Test(arguments: [
        SourceMap(),
        SourceMap(line: 4, column: 3, byteOffset: 120),
        SourceMap(anchors: [
            .init(offset: 0, line: 2, column: 3, byteOffset: 10),
            .init(offset: 9, line: 3, column: 3, byteOffset: nil),
            .init(offset: 30, line: 9, column: 1, byteOffset: 400),
        ]),
    ])
    func matchesTheSourceMapWalk(_ map: SourceMap) {
        let text = Array("Hi Dana,\nthe café’s\n\nqueue — is long.\r\nThanks ✓ again\n".utf8)
        let index = PositionLocator(Segment(role: .body, text: text, sourceMap: map))
        for offset in 0...text.count {
            #expect(index.position(of: offset) == map.position(of: offset, in: text), "offset \(offset)")
        }
    }
}

@Suite struct LineStartsTests {
    /// Texts with no newline, a few, and hundreds (the buffer grows several times), with
    /// newlines at the start, the end and in runs: the offset after each newline, in order.
    @Test func givesTheOffsetAfterEachNewline() {
        var x: UInt64 = 77
        for length in [0, 1, 2, 63, 64, 65, 200, 5000] {
            for density in [0, 1, 3, 8] {
                let text: [UInt8] = (0..<length).map { _ in
                    x = x &* 6364136223846793005 &+ 1442695040888963407
                    return density > 0 && Int(x >> 33) % 8 < density ? 0x0A : 0x61
                }
                let want = text.indices.filter { text[$0] == 0x0A }.map { $0 + 1 }
                #expect(PositionLocator.lineStarts(of: text) == want, "length \(length), density \(density)")
            }
        }
    }
}
