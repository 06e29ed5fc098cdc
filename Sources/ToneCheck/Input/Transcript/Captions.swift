/// Caption files: WebVTT, SRT (SubRip) and SBV (YouTube). Each cue becomes a
/// `TranscriptCue` with its times, its voice (`<v Dana>`) and its text with inline tags
/// stripped and entities decoded; anchors keep positions right in the original file.
public enum CaptionParser {
    // MARK: WebVTT

    /// Parses a WebVTT file: the `WEBVTT` header (after an optional BOM), header lines,
    /// `NOTE`, `STYLE` and `REGION` blocks, cue identifiers, cue timings with settings,
    /// and cue text with tags (`<v Speaker>`, `<c.class>`, `<i>`, `<00:01.000>`).
    /// - Throws: `TranscriptError` naming the line for a missing header, a cue without a
    ///   timing line, or a broken timestamp.
    public static func parseWebVTT(_ bytes: [UInt8]) throws(TranscriptError) -> ParsedTranscript {
        let start = hasBOM(bytes) ? 3 : 0
        let lines = LineScanner.lines(bytes, from: start)
        guard let first = lines.first, !lines.allSatisfy({ LineScanner.isBlank(bytes, $0) }) else {
            throw TranscriptError(line: 1, "empty file; a WebVTT file starts with a line 'WEBVTT'")
        }
        let head = LineScanner.text(bytes, first)
        guard head.hasPrefix("WEBVTT"), head.utf8.count == 6 || [" ", "\t"].contains(head.dropFirst(6).first.map(String.init) ?? "") else {
            throw TranscriptError(line: first.number, "missing 'WEBVTT' header: a WebVTT file starts with a line 'WEBVTT', found '\(excerpt(head))'")
        }
        var out = ParsedTranscript()
        var i = 1
        // Header lines run to the first blank line.
        while i < lines.count, !LineScanner.isBlank(bytes, lines[i]) { i += 1 }
        while i < lines.count {
            if LineScanner.isBlank(bytes, lines[i]) { i += 1; continue }
            let l = lines[i]
            let text = LineScanner.text(bytes, l)
            if isBlockKeyword(text, "NOTE") || isBlockKeyword(text, "STYLE") || isBlockKeyword(text, "REGION") {
                while i < lines.count, !LineScanner.isBlank(bytes, lines[i]) { i += 1 }
                continue
            }
            var identifier: String?
            var timingLine = l
            if !ByteText.contains(text, "-->") {
                identifier = text
                guard i + 1 < lines.count, !LineScanner.isBlank(bytes, lines[i + 1]), ByteText.contains(LineScanner.text(bytes, lines[i + 1]), "-->") else {
                    throw TranscriptError(line: l.number, "text outside a cue: '\(excerpt(text))' has no timing line; each cue needs a line like '00:00:01.000 --> 00:00:04.000' (or start a comment with NOTE)")
                }
                i += 1
                timingLine = lines[i]
            }
            guard let (s, e) = timing(bytes, timingLine, separator: "-->", fraction: [0x2E]) else {
                throw TranscriptError(line: timingLine.number, "broken cue timing '\(excerpt(LineScanner.text(bytes, timingLine)))'; expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm' (hours optional)")
            }
            i += 1
            var textLines: [LineScanner.Line] = []
            while i < lines.count, !LineScanner.isBlank(bytes, lines[i]) {
                // A timing line inside cue text starts the next cue.
                if timing(bytes, lines[i], separator: "-->", fraction: [0x2E]) != nil { break }
                textLines.append(lines[i])
                i += 1
            }
            addCue(bytes, textLines, identifier: identifier, start: s, end: e, timingLine: timingLine, vtt: true, into: &out)
        }
        return out
    }

    // MARK: SRT

