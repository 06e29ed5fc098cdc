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
