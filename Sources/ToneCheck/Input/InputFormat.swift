/// The kinds of input tonecheck reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain text or Markdown.
    case text
    /// JSON Lines: one `{"id", "text", ...}` object per line, one document each.
    case jsonl
    /// A template or canned reply (.html .md .liquid .hbs .mustache .j2 .tmpl .txt ...):
    /// placeholders, tags, comments and markup are opaque; see `TemplateReader`.
    case template

    /// Guesses the format from the first bytes and the file name.
    public static func detect(_ bytes: ArraySlice<UInt8>, path: String?) -> InputFormat {
        if let path, path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        // Templates last: content sniffing (email, transcripts) must win for a .txt.
        return CommentStyle.forPath(path) != nil ? .template : .text
    }
}