    /// Parses a SubRip file: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm` timings, text
    /// with optional `<i>`/`<b>`/`<font>` tags.
    /// - Throws: `TranscriptError` naming the line for an empty file, a missing cue number
    ///   or timing line, or a broken timestamp.
    public static func parseSRT(_ bytes: [UInt8]) throws(TranscriptError) -> ParsedTranscript {
        let lines = LineScanner.lines(bytes, from: hasBOM(bytes) ? 3 : 0)
        if lines.allSatisfy({ LineScanner.isBlank(bytes, $0) }) { throw TranscriptError(line: 1, "empty file; an SRT file starts with a cue number and a timing line") }
        var out = ParsedTranscript()
        var i = 0
        while i < lines.count {
            if LineScanner.isBlank(bytes, lines[i]) { i += 1; continue }
            let l = lines[i]
            let text = LineScanner.text(bytes, l).trimmingSpaces
            var identifier: String?
            var timingLine = l
            if !ByteText.contains(text, "-->") {
                guard !text.isEmpty, text.utf8.allSatisfy(SpeakerLabel.isDigit) else {
                    throw TranscriptError(line: l.number, "expected a cue number, found '\(excerpt(text))'; an SRT cue is a number, a timing line '00:00:01,000 --> 00:00:04,000' and text")
                }
                identifier = text
                guard i + 1 < lines.count, !LineScanner.isBlank(bytes, lines[i + 1]) else {
                    throw TranscriptError(line: l.number, "cue \(text) has no timing line; expected '00:00:01,000 --> 00:00:04,000' on the next line")
                }
                i += 1
                timingLine = lines[i]
                if !ByteText.contains(LineScanner.text(bytes, timingLine), "-->") {
                    throw TranscriptError(line: timingLine.number, "cue \(text) has no timing line: expected '00:00:01,000 --> 00:00:04,000', found '\(excerpt(LineScanner.text(bytes, timingLine)))'")
                }
            }
            guard let (s, e) = timing(bytes, timingLine, separator: "-->", fraction: [0x2C]) else {
                throw TranscriptError(line: timingLine.number, "broken cue timing '\(excerpt(LineScanner.text(bytes, timingLine)))'; SRT expects 'HH:MM:SS,mmm --> HH:MM:SS,mmm' (a comma before the milliseconds)")
            }
            i += 1
            var textLines: [LineScanner.Line] = []
            while i < lines.count, !LineScanner.isBlank(bytes, lines[i]) {
                textLines.append(lines[i])
                i += 1
            }
            addCue(bytes, textLines, identifier: identifier, start: s, end: e, timingLine: timingLine, vtt: false, into: &out)
        }
        return out
    }

    // MARK: SBV

    /// Parses a YouTube SBV file: `H:MM:SS.mmm,H:MM:SS.mmm` lines each followed by text.
    /// - Throws: `TranscriptError` naming the line for an empty file, a missing or broken timing.
    public static func parseSBV(_ bytes: [UInt8]) throws(TranscriptError) -> ParsedTranscript {
        let lines = LineScanner.lines(bytes, from: hasBOM(bytes) ? 3 : 0)
        if lines.allSatisfy({ LineScanner.isBlank(bytes, $0) }) { throw TranscriptError(line: 1, "empty file; an SBV file starts with a timing line '0:00:01.000,0:00:04.000'") }
        var out = ParsedTranscript()
        var i = 0
        while i < lines.count {
            if LineScanner.isBlank(bytes, lines[i]) { i += 1; continue }
            let l = lines[i]
            guard let (s, e) = timing(bytes, l, separator: ",", fraction: [0x2E]) else {
                let text = LineScanner.text(bytes, l)
                if ByteText.contains(text, ",") && ByteText.contains(text, ":") && SpeakerLabel.isDigit(text.utf8.first ?? 0) {
                    throw TranscriptError(line: l.number, "broken cue timing '\(excerpt(text))'; SBV expects 'H:MM:SS.mmm,H:MM:SS.mmm'")
                }
                throw TranscriptError(line: l.number, "expected a cue timing like '0:00:01.000,0:00:04.000', found '\(excerpt(text))'")
            }
            i += 1
            var textLines: [LineScanner.Line] = []
            while i < lines.count, !LineScanner.isBlank(bytes, lines[i]) {
                textLines.append(lines[i])
                i += 1
            }
            addCue(bytes, textLines, identifier: nil, start: s, end: e, timingLine: l, vtt: false, into: &out)
        }
        return out
    }

    // MARK: Shared

    static func hasBOM(_ b: [UInt8]) -> Bool { b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF }

    static func isBlockKeyword(_ text: String, _ word: String) -> Bool {
        guard text.hasPrefix(word) else { return false }
        let rest = text.dropFirst(word.count)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }

    static func excerpt(_ s: String) -> String { s.count > 60 ? String(s.prefix(57)) + "..." : s }

    /// `start SEP end [settings]` on a line; nil when either time is broken.
    static func timing(_ b: [UInt8], _ l: LineScanner.Line, separator: String, fraction: Set<UInt8>) -> (Double, Double)? {
        var i = l.start
        while i < l.end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard let (s, e1) = Timestamp.parse(b, i, l.end, fraction: fraction, needFraction: true) else { return nil }
        i = e1
        while i < l.end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        let sep = Array(separator.utf8)
        guard i + sep.count <= l.end, Array(b[i..<(i + sep.count)]) == sep else { return nil }
        i += sep.count
        while i < l.end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard let (e, e2) = Timestamp.parse(b, i, l.end, fraction: fraction, needFraction: true) else { return nil }
        // Only cue settings may follow, after a space.
        if e2 < l.end, b[e2] != 0x20, b[e2] != 0x09 { return nil }
        return (s, e)
    }

