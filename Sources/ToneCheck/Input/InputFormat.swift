/// The kinds of input tonecheck reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain text or Markdown.
    case text
    /// JSON Lines: one `{"id", "text", ...}` object per line, one document each.
    case jsonl
    /// A call transcript as "Speaker: text" lines, optionally timestamped.
    case transcript
    /// WebVTT captions.
    case vtt
    /// SubRip (SRT) captions.
    case srt
    /// YouTube SBV captions.
    case sbv
    /// Amazon Transcribe JSON output.
    case transcribeJSON = "transcribe-json"

    /// Guesses the format from the first bytes and the file name.
    public static func detect(_ bytes: ArraySlice<UInt8>, path: String?) -> InputFormat {
        if let path, path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        if let t = TranscriptDetector.detect(bytes, path: path) { return t }
        return .text
    }
}
