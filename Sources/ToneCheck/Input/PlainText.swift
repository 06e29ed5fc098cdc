/// Reads plain text (and Markdown) drafts: the whole text is the author's, except lines
/// quoted with `>` and anything after a `-- ` signature separator.
public enum PlainTextReader {
    /// A document from raw bytes. Invalid UTF-8 is kept byte for byte (positions stay
    /// right; matched text shows U+FFFD) and reported as a warning.
    public static func read(_ bytes: [UInt8], path: String? = nil, id: String? = nil) -> Document {
        var doc = Document(id: id, path: path, format: "text")
        doc.segments = Zoner.zonePlainText(bytes)
        if let bad = UTF8Check.firstInvalid(in: bytes) {
            let pos = SourceMap().position(of: bad, in: bytes)
            doc.warnings.append(Diagnostic(.warning, path: path, line: pos.line, column: pos.column, message: "invalid UTF-8; checked with replacement characters"))
        }
        return doc
    }
}

/// Finds invalid UTF-8.
public enum UTF8Check {
    /// Byte offset of the first invalid sequence, or nil when the bytes are valid UTF-8.
    public static func firstInvalid(in bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 } else { return i }
            if i + len > n { return i }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += len
        }
        return nil
    }
}

/// Splits text into segments by role. The plain-text zoner knows `>` quoting and the
/// `-- ` signature separator; email zoning builds on it.
public enum Zoner {
    /// Segments of a plain-text body whose first byte is at `line` and byte `byteOffset` of the input.
    public static func zonePlainText(_ bytes: [UInt8], line: Int = 1, byteOffset: Int? = 0) -> [Segment] {
        var segments: [Segment] = []
        var lineNo = line
        var i = 0
        var current: SegmentRole?
        var segStart = 0, segLine = line
        var inSignature = false
        func flush(_ end: Int) {
            guard let role = current, end > segStart else { return }
            segments.append(Segment(role: role, text: Array(bytes[segStart..<end]), sourceMap: SourceMap(line: segLine, column: 1, byteOffset: byteOffset.map { $0 + segStart })))
        }
        while i < bytes.count || (i == 0 && bytes.isEmpty) {
            if bytes.isEmpty { break }
            var e = i
            while e < bytes.count, bytes[e] != 0x0A { e += 1 }
            let lineEnd = e < bytes.count ? e + 1 : e
            var content = bytes[i..<e]
            if content.last == 0x0D { content = content.dropLast() }
            if content.elementsEqual("-- ".utf8) || content.elementsEqual("--".utf8) { inSignature = true }
            var role: SegmentRole = .body
            if inSignature {
                role = .signature
            } else if let first = content.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: ">") {
                role = .quoted
            }
            if role != current {
                flush(i)
                current = role
                segStart = i
                segLine = lineNo
            }
            lineNo += 1
            i = lineEnd
        }
        flush(bytes.count)
        return segments
    }
}
