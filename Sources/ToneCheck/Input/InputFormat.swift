/// The kinds of input tonecheck reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain text or Markdown.
    case text
    /// JSON Lines: one `{"id", "text", ...}` object per line, one document each.
    case jsonl
    /// A template or canned reply (.html .md .liquid .hbs .mustache .j2 .tmpl .txt ...):
    /// placeholders, tags, comments and markup are opaque; see `TemplateReader`.
    case template
    /// One RFC 5322 / MIME message (.eml).
    case email
    /// An mbox: messages separated by `From ` lines, one document each.
    case mbox
    /// A maildir folder (`cur/`, `new/`): one message per file.
    case maildir
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

    /// Guesses the format from the first bytes and the file name: `.jsonl`/`.ndjson` by
    /// name; an mbox starts with a `From ` line; a message starts with header lines
    /// (`From:`, `Received:`, `Return-Path:`, `MIME-Version:`, ...); transcripts by content;
    /// then templates by extension (.html .md .liquid .hbs .txt ...); else text.
    public static func detect(_ bytes: ArraySlice<UInt8>, path: String?) -> InputFormat {
        if let path, path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        var b = bytes
        // A UTF-8 byte order mark.
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        if b.starts(with: Array("From ".utf8)) { return .mbox }
        if looksLikeMessage(b) { return .email }
        if let path, path.hasSuffix(".eml") { return .email }
        if let path, path.hasSuffix(".mbox") || path.hasSuffix(".mbx") { return .mbox }
        if let t = TranscriptDetector.detect(bytes, path: path) { return t }
        // Templates last: content sniffing (email, transcripts) wins for a .txt.
        return CommentStyle.forPath(path) != nil ? .template : .text
    }

    static let messageHeaders: Set<String> = [
        "from", "received", "return-path", "mime-version", "message-id", "date", "to", "subject", "delivered-to",
        "reply-to", "sender", "content-type", "dkim-signature", "authentication-results", "x-mailer", "cc", "in-reply-to",
        "references", "arc-seal", "x-received", "thread-topic", "thread-index", "user-agent", "x-original-to", "envelope-to",
    ]

    /// Whether the bytes start with a header block: the first line is a known header field
    /// and every line up to the blank line (or the first 4 KB) is a field or a continuation.
    static func looksLikeMessage(_ b: ArraySlice<UInt8>) -> Bool {
        var i = b.startIndex
        var lines = 0
        var firstKnown = false
        var known = 0
        while i < b.endIndex {
            var e = i
            while e < b.endIndex, b[e] != 0x0A { e += 1 }
            var line = b[i..<e]
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { break }
            if ByteText.isSpace(line.first!) {
                if lines == 0 { return false }
            } else {
                guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                      line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                    return false
                }
                let name = ByteText.lowerString(line[line.startIndex..<colon])
                let isKnown = messageHeaders.contains(name) || name.hasPrefix("x-") || name.hasPrefix("content-") || name.hasPrefix("list-")
                if lines == 0 { firstKnown = isKnown }
                if isKnown { known += 1 }
            }
            lines += 1
            if e >= b.endIndex { break }
            i = e + 1
        }
        // "Subject: ..." alone could start a draft; ask for two known fields.
        return firstKnown && known >= 2
    }
}
