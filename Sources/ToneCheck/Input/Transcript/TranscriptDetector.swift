/// Recognises transcript formats from the first bytes of a file (and its extension).
public enum TranscriptDetector {
    /// The transcript format of `prefix` (the first 4 KB), or nil when it is not a transcript.
    ///
    /// `WEBVTT` header → vtt; a cue number then `00:00:01,000 -->` → srt; `0:00:01.000,0:00:04.000`
    /// → sbv; a JSON object with `"results"` → transcribe-json; mostly "Name: text" or
    /// timestamped lines → transcript. The extensions .vtt, .srt and .sbv decide when the
    /// content does not (so a broken file still gets the right parser and a clear error).
    public static func detect(_ prefix: ArraySlice<UInt8>, path: String?) -> InputFormat? {
        var b = prefix
        if b.count >= 3, b[b.startIndex] == 0xEF, b[b.startIndex + 1] == 0xBB, b[b.startIndex + 2] == 0xBF { b = b.dropFirst(3) }
        if b.starts(with: "WEBVTT".utf8) { return .vtt }
        let ext = path.map { NSStringPath($0).ext } ?? ""
        let bytes = Array(b)
        let lines = LineScanner.lines(bytes).filter { !LineScanner.isBlank(bytes, $0) }
        if lines.count >= 2 {
            let l0 = LineScanner.text(bytes, lines[0]).trimmingSpaces
            if !l0.isEmpty, l0.utf8.allSatisfy(SpeakerLabel.isDigit), CaptionParser.timing(bytes, lines[1], separator: "-->", fraction: [0x2C, 0x2E]) != nil { return .srt }
        }
        if let l0 = lines.first, CaptionParser.timing(bytes, l0, separator: ",", fraction: [0x2E]) != nil { return .sbv }
        if TranscribeJSONParser.looksLikeTranscribe(b) { return .transcribeJSON }
        switch ext {
        case "vtt": return .vtt
        case "srt": return .srt
        case "sbv": return .sbv
        default: break
        }
        if SpeakerLinesParser.looksLikeTranscript(b) { return .transcript }
        return nil
    }
}

/// The lowercased extension of a path, without Foundation.
struct NSStringPath {
    var ext: String
    init(_ path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { ext = name[name.index(after: dot)...].lowercased() } else { ext = "" }
    }
}


extension InputFormat {
    /// Whether this is one of the call-transcript formats.
    public var isTranscript: Bool {
        switch self {
        case .transcript, .vtt, .srt, .sbv, .transcribeJSON: return true
        case .text, .jsonl, .template, .email, .mbox, .maildir: return false
        }
    }
}
