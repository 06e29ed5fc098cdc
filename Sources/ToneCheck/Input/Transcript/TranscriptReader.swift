/// Turns a transcript file into a `Document` of `turn` segments, whatever its format.
///
/// Cues are read by the format's parser; a "Speaker:" label at the start of a caption's
/// text becomes its speaker (and is dropped from the text, with an anchor so positions
/// stay right); non-verbal cues are rewritten to `( … )`; consecutive cues of one named
/// speaker merge into one turn. Each turn is a `Segment(role: .turn)` with its speaker and
/// time range, mapped back to the line and column of its text in the original file.
public enum TranscriptReader {
    /// Reads `bytes` as `format` (one of the transcript formats).
    public static func read(_ bytes: [UInt8], format: InputFormat, path: String?) -> Result<Document, TranscriptError> {
        let parsed: ParsedTranscript
        do {
            switch format {
            case .vtt: parsed = try CaptionParser.parseWebVTT(bytes)
            case .srt: parsed = try CaptionParser.parseSRT(bytes)
            case .sbv: parsed = try CaptionParser.parseSBV(bytes)
            case .transcribeJSON: parsed = try TranscribeJSONParser.parse(bytes)
            default: parsed = SpeakerLinesParser.parse(bytes)
            }
        } catch {
            return .failure(error)
        }
        var doc = document(from: parsed, format: format.rawValue, path: path, labelsInText: format != .transcript && format != .transcribeJSON)
        if doc.segments.isEmpty {
            doc.warnings.append(Diagnostic(.warning, path: path, line: nil, message: "empty transcript: no speaker turns found"))
        }
        if UTF8Check.firstInvalid(in: bytes) != nil {
            doc.warnings.append(Diagnostic(.warning, path: path, message: "invalid UTF-8; checked with replacement characters"))
        }
        return .success(doc)
    }

    /// A transcript document from plain text written as "Speaker: text" lines; text with
    /// no labels is one turn with no speaker. Used to run the examples of turn rules.
    public static func document(text: String, path: String? = nil) -> Document {
        document(from: SpeakerLinesParser.parse(Array(text.utf8)), format: InputFormat.transcript.rawValue, path: path, labelsInText: false)
    }

    /// Forms turns from cues.
    public static func document(from parsed: ParsedTranscript, format: String, path: String?, labelsInText: Bool) -> Document {
        var doc = Document(id: path, path: path, format: format)
        doc.warnings = parsed.warnings.map { var d = $0; d.path = path; return d }
        var speakers: [String] = []
        var seen = Set<String>()
        // The turn being built: consecutive cues of one named speaker merge into it.
        var pending: (speaker: String?, text: [UInt8], anchors: [SourceMap.Anchor], start: Double?, end: Double?, firstItem: Int?)?
        func flush() {
            guard let p = pending else { return }
            var seg = Segment(role: .turn, text: p.text, sourceMap: SourceMap(anchors: p.anchors), speaker: p.speaker, startTime: p.start, endTime: p.end)
            seg.firstItem = p.firstItem
            doc.segments.append(seg)
            pending = nil
        }
        for cue in parsed.cues where !cue.text.isEmpty {
            let pieces: [TranscriptCue] = labelsInText && cue.speaker == nil ? splitLabels(cue) : [cue]
            for var p in pieces {
                NonVerbalCue.canonicalise(&p.text)
                if p.text.isEmpty { continue }
                if let s = p.speaker, !seen.contains(s) {
                    seen.insert(s)
                    speakers.append(s)
                }
                if let s = p.speaker, pending?.speaker == s {
                    // The same speaker goes on: one turn.
                    let base = pending!.text.count + 1
                    pending!.text.append(0x0A)
                    pending!.text += p.text
                    for k in 0..<p.sourceMap.anchorCount {
                        let a = p.sourceMap.anchor(k)
                        pending!.anchors.append(SourceMap.Anchor(offset: base + a.offset, line: a.line, column: a.column, byteOffset: a.byteOffset))
                    }
                    if let e = p.end { pending!.end = max(pending!.end ?? e, e) }
                    if pending!.start == nil { pending!.start = p.start }
                    continue
                }
                flush()
                pending = (p.speaker, p.text, p.sourceMap.anchors, p.start, p.end, p.firstItem)
            }
        }
        flush()
        if !speakers.isEmpty, let i = doc.segments.firstIndex(where: { $0.speaker == nil }) {
            let s = doc.segments[i]
            let line = s.sourceMap.position(of: 0, in: s.text).line
            doc.warnings.append(Diagnostic(.warning, path: path, line: line, message: "turn with no speaker label; counted as \(SpeakerAnalysis.unknownSpeaker)"))
        }
        doc.metadata.speakers = speakers
        doc.metadata.from = speakers.first
        return doc
    }

    /// Splits a caption's text at lines that start with a "Speaker:" label.
    static func splitLabels(_ cue: TranscriptCue) -> [TranscriptCue] {
        let t = cue.text
        var out: [TranscriptCue] = []
        var lineStart = 0
        var current: (speaker: String?, start: Int)? = nil
        func emit(_ end: Int) {
            guard let c = current else { return }
            var e = end
            while e > c.start, t[e - 1] == 0x0A || t[e - 1] == 0x20 { e -= 1 }
            guard e > c.start else { return }
            var piece = cue
            piece.speaker = c.speaker
            piece.text = Array(t[c.start..<e])
            piece.sourceMap = shifted(cue.sourceMap, from: c.start, to: e, in: t)
            out.append(piece)
        }
        while lineStart <= t.count {
            var lineEnd = lineStart
            while lineEnd < t.count, t[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd > lineStart, let m = SpeakerLabel.parse(t, lineStart, lineEnd, allowDash: true), !m.headerOnly {
                emit(lineStart)
                current = (m.name, m.textStart)
            } else if current == nil {
                current = (nil, lineStart)
            }
            if lineEnd >= t.count { break }
            lineStart = lineEnd + 1
        }
        emit(t.count)
        return out.isEmpty ? [cue] : out
    }

    /// The map of `text[from..<to]` as its own segment.
    static func shifted(_ map: SourceMap, from: Int, to: Int, in text: [UInt8]) -> SourceMap {
        let p = map.position(of: from, in: text)
        var anchors = [SourceMap.Anchor(offset: 0, line: p.line, column: p.column, byteOffset: p.byteOffset)]
        for k in 0..<map.anchorCount {
            let a = map.anchor(k)
            guard a.offset > from && a.offset < to else { continue }
            anchors.append(SourceMap.Anchor(offset: a.offset - from, line: a.line, column: a.column, byteOffset: a.byteOffset))
        }
        return SourceMap(anchors: anchors)
    }
}
