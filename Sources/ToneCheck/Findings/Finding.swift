/// One thing a rule found, with where it is and how to do better.
public struct Finding: Sendable, Equatable {
    /// The rule's id.
    public var ruleID: String
    /// The rule's category.
    public var category: Category
    /// How serious it is (after any configured override).
    public var severity: Severity
    /// The message, with `{match}` filled in.
    public var message: String
    /// The exact words matched.
    public var match: String
    /// Better phrasings.
    public var suggestions: [String]
    /// A safe replacement `--fix` may apply, when there is one.
    public var fix: Fix?
    /// Index of the segment in the document.
    public var segment: Int
    /// The segment's role.
    public var role: SegmentRole
    /// The speaker, for a transcript turn.
    public var speaker: String?
    /// Byte range of the match within the segment text.
    public var segmentRange: Range<Int>
    /// Where the match starts in the original input.
    public var start: SourcePosition
    /// Where it ends (exclusive) in the original input.
    public var end: SourcePosition
    /// Whether this is a politeness credit rather than a problem.
    public var isCredit: Bool
    /// The rule's weight (points before repeats and length are applied).
    public var weight: Double
    /// What the context does to the weight: above 1 after an intensifier ("really") or after
    /// "but"/"however" in the same sentence, below 1 before them. Always greater than 0.
    public var multiplier: Double = 1

    /// Creates a finding.
    public init(
        ruleID: String, category: Category, severity: Severity, message: String, match: String,
        suggestions: [String] = [], fix: Fix? = nil, segment: Int, role: SegmentRole, speaker: String? = nil,
        segmentRange: Range<Int>, start: SourcePosition, end: SourcePosition, isCredit: Bool = false, weight: Double = 0
    ) {
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.message = message
        self.match = match
        self.suggestions = suggestions
        self.fix = fix
        self.segment = segment
        self.role = role
        self.speaker = speaker
        self.segmentRange = segmentRange
        self.start = start
        self.end = end
        self.isCredit = isCredit
        self.weight = weight
    }
}

/// A replacement of bytes in the original input.
public struct Fix: Sendable, Equatable, Codable {
    /// Byte range in the original input.
    public var range: Range<Int>
    /// The text to put there.
    public var replacement: String

    /// Creates a fix.
    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// Applies fixes to the original bytes, leaving every other byte as it was.
public enum FixApplier {
    /// The input with every non-overlapping fix applied (earlier fixes win overlaps).
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> (bytes: [UInt8], applied: Int) {
        let sorted = fixes.sorted { $0.range.lowerBound < $1.range.lowerBound || ($0.range.lowerBound == $1.range.lowerBound && $0.range.upperBound > $1.range.upperBound) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var cursor = 0
        var applied = 0
        for f in sorted where f.range.lowerBound >= cursor && f.range.upperBound <= bytes.count {
            out.append(contentsOf: bytes[cursor..<f.range.lowerBound])
            out.append(contentsOf: Array(f.replacement.utf8))
            cursor = f.range.upperBound
            applied += 1
        }
        out.append(contentsOf: bytes[cursor...])
        return (out, applied)
    }
}

extension String {
    /// The text with every `{key}` replaced by `value`, by a scan of the UTF-8 bytes (a
    /// message is filled for every finding; Foundation's search is far slower).
    public func filling(_ key: String, with value: String) -> String {
        let needle = Array("{\(key)}".utf8)
        var text = self
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            var copied = 0
            while let i = ByteText.firstIndex(of: needle, in: bytes, from: copied) {
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: value.utf8)
                copied = i + needle.count
            }
            if copied == 0 { return self }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
