/// The kinds of input tonecheck reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain text or Markdown.
    case text
    /// JSON Lines: one `{"id", "text", ...}` object per line, one document each.
    case jsonl

    /// Guesses the format from the first bytes and the file name.
    public static func detect(_ bytes: ArraySlice<UInt8>, path: String?) -> InputFormat {
        if let path, path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        return .text
    }
}
