import Testing
@testable import ToneCheck

/// `position(of:in:lineStarts:)` must agree with the walking `position(of:in:)` everywhere.
@Suite struct SourceMapLineStartsTests {
    static let text = Array("Hi Dana,\n\nthe queue’s at 40 — café closed.\n> quoted line\nlast line, no newline".utf8)

    static let maps: [SourceMap] = [
        SourceMap(),
        SourceMap(line: 3, column: 5, byteOffset: 100),
        // A stripped "> " prefix mid-text, and a decoded stretch with no byte offsets.
        SourceMap(anchors: [
            .init(offset: 0, line: 1, column: 1, byteOffset: 0),
            .init(offset: 52, line: 4, column: 3, byteOffset: 54),
            .init(offset: 60, line: 4, column: 11, byteOffset: nil),
        ]),
    ]

    @Test(arguments: 0..<maps.count)
    func agreesWithTheWalkAtEveryOffset(_ m: Int) {
        let map = Self.maps[m]
        let starts = SourceMap.lineStarts(in: Self.text)
        for offset in 0...Self.text.count {
            #expect(map.position(of: offset, in: Self.text, lineStarts: starts) == map.position(of: offset, in: Self.text), "offset \(offset)")
        }
    }

    @Test func lineStartsFollowNewlines() {
        #expect(SourceMap.lineStarts(in: Array("a\n\nb\n".utf8)) == [2, 3, 5])
        #expect(SourceMap.lineStarts(in: []) == [])
    }
}
