/// Finds original positions of many offsets in one segment in O(log n) each, with exactly
/// the results of `SourceMap.position(of:in:)` (which walks the text from the nearest anchor
/// and so costs O(n) per call: quadratic on a long line with many findings).
struct PositionIndex {
    let map: SourceMap
    let count: Int
    /// Offsets of the newline bytes, ascending.
    let newlines: [Int]
    /// `scalars[i]`: bytes before `i` that start a character (not UTF-8 continuation bytes).
    let scalars: [Int32]

    init(text: [UInt8], map: SourceMap) {
        self.map = map
        count = text.count
        var newlines: [Int] = []
        var scalars = [Int32](repeating: 0, count: text.count + 1)
        var c: Int32 = 0
        for (i, b) in text.enumerated() {
            scalars[i] = c
            if b == 0x0A { newlines.append(i) }
            if b & 0xC0 != 0x80 { c += 1 }
        }
        scalars[text.count] = c
        self.newlines = newlines
        self.scalars = scalars
    }

    /// Index of the first newline at or after `offset`.
    func newlinesBefore(_ offset: Int) -> Int {
        var lo = 0, hi = newlines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if newlines[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The original position of segment byte `offset`.
    func position(of offset: Int) -> SourcePosition {
        let anchors = map.anchors
        var lo = 0, hi = anchors.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if anchors[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let anchor = anchors[lo]
        let start = min(max(anchor.offset, 0), count)
        let end = min(offset, count)
        var line = anchor.line, column = anchor.column
        if end > start {
            let a = newlinesBefore(start), b = newlinesBefore(end)
            if b > a {
                line += b - a
                column = 1 + Int(scalars[end] - scalars[newlines[b - 1] + 1])
            } else {
                column += Int(scalars[end] - scalars[start])
            }
        }
        let byte = anchor.byteOffset.map { $0 + (offset - anchor.offset) }
        return SourcePosition(line: line, column: column, byteOffset: byte)
    }
}
