import Foundation

/// Reads the JSON that Amazon Transcribe writes: `results.items` (words and punctuation,
/// each with `start_time`, `end_time`, `alternatives[0].content` and, with speaker
/// identification, `speaker_label`), `results.speaker_labels.segments` (who spoke when)
/// and `results.transcripts` (the whole text, used when there are no items).
/// Consecutive words of one speaker become one cue; each word's position is the line and
/// column of its `content` string in the file.
public enum TranscribeJSONParser {
    /// Parses the file.
    /// - Throws: `TranscriptError` naming the JSON path (`results.items[3].start_time`) and,
    ///   when it can be found, the line.
    public static func parse(_ bytes: [UInt8]) throws(TranscriptError) -> ParsedTranscript {
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON(Data(bytes))
        } catch {
            throw TranscriptError(line: nil, "not valid JSON: \(error.message)")
        }
        guard let root = value.objectValue else { throw TranscriptError(line: 1, "expected an Amazon Transcribe object with 'results', found \(value.typeName)") }
        guard let resultsValue = root["results"] else { throw TranscriptError(line: 1, "results: missing; expected Amazon Transcribe output with 'results.items' or 'results.transcripts'") }
        guard let results = resultsValue.objectValue else { throw TranscriptError(line: nil, "results: must be an object, found \(resultsValue.typeName)") }
        let contentPositions = ContentScanner.positions(bytes)
        var out = ParsedTranscript()

        // Speaker segments: time ranges → label, for items that carry no label of their own.
        var segments: [(start: Double, end: Double, label: String)] = []
        if let sl = results["speaker_labels"] {
            guard let slo = sl.objectValue else { throw TranscriptError(line: nil, "results.speaker_labels: must be an object, found \(sl.typeName)") }
            if let segs = slo["segments"] {
                guard let arr = segs.arrayValue else { throw TranscriptError(line: nil, "results.speaker_labels.segments: must be a list, found \(segs.typeName)") }
                for (k, s) in arr.enumerated() {
                    let path = "results.speaker_labels.segments[\(k)]"
                    guard let o = s.objectValue else { throw TranscriptError(line: nil, "\(path): must be an object, found \(s.typeName)") }
                    guard let label = o["speaker_label"]?.stringValue else { throw TranscriptError(line: nil, "\(path).speaker_label: missing or not a string") }
                    let st = try seconds(o["start_time"], "\(path).start_time", line: nil)
                    let en = try seconds(o["end_time"], "\(path).end_time", line: nil)
                    guard let st, let en else { throw TranscriptError(line: nil, "\(path): needs start_time and end_time") }
                    segments.append((st, en, label))
                }
            }
        }
        func label(at t: Double?) -> String? {
            guard let t else { return nil }
            for s in segments where t >= s.start - 0.001 && t <= s.end + 0.001 { return s.label }
            return nil
        }

        guard let itemsValue = results["items"] else {
            // No items: the plain transcripts, one cue each.
            guard let tv = results["transcripts"] else { throw TranscriptError(line: nil, "results: has neither 'items' nor 'transcripts'") }
            guard let ta = tv.arrayValue else { throw TranscriptError(line: nil, "results.transcripts: must be a list, found \(tv.typeName)") }
            for (k, t) in ta.enumerated() {
                guard let s = t.objectValue?["transcript"]?.stringValue else { throw TranscriptError(line: nil, "results.transcripts[\(k)].transcript: missing or not a string") }
                if !s.isEmpty { out.cues.append(TranscriptCue(text: Array(s.utf8), sourceMap: SourceMap(line: 1, column: 1, byteOffset: nil), line: 1)) }
            }
            return out
        }
        guard let items = itemsValue.arrayValue else { throw TranscriptError(line: nil, "results.items: must be a list, found \(itemsValue.typeName)") }
        // Alternatives in file order line up with the `content` strings found by the scanner.
        let altCount = items.reduce(0) { $0 + ($1.objectValue?["alternatives"]?.arrayValue?.count ?? 0) }
        let positionsUsable = contentPositions.count == altCount
        var contentIndex = 0

