/// One piece of a transcript before turns are formed: a caption cue, a labelled line or a
/// run of speech-to-text words. Its text is already cleaned (tags stripped, entities
/// decoded) and its source map points into the original file.
public struct TranscriptCue: Sendable {
    /// The cue identifier (WebVTT) or number (SRT), when there is one.
    public var identifier: String?
    /// Start in seconds from the start of the call, when known.
    public var start: Double?
    /// End in seconds, when known.
    public var end: Double?
    /// Who spoke, when the format says (`<v Dana>`, `Dana:`, `speaker_label`).
    public var speaker: String?
    /// The cleaned text as UTF-8.
    public var text: [UInt8]
    /// Where the text came from.
    public var sourceMap: SourceMap
    /// 1-based line of the cue (its timing line, or its first line when it has none).
    public var line: Int

    /// Creates a cue.
    public init(identifier: String? = nil, start: Double? = nil, end: Double? = nil, speaker: String? = nil, text: [UInt8], sourceMap: SourceMap, line: Int) {
        self.identifier = identifier
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.sourceMap = sourceMap
        self.line = line
    }

    /// The text as a string.
    public var string: String { String(decoding: text, as: UTF8.self) }
}

/// A transcript read from a file: its cues and anything worth warning about.
public struct ParsedTranscript: Sendable {
    /// The cues in file order.
    public var cues: [TranscriptCue]
    /// Problems that did not stop reading (a cue without text, times out of order, ...).
    public var warnings: [Diagnostic]

    /// Creates a parsed transcript.
    public init(cues: [TranscriptCue] = [], warnings: [Diagnostic] = []) {
        self.cues = cues
        self.warnings = warnings
    }
}

/// Why a transcript could not be read: a message naming the line (or JSON path) and what is wrong.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line, when known.
    public var line: Int?
    /// What is wrong, lowercase and actionable.
    public var message: String

    /// Creates an error.
    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}

/// Text assembled from pieces of an input, with the anchors that map it back.
struct MappedText {
    var bytes: [UInt8] = []
    var anchors: [SourceMap.Anchor] = []

    /// Appends original bytes that start at `line`:`column` (byte `byteOffset`) of the input.
    mutating func append<C: Collection>(_ piece: C, line: Int, column: Int, byteOffset: Int?) where C.Element == UInt8 {
        let anchor = SourceMap.Anchor(offset: bytes.count, line: line, column: column, byteOffset: byteOffset)
        if let last = anchors.last, last.offset == anchor.offset { anchors[anchors.count - 1] = anchor } else { anchors.append(anchor) }
        bytes.append(contentsOf: piece)
    }

    /// Appends bytes that are not in the input (a joining space or newline).
    mutating func appendSynthetic(_ b: UInt8) { bytes.append(b) }

    var sourceMap: SourceMap { anchors.isEmpty ? SourceMap() : SourceMap(anchors: anchors) }
}

/// Lines of a file: byte ranges without the line break (and without a trailing CR).
struct LineScanner {
    struct Line {
        var number: Int
        var start: Int
        var end: Int
    }

    static func lines(_ bytes: [UInt8], from start: Int = 0) -> [Line] {
        var out: [Line] = []
        var i = start
        var n = 1
        let count = bytes.count
        while i < count {
            var e = i
            while e < count, bytes[e] != 0x0A { e += 1 }
            var end = e
            if end > i, bytes[end - 1] == 0x0D { end -= 1 }
            out.append(Line(number: n, start: i, end: end))
            n += 1
            i = e + 1
        }
        return out
    }

    /// 1-based column (in scalars) of byte `offset` on a line starting at `lineStart`.
    static func column(_ bytes: [UInt8], lineStart: Int, offset: Int) -> Int {
        var c = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        return c
    }

    static func isBlank(_ bytes: [UInt8], _ l: Line) -> Bool {
        var i = l.start
        while i < l.end {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
            i += 1
        }
        return true
    }

    static func text(_ bytes: [UInt8], _ l: Line) -> String { String(decoding: bytes[l.start..<l.end], as: UTF8.self) }
}

/// Timestamps as transcripts write them.
enum Timestamp {
    /// Parses `[h+:]mm:ss[.fff]` (separator `.` or `,` as given) at `i`; returns seconds and the end.
    /// `needFraction` demands exactly three fraction digits; `fraction` is the separator to accept.
    static func parse(_ b: [UInt8], _ i: Int, _ end: Int, fraction: Set<UInt8> = [0x2E, 0x2C], needFraction: Bool = false, maxLeading: Int = 9) -> (seconds: Double, end: Int)? {
        var parts: [Int] = []
        var p = i
        while parts.count < 3 {
            var digits = 0, v = 0
            while p < end, b[p] >= 0x30, b[p] <= 0x39, digits < maxLeading {
                v = v * 10 + Int(b[p] - 0x30)
                p += 1
                digits += 1
            }
            if digits == 0 { return nil }
            if !parts.isEmpty && digits != 2 { return nil }
            parts.append(v)
            if p < end, b[p] == 0x3A { p += 1 } else { break }
        }
        guard parts.count >= 2 else { return nil }
        if parts[parts.count - 1] >= 60 || (parts.count == 3 && parts[1] >= 60) { return nil }
        var seconds = 0.0
        for v in parts { seconds = seconds * 60 + Double(v) }
        if p < end, fraction.contains(b[p]), p + 1 < end, b[p + 1] >= 0x30, b[p + 1] <= 0x39 {
            p += 1
            var scale = 0.1, digits = 0
            while p < end, b[p] >= 0x30, b[p] <= 0x39 {
                seconds += Double(b[p] - 0x30) * scale
                scale /= 10
                p += 1
                digits += 1
            }
            if needFraction && digits != 3 { return nil }
        } else if needFraction {
            return nil
        }
        // A timestamp is not followed directly by more digits or letters.
        if p < end, (b[p] >= 0x30 && b[p] <= 0x39) || (b[p] | 0x20 >= 0x61 && b[p] | 0x20 <= 0x7A) || b[p] == 0x3A { return nil }
        return ((seconds * 1000).rounded() / 1000, p)
    }

    /// `01:02:03.400` for messages.
    static func format(_ s: Double) -> String {
        let ms = Int((s * 1000).rounded())
        let h = ms / 3_600_000, m = ms / 60_000 % 60, sec = ms / 1000 % 60, f = ms % 1000
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(h, 2)):\(pad(m, 2)):\(pad(sec, 2)).\(pad(f, 3))"
    }
}
