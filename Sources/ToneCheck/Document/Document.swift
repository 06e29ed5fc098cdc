import Foundation

/// What every input becomes: metadata plus ordered segments of text, each with a role
/// and a map back to positions in the original bytes.
public struct Document: Sendable {
    /// A stable identifier: the JSONL `id`, an email's Message-ID, or the path.
    public var id: String?
    /// The path of the file this came from (or the `--stdin-filename`), if any.
    public var path: String?
    /// The detected or requested input format (`text`, `email`, `vtt`, ...).
    public var format: String
    /// Sender, recipients, subject, date, speakers and anything else the input carried.
    public var metadata: DocumentMetadata
    /// The text, in order, split by role.
    public var segments: [Segment]
    /// Problems met while reading the input (bad encoding, broken structure, ...).
    public var warnings: [Diagnostic]

    /// Creates a document.
    public init(
        id: String? = nil, path: String? = nil, format: String = "text",
        metadata: DocumentMetadata = DocumentMetadata(), segments: [Segment] = [],
        warnings: [Diagnostic] = []
    ) {
        self.id = id
        self.path = path
        self.format = format
        self.metadata = metadata
        self.segments = segments
        self.warnings = warnings
    }
}

/// Facts about a document that are not its text.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    /// The `From` header, or the transcript's first speaker.
    public var from: String?
    /// `To` recipients.
    public var to: [String] = []
    /// `Cc` recipients.
    public var cc: [String] = []
    /// The subject line, decoded.
    public var subject: String?
    /// When the message was sent (the `Date` header) or the call took place.
    public var date: Date?
    /// The original text of the date, as written.
    public var dateText: String?
    /// The UTC offset of `date` as written, in seconds east of UTC.
    public var dateOffsetSeconds: Int?
    /// `Message-ID`.
    public var messageID: String?
    /// `In-Reply-To`.
    public var inReplyTo: String?
    /// Names of attachments that were listed but not checked.
    public var attachments: [String] = []
    /// Speakers in a transcript, in order of first appearance.
    public var speakers: [String] = []
    /// Anything else worth carrying to the output (`index` in an mbox, JSONL fields, ...).
    public var extra: [String: String] = [:]

    /// Creates empty metadata.
    public init() {}
}

/// What part a segment of text plays in the document. Only the author's own words
/// (`body`, `subject`, `turn`) are scored by default.
public enum SegmentRole: String, Sendable, Codable, CaseIterable, Hashable {
    /// The author's own words.
    case body
    /// The subject line of a message.
    case subject
    /// An earlier message quoted in a reply.
    case quoted
    /// A forwarded message.
    case forwarded
    /// The author's signature block.
    case signature
    /// A legal disclaimer or confidentiality notice.
    case disclaimer
    /// A speaker's turn in a transcript.
    case turn
    /// A template placeholder, never linted as words.
    case placeholder

    /// Roles checked unless the user asks to include quoted text.
    public static let authored: Set<SegmentRole> = [.body, .subject, .turn]
}

/// A run of text with one role.
public struct Segment: Sendable {
    /// What the text is (body, quoted, signature, a speaker's turn, ...).
    public var role: SegmentRole
    /// The text as UTF-8 bytes (already decoded from any transfer encoding or charset).
    public var text: [UInt8]
    /// Where each part of `text` came from in the original input.
    public var sourceMap: SourceMap
    /// For a transcript turn: who spoke.
    public var speaker: String?
    /// For a transcript turn: start and end in seconds from the start of the call.
    public var startTime: Double?
    /// End time in seconds, when known.
    public var endTime: Double?
    /// For a turn read from speech-to-text JSON: the index of its first item in the
    /// service's item list (`results.items`); each item has its own source-map anchor.
    public var firstItem: Int?

    /// Creates a segment.
    public init(
        role: SegmentRole, text: [UInt8], sourceMap: SourceMap, speaker: String? = nil,
        startTime: Double? = nil, endTime: Double? = nil
    ) {
        self.role = role
        self.text = text
        self.sourceMap = sourceMap
        self.speaker = speaker
        self.startTime = startTime
        self.endTime = endTime
    }

    /// Creates a segment from a string whose first byte sits at `line`:`column` of the input.
    public init(role: SegmentRole, string: String, line: Int = 1, column: Int = 1, byteOffset: Int? = 0) {
        self.init(
            role: role, text: Array(string.utf8),
            sourceMap: SourceMap(line: line, column: column, byteOffset: byteOffset))
    }

    /// The text as a Swift string (invalid UTF-8 becomes U+FFFD).
    public var string: String { String(decoding: text, as: UTF8.self) }
}

/// A problem met while reading input or rules, with where it is.
public struct Diagnostic: Sendable, Codable, Equatable, CustomStringConvertible {
    /// How serious: a warning lets the run go on; an error stops this input.
    public enum Level: String, Sendable, Codable { case warning, error }
    /// How serious it is.
    public var level: Level
    /// The file, when known.
    public var path: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// What is wrong, lowercase and actionable.
    public var message: String

    /// Creates a diagnostic.
    public init(_ level: Level = .warning, path: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.level = level
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: level: message`, leaving out what is unknown.
    public var description: String {
        var prefix = ""
        if let path { prefix += path + ":" }
        if let line { prefix += "\(line):" }
        if line != nil, let column { prefix += "\(column):" }
        return (prefix.isEmpty ? "" : prefix + " ") + "\(level.rawValue): \(message)"
    }
}
