import Testing
@testable import ToneCheck

/// A map keeps its first anchor apart from the rest: it must still behave as one sorted list.
@Suite struct SourceMapTests {
    typealias A = SourceMap.Anchor

    @Test func anchorsReadAsOneSortedList() {
        let given: [A] = [
            .init(offset: 30, line: 9, column: 1, byteOffset: 400),
            .init(offset: 0, line: 2, column: 3, byteOffset: 10),
            .init(offset: 9, line: 3, column: 3, byteOffset: nil),
        ]
        let map = SourceMap(anchors: given)
        let sorted = given.sorted { $0.offset < $1.offset }
        #expect(map.anchors == sorted)
        #expect(map.anchorCount == 3)
        #expect((0..<3).map { map.anchor($0) } == sorted)
        #expect(!map.isExact)
        // Already in order, the same anchors come back.
        #expect(SourceMap(anchors: sorted).anchors == sorted)
        #expect(SourceMap(anchors: sorted) == map)
    }

    @Test func appendReplacesAnAnchorAtTheSameOffset() {
        var map = SourceMap(line: 4, column: 1, byteOffset: 100)
        #expect(map.anchors == [A(offset: 0, line: 4, column: 1, byteOffset: 100)])
        #expect(map.isExact)
        // At offset 0: the first anchor is replaced.
        map.append(A(offset: 0, line: 5, column: 2, byteOffset: 200))
        #expect(map.anchors == [A(offset: 0, line: 5, column: 2, byteOffset: 200)])
        map.append(A(offset: 7, line: 6, column: 1, byteOffset: nil))
        map.append(A(offset: 7, line: 7, column: 1, byteOffset: 300))
        map.append(A(offset: 12, line: 8, column: 1, byteOffset: 400))
        #expect(map.anchors == [
            A(offset: 0, line: 5, column: 2, byteOffset: 200), A(offset: 7, line: 7, column: 1, byteOffset: 300),
            A(offset: 12, line: 8, column: 1, byteOffset: 400),
        ])
        #expect(map.isExact)
        #expect(map == SourceMap(anchors: map.anchors))
    }

    @Test func lastAnchorAtOrBeforeAnOffset() {
        let map = SourceMap(anchors: [
            .init(offset: 0, line: 1, column: 1, byteOffset: 0), .init(offset: 5, line: 2, column: 1, byteOffset: nil),
            .init(offset: 9, line: 4, column: 1, byteOffset: nil),
        ])
        #expect((0...12).map { map.lastAnchor(atOrBefore: $0) } == [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(SourceMap().lastAnchor(atOrBefore: 50) == 0)
    }
}
