/// Reads plain transcripts: "Speaker: text" lines, timestamped lines (`[00:01:23] Dana: …`,
/// `Dana (00:01:23): …`) and header lines (`00:01:23 Dana` on its own, text below), as
/// meeting tools export. Lines without a label continue the current turn.
public enum SpeakerLinesParser {
    /// Parses the whole file. Never fails: text before the first label is a turn with no speaker.
    public static func parse(_ bytes: [UInt8]) -> ParsedTranscript {
        var out = ParsedTranscript()
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var current: (speaker: String?, time: Double?, line: Int, text: MappedText)?
        func flush() {
            guard var c = current else { return }
            // Trim trailing newlines added between lines.
            while let l = c.text.bytes.last, l == 0x0A || l == 0x20 { c.text.bytes.removeLast() }
            if !c.text.bytes.isEmpty {
                out.cues.append(TranscriptCue(start: c.time, speaker: c.speaker, text: c.text.bytes, sourceMap: c.text.sourceMap, line: c.line))
            }
            current = nil
        }
        for line in LineScanner.lines(bytes, from: start) {
            if LineScanner.isBlank(bytes, line) {
                if current != nil, !(current!.text.bytes.isEmpty) { current!.text.appendSynthetic(0x0A) }
                continue
            }
            if let m = SpeakerLabel.parse(bytes, line.start, line.end) {
                flush()
                var text = MappedText()
                if !m.headerOnly {
                    let col = LineScanner.column(bytes, lineStart: line.start, offset: m.textStart)
                    text.append(bytes[m.textStart..<line.end], line: line.number, column: col, byteOffset: m.textStart)
                }
                current = (m.name, m.time, line.number, text)
                continue
            }
            // A continuation line (or text before any label).
            var s = line.start
            while s < line.end, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            if current == nil { current = (nil, nil, line.number, MappedText()) }
            if !current!.text.bytes.isEmpty, current!.text.bytes.last != 0x0A { current!.text.appendSynthetic(0x0A) }
            current!.text.append(bytes[s..<line.end], line: line.number, column: LineScanner.column(bytes, lineStart: line.start, offset: s), byteOffset: s)
        }
        flush()
        inferEnds(&out.cues)
        return out
    }

    /// Timestamped lines give only start times: a turn ends when the next one starts; the
    /// last turn is given 0.4 s per word (150 words a minute).
    static func inferEnds(_ cues: inout [TranscriptCue]) {
        guard cues.contains(where: { $0.start != nil }) else { return }
        for i in cues.indices where cues[i].start != nil && cues[i].end == nil {
            if let next = cues[(i + 1)...].first(where: { $0.start != nil })?.start, next >= cues[i].start! {
                cues[i].end = next
            } else if i == cues.count - 1 || cues[(i + 1)...].allSatisfy({ $0.start == nil }) {
                let words = Tokenizer.tokenize(cues[i].text).filter(\.isWord).count
                cues[i].end = cues[i].start! + 0.4 * Double(max(1, words))
            }
        }
    }

    /// Whether the start of a file reads as a "Speaker: text" transcript: at least two
    /// labelled lines from two different speakers, and at least 60% of the non-blank lines
    /// labelled (or the text under a header line). Email headers and prose with the odd
    /// "Note:" line do not qualify.
    public static func looksLikeTranscript(_ bytes: ArraySlice<UInt8>) -> Bool {
        var b = Array(bytes)
        // Drop a partial last line when the prefix was cut.
        if b.count >= 4096, let lastNL = b.lastIndex(of: 0x0A) { b = Array(b[..<lastNL]) }
        let lines = LineScanner.lines(b)
        var nonBlank = 0, labelled = 0, underHeader = 0
        var speakers = Set<String>()
        var afterHeader = false
        var first = true
        for l in lines {
            if LineScanner.isBlank(b, l) { afterHeader = false; continue }
            if first {
                first = false
                if looksLikeEmailHeader(b, l) { return false }
            }
            nonBlank += 1
            if let m = SpeakerLabel.parse(b, l.start, l.end) {
                labelled += 1
                speakers.insert(m.name.lowercased())
                afterHeader = m.headerOnly
            } else if afterHeader {
                underHeader += 1
            }
        }
        guard labelled >= 2, speakers.count >= 2 else { return false }
        return Double(labelled + underHeader) >= 0.6 * Double(nonBlank)
    }

    static let emailHeaders: [String] = [
        "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version", "delivered-to",
        "cc", "reply-to", "content-type", "x-",
    ]

    static func looksLikeEmailHeader(_ b: [UInt8], _ l: LineScanner.Line) -> Bool {
        let text = LineScanner.text(b, l).lowercased()
        if text.hasPrefix("from ") && !text.contains(":") { return true }  // mbox
        guard let colon = text.firstIndex(of: ":") else { return false }
        let name = text[..<colon]
        return emailHeaders.contains { $0.hasSuffix("-") ? name.hasPrefix($0) : name == $0 } && !name.contains(" ")
    }
}
