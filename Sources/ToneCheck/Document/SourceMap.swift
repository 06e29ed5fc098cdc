/// Maps byte offsets in a segment's text back to positions in the original input.
///
/// A map is a sorted list of anchors. Each anchor says "segment byte `offset` is at
/// `line`:`column` (and byte `byteOffset`) of the original". Positions between anchors
/// are found by walking the segment text from the nearest anchor before them, counting
/// newlines and characters, so an anchor is needed only where the segment text stops
/// following the original byte for byte (a stripped `> ` prefix, a decoded body, a
/// speaker label removed from a transcript line).
public struct SourceMap: Sendable, Equatable {
    /// One point where segment text and original input are known to line up.
    public struct Anchor: Sendable, Equatable {
        /// Byte offset in the segment text.
        public var offset: Int
        /// 1-based line in the original input.
        public var line: Int
        /// 1-based column (in characters) in the original input.
        public var column: Int
        /// Byte offset in the original input, or nil when the text was decoded
        /// (quoted-printable, base64, HTML) and bytes no longer correspond.
        public var byteOffset: Int?

        /// Creates an anchor.
        public init(offset: Int, line: Int, column: Int, byteOffset: Int?) {
            self.offset = offset
            self.line = line
            self.column = column
            self.byteOffset = byteOffset
        }
    }

    /// The first anchor (at offset 0), kept apart: most maps have only this one, and then
    /// a map is no array at all.
    private var head: Anchor
    /// The anchors after the first, sorted by `offset`.
    private var tail: [Anchor]

    /// Anchors sorted by `offset`; the first is at offset 0.
    public var anchors: [Anchor] { tail.isEmpty ? [head] : [head] + tail }

    /// Number of anchors (at least one).
    public var anchorCount: Int { tail.count + 1 }

    /// Anchor `i` of `anchors`, read in place.
    @inline(__always)
    public func anchor(_ i: Int) -> Anchor { i == 0 ? head : tail[i - 1] }

    /// The index of the last anchor at or before segment byte `offset` (0 when none is).
    public func lastAnchor(atOrBefore offset: Int) -> Int {
        var lo = 0, hi = tail.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if tail[mid - 1].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// A map for text copied verbatim from the input, starting at the given position.
    public init(line: Int = 1, column: Int = 1, byteOffset: Int? = 0) {
        head = Anchor(offset: 0, line: line, column: column, byteOffset: byteOffset)
        tail = []
    }

    /// A map from explicit anchors (sorted here by offset).
    public init(anchors: [Anchor]) {
        precondition(!anchors.isEmpty, "a source map needs at least one anchor")
        // Already in order (the usual case) the anchors are taken as they are: the (stable)
        // sort would give them back unchanged, in an array made for nothing.
        var inOrder = true
        for i in anchors.indices.dropFirst() where anchors[i].offset < anchors[i - 1].offset {
            inOrder = false
            break
        }
        let sorted = inOrder ? anchors : anchors.sorted { $0.offset < $1.offset }
        head = sorted[0]
        tail = sorted.count == 1 ? [] : Array(sorted[1...])
    }

    /// Adds an anchor at or after every existing one.
    public mutating func append(_ anchor: Anchor) {
        if let last = tail.last {
            if last.offset == anchor.offset { tail[tail.count - 1] = anchor } else { tail.append(anchor) }
        } else if head.offset == anchor.offset {
            head = anchor
        } else {
            tail.append(anchor)
        }
    }

    /// Whether every byte of the segment can be traced to an original byte (so fixes can apply).
    public var isExact: Bool { head.byteOffset != nil && tail.allSatisfy { $0.byteOffset != nil } }

    /// The original position of segment byte `offset` (which may equal `text.count`).
    public func position(of offset: Int, in text: [UInt8]) -> SourcePosition {
        // Binary search for the last anchor at or before offset.
        let anchor = self.anchor(lastAnchor(atOrBefore: offset))
        var line = anchor.line, column = anchor.column
        var i = anchor.offset
        let end = min(offset, text.count)
        while i < end {
            let b = text[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1  // count characters (scalars), not bytes
            }
            i += 1
        }
        let byte = anchor.byteOffset.map { $0 + (offset - anchor.offset) }
        return SourcePosition(line: line, column: column, byteOffset: byte)
    }
}

/// A position in the original input.
public struct SourcePosition: Sendable, Equatable, Codable {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// 0-based byte offset in the original input, when the text maps byte for byte.
    public var byteOffset: Int?

    /// Creates a position.
    public init(line: Int, column: Int, byteOffset: Int?) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }
}

/// Resolves many segment offsets to original positions quickly: a line-start table is
/// built once per segment (on first use), so each lookup costs a binary search plus a
/// walk within one line, never a walk from the start of the segment.
public final class PositionLocator {
    let map: SourceMap
    let text: [UInt8]
    private lazy var lineStarts: [Int] = PositionLocator.lineStarts(of: text)

    /// The offset after each newline of `text`, in order: gathered in a growing buffer of
    /// our own (an array append per line costs a uniqueness and a capacity check), then
    /// copied into an array of exactly that size.
    static func lineStarts(of text: [UInt8]) -> [Int] {
        text.withUnsafeBufferPointer { buf in
            var capacity = 64
            var starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            defer { starts.deallocate() }
            var count = 0
            var i = 0
            while let nl = ByteText.firstIndex(of: 0x0A, in: buf, from: i) {
                if count == capacity {
                    let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
                    grown.moveInitialize(from: starts, count: count)
                    starts.deallocate()
                    starts = grown
                    capacity *= 2
                }
                (starts + count).initialize(to: nl + 1)
                count += 1
                i = nl + 1
            }
            return Array(UnsafeBufferPointer(start: starts, count: count))
        }
    }

    // The last lookup: where its walk started (line start or anchor), its anchor, offset and column.
    private var cache: (from: Int, anchor: Int, offset: Int, column: Int)?

    /// A locator for one segment.
    public init(_ segment: Segment) {
        map = segment.sourceMap
        text = segment.text
    }

    /// The original position of segment byte `offset`.
    public func position(of offset: Int) -> SourcePosition {
        let lo = map.lastAnchor(atOrBefore: offset)
        let anchor = map.anchor(lo)
        // (Read once: each read of a lazy property is a call, a check and a retain.)
        let lineStarts = self.lineStarts
        // Line starts in (anchor.offset, offset].
        let first = PositionLocator.upperBound(anchor.offset, in: lineStarts)
        let last = PositionLocator.upperBound(offset, in: lineStarts)
        let newlines = last - first
        let byte = anchor.byteOffset.map { $0 + (offset - anchor.offset) }
        var column: Int
        var from: Int
        if newlines == 0 {
            column = anchor.column
            from = anchor.offset
        } else {
            column = 1
            from = lineStarts[last - 1]
        }
        let end = min(offset, text.count)
        // Resume from the previous lookup when it was on the same line and before this one,
        // so many findings on one very long line cost a single walk, not one walk each.
        if let c = cache, c.from == from, c.anchor == lo, c.offset <= end {
            column = c.column
            from = c.offset
        }
        let lineFrom = newlines == 0 ? anchor.offset : lineStarts[last - 1]
        if from < end {
            text.withUnsafeBufferPointer { buf in
                for i in from..<end where buf[i] & 0xC0 != 0x80 { column += 1 }
            }
        }
        cache = (lineFrom, lo, end, column)
        return SourcePosition(line: anchor.line + newlines, column: column, byteOffset: byte)
    }

    /// Number of line starts ≤ x.
    private static func upperBound(_ x: Int, in lineStarts: [Int]) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