    static func addCue(_ bytes: [UInt8], _ textLines: [LineScanner.Line], identifier: String?, start: Double, end: Double, timingLine: LineScanner.Line, vtt: Bool, into out: inout ParsedTranscript) {
        var endTime = end
        if end < start {
            out.warnings.append(Diagnostic(.warning, line: timingLine.number, message: "cue ends (\(Timestamp.format(end))) before it starts (\(Timestamp.format(start))); its end is taken as its start"))
            endTime = start
        }
        let parts = CueText.clean(bytes, textLines, vtt: vtt)
        if parts.allSatisfy({ $0.text.bytes.isEmpty }) {
            out.warnings.append(Diagnostic(.warning, line: timingLine.number, message: "cue has no text"))
            out.cues.append(TranscriptCue(identifier: identifier, start: start, end: endTime, text: [], sourceMap: SourceMap(line: timingLine.number + 1, column: 1, byteOffset: nil), line: timingLine.number))
            return
        }
        for p in parts where !p.text.bytes.isEmpty {
            out.cues.append(TranscriptCue(identifier: identifier, start: start, end: endTime, speaker: p.voice, text: p.text.bytes, sourceMap: p.text.sourceMap, line: timingLine.number))
        }
    }
}

/// Cleans cue text: strips tags, takes voices from `<v Speaker>`, decodes the common entities.
enum CueText {
    struct Part {
        var voice: String?
        var text = MappedText()
    }

    static let entities: [String: [UInt8]] = [
        "amp": [0x26], "lt": [0x3C], "gt": [0x3E], "quot": [0x22], "apos": [0x27], "nbsp": [0x20],
        "lrm": [], "rlm": [],
    ]

    /// The cue's text split into parts by voice. Lines are joined with "\n"; blank lines dropped.
    static func clean(_ b: [UInt8], _ lines: [LineScanner.Line], vtt: Bool) -> [Part] {
        var parts: [Part] = [Part()]
        for l in lines {
            var lineText = MappedText()
            var i = l.start
            var runStart = i
            var columns = LineScanner.ColumnCounter(lineStart: l.start)
            func flushRun(_ to: Int) {
                if to > runStart {
                    lineText.append(b[runStart..<to], line: l.number, column: columns.column(b, at: runStart), byteOffset: runStart)
                }
            }
            while i < l.end {
                let c = b[i]
                if c == 0x3C {  // '<'
                    var j = i + 1
                    while j < l.end, b[j] != 0x3E, b[j] != 0x3C { j += 1 }
                    if j < l.end, b[j] == 0x3E {
                        flushRun(i)
                        let tag = Array(b[(i + 1)..<j])
                        if vtt, tag.first == UInt8(ascii: "v"), tag.count == 1 || tag[1] == 0x20 || tag[1] == 0x2E || tag[1] == 0x09 {
                            // <v Speaker> or <v.class Speaker>: a new voice.
                            var k = 1
                            while k < tag.count, tag[k] != 0x20, tag[k] != 0x09 { k += 1 }
                            let name = String(decoding: tag[min(k, tag.count)...], as: UTF8.self).trimmingSpaces
                            let voice = name.isEmpty ? nil : name
                            if let last = parts.last, last.voice != voice {
                                if last.text.bytes.isEmpty && lineText.bytes.isEmpty { parts[parts.count - 1].voice = voice } else {
                                    appendLine(&parts, &lineText)
                                    parts.append(Part(voice: voice))
                                }
                            }
                        }
                        i = j + 1
                        runStart = i
                        continue
                    }
                }
                if c == 0x26 {  // '&'
                    var j = i + 1
                    while j < l.end, j - i < 10, (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A { j += 1 }
                    if j < l.end, b[j] == 0x3B, let rep = entities[String(decoding: b[(i + 1)..<j], as: UTF8.self).lowercased()] {
                        flushRun(i)
                        if !rep.isEmpty { lineText.append(rep, line: l.number, column: columns.column(b, at: i), byteOffset: nil) }
                        i = j + 1
                        runStart = i
                        continue
                    }
                }
                i += 1
            }
            flushRun(l.end)
            appendLine(&parts, &lineText)
        }
        return parts
    }

    /// Adds a line (trimmed) to the last part, joined by "\n"; a blank line is dropped.
    static func appendLine(_ parts: inout [Part], _ line: inout MappedText) {
        defer { line = MappedText() }
        var s = 0, e = line.bytes.count
        while s < e, line.bytes[s] == 0x20 || line.bytes[s] == 0x09 { s += 1 }
        while e > s, line.bytes[e - 1] == 0x20 || line.bytes[e - 1] == 0x09 || line.bytes[e - 1] == 0x0D { e -= 1 }
        if s == e { return }
        let map = line.sourceMap
        var p = parts[parts.count - 1]
        if !p.text.bytes.isEmpty { p.text.appendSynthetic(0x0A) }
        // Re-anchor the trimmed slice: an anchor at its start, then the line's own anchors inside it.
        let base = p.text.bytes.count
        let startPos = map.position(of: s, in: line.bytes)
        p.text.anchors.append(SourceMap.Anchor(offset: base, line: startPos.line, column: startPos.column, byteOffset: startPos.byteOffset))
        for k in 0..<map.anchorCount {
            let a = map.anchor(k)
            guard a.offset > s && a.offset < e else { continue }
            p.text.anchors.append(SourceMap.Anchor(offset: base + a.offset - s, line: a.line, column: a.column, byteOffset: a.byteOffset))
        }
        p.text.bytes.append(contentsOf: line.bytes[s..<e])
        parts[parts.count - 1] = p
    }
}