        var current: (speaker: String?, start: Double?, end: Double?, line: Int, text: MappedText)?
        func flush() {
            if let c = current, !c.text.bytes.isEmpty {
                out.cues.append(TranscriptCue(start: c.start, end: c.end, speaker: c.speaker, text: c.text.bytes, sourceMap: c.text.sourceMap, line: c.line))
            }
            current = nil
        }
        var lastSpeaker: String?
        for (k, item) in items.enumerated() {
            let path = "results.items[\(k)]"
            guard let o = item.objectValue else { throw TranscriptError(line: nil, "\(path): must be an object, found \(item.typeName)") }
            let alts = o["alternatives"]?.arrayValue
            let pos: (line: Int, column: Int)? = positionsUsable && contentIndex < contentPositions.count ? contentPositions[contentIndex] : nil
            contentIndex += alts?.count ?? 0
            guard let alts, let first = alts.first?.objectValue else {
                throw TranscriptError(line: pos?.line, "\(path).alternatives: missing or empty; each item needs alternatives[0].content")
            }
            guard let content = first["content"]?.stringValue else {
                throw TranscriptError(line: pos?.line, "\(path).alternatives[0].content: missing or not a string")
            }
            let type = o["type"]?.stringValue ?? "pronunciation"
            let st = try seconds(o["start_time"], "\(path).start_time", line: pos?.line)
            let en = try seconds(o["end_time"], "\(path).end_time", line: pos?.line)
            if let st, let en, en < st {
                out.warnings.append(Diagnostic(.warning, line: pos?.line, message: "\(path): end_time \(en) is before start_time \(st)"))
            }
            if let sl = o["speaker_label"], sl.stringValue == nil { throw TranscriptError(line: pos?.line, "\(path).speaker_label: must be a string, found \(sl.typeName)") }
            let isPunctuation = type == "punctuation"
            var speaker = o["speaker_label"]?.stringValue ?? label(at: st)
            if isPunctuation || speaker == nil { speaker = speaker ?? lastSpeaker }
            if current == nil || (!isPunctuation && speaker != current!.speaker) {
                flush()
                current = (speaker, st, en, pos?.line ?? 1, MappedText())
            }
            lastSpeaker = speaker
            if !isPunctuation, !current!.text.bytes.isEmpty { current!.text.appendSynthetic(0x20) }
            current!.text.append(Array(content.utf8), line: pos?.line ?? 1, column: pos?.column ?? 1, byteOffset: nil)
            if let en { current!.end = max(current!.end ?? en, en) }
            if current!.start == nil { current!.start = st }
        }
        flush()
        if out.cues.isEmpty { out.warnings.append(Diagnostic(.warning, line: nil, message: "results.items: empty transcript; no words to check")) }
        return out
    }

    /// Seconds from a string ("1.23", as Transcribe writes them) or a number.
    static func seconds(_ v: JSONValue?, _ path: String, line: Int?) throws(TranscriptError) -> Double? {
        guard let v else { return nil }
        switch v {
        case .number(let d) where d.isFinite && d >= 0 && d < 1e8: return d
        case .string(let s):
            guard let d = Double(s), d.isFinite, d >= 0, d < 1e8 else { throw TranscriptError(line: line, "\(path): '\(s)' is not a number of seconds (0 to 100000000)") }
            return d
        case .null: return nil
        case .number(let d): throw TranscriptError(line: line, "\(path): \(d) is not a number of seconds (0 to 100000000)")
        default: throw TranscriptError(line: line, "\(path): must be seconds as a string or number, found \(v.typeName)")
        }
    }

    /// Whether the start of a file is Amazon Transcribe JSON.
    public static func looksLikeTranscribe(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x7B else { return false }
        let s = String(decoding: bytes, as: UTF8.self)
        return s.contains("\"results\"") && (s.contains("\"transcripts\"") || s.contains("\"items\"") || s.contains("\"speaker_labels\"") || s.contains("\"jobName\""))
    }
}

/// Finds where each `"content": "…"` value starts, in file order, without a full JSON parser.
enum ContentScanner {
    static func positions(_ b: [UInt8]) -> [(line: Int, column: Int)] {
        var out: [(line: Int, column: Int)] = []
        var line = 1, lineStart = 0
        var i = 0
        let n = b.count
        let key = Array("content".utf8)
        while i < n {
            let c = b[i]
            if c == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard c == 0x22 else { i += 1; continue }
            // A string: find its end.
            let s = i + 1
            var j = s
            while j < n, b[j] != 0x22 {
                if b[j] == 0x5C { j += 1 }
                if j < n, b[j] == 0x0A { line += 1; lineStart = j + 1 }
                j += 1
            }
            let isKey = j - s == key.count && Array(b[s..<j]) == key
            i = j + 1
            if isKey {
                var k = i
                while k < n, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D || b[k] == 0x0A {
                    if b[k] == 0x0A { line += 1; lineStart = k + 1 }
                    k += 1
                }
                guard k < n, b[k] == 0x3A else { continue }
                k += 1
                while k < n, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D || b[k] == 0x0A {
                    if b[k] == 0x0A { line += 1; lineStart = k + 1 }
                    k += 1
                }
                if k < n, b[k] == 0x22 {
                    out.append((line, LineScanner.column(b, lineStart: lineStart, offset: k + 1)))
                }
                i = k
            }
        }
        return out
    }
}
