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
            if b < 0x80 {
                i = bytes.withUnsafeBufferPointer { ByteText.skipASCII($0, from: i) }
                continue
            }
            let len: Int
            if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 } else { return i }
            if i + len > n { return i }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += len
        }
        return nil
    }
}

/// Splits text into segments by role, using `EmailZoner` (`>` quoting, reply and forward
/// headers, signatures, disclaimers) so plain-text drafts are zoned like email bodies.
public enum Zoner {
    /// Segments of a plain-text body whose first byte is at `line` and byte `byteOffset` of the input.
    public static func zonePlainText(_ bytes: [UInt8], line: Int = 1, byteOffset: Int? = 0) -> [Segment] {
        var segments: [Segment] = []
        var lineNo = line
        var pos = 0
        let zones = EmailZoner.zones(bytes)
        // One zone over the whole text (a plain draft): the segment shares the bytes, no copy.
        if zones.count == 1, zones[0].range == bytes.indices {
            return [Segment(role: zones[0].role, text: bytes, sourceMap: SourceMap(line: line, column: 1, byteOffset: byteOffset))]
        }
        for z in zones {
            while pos < z.range.lowerBound { if bytes[pos] == 0x0A { lineNo += 1 }; pos += 1 }
            segments.append(Segment(role: z.role, text: Array(bytes[z.range]), sourceMap: SourceMap(line: lineNo, column: 1, byteOffset: byteOffset.map { $0 + z.range.lowerBound })))
        }
        return segments
    }
}
