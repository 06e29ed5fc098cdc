import Foundation

/// Findings accepted as they are today, so a gate fails only on new ones.
///
/// An entry is keyed by file, rule id and the text of the line the finding starts on
/// (trimmed), not by line number, so it survives lines being added or moved above it;
/// `count` says how many such findings the line had.
public struct Baseline: Sendable, Equatable {
    /// One accepted kind of finding.
    public struct Entry: Sendable, Equatable, Hashable {
        /// The file, as given on the command line.
        public var file: String
        /// The rule id.
        public var rule: String
        /// The trimmed text of the line the finding starts on.
        public var line: String
        /// How many findings with this key were accepted.
        public var count: Int

        /// Creates an entry.
        public init(file: String, rule: String, line: String, count: Int) {
            self.file = file
            self.rule = rule
            self.line = line
            self.count = count
        }
    }

    struct Key: Hashable {
        var file: String, rule: String, line: String
    }

    private var counts: [Key: Int] = [:]
    private var order: [Key] = []

    /// An empty baseline.
    public init() {}

    /// Baselines are equal when they accept the same findings (order aside).
    public static func == (a: Baseline, b: Baseline) -> Bool { a.counts == b.counts }

    /// The entries, in the order first recorded.
    public var entries: [Entry] { order.map { Entry(file: $0.file, rule: $0.rule, line: $0.line, count: counts[$0] ?? 0) } }

    /// Records a finding (problems only; credits are ignored).
    public mutating func record(_ finding: Finding, file: String, source: [UInt8]) {
        record(finding, file: file, lines: SourceLines(source))
    }

    /// Records a finding, reading its line from an index of the source's lines.
    public mutating func record(_ finding: Finding, file: String, lines: SourceLines) {
        guard !finding.isCredit else { return }
        let key = Key(file: file, rule: finding.ruleID, line: Baseline.lineKey(finding, lines))
        if counts[key] == nil { order.append(key) }
        counts[key, default: 0] += 1
    }

    /// Splits findings into new ones (kept) and those the baseline accepts, using up
    /// each entry's count. Credits are always kept.
    public func filter(_ findings: [Finding], file: String, source: [UInt8], remaining: inout [String: Int]) -> [Finding] {
        filter(findings, file: file, lines: SourceLines(source), remaining: &remaining)
    }

    /// `filter` with an index of the source's lines (build it once per file).
    public func filter(_ findings: [Finding], file: String, lines: SourceLines, remaining: inout [String: Int]) -> [Finding] {
        findings.filter { f in
            if f.isCredit { return true }
            let key = Key(file: file, rule: f.ruleID, line: Baseline.lineKey(f, lines))
            let id = "\(key.file)\u{1}\(key.rule)\u{1}\(key.line)"
            let left = remaining[id] ?? counts[key] ?? 0
            if left > 0 {
                remaining[id] = left - 1
                return false
            }
            return true
        }
    }

    /// The line text a finding is keyed by: its line, trimmed; the matched words when the
    /// line is unknown (a streamed mailbox, whose bytes are not kept).
    static func lineKey(_ f: Finding, _ lines: SourceLines) -> String {
        let t = lines.text(f.start.line)
        return t.isEmpty ? f.match : t
    }

    /// The trimmed text of 1-based `line` of `source` (empty when out of range).
    public static func lineText(_ source: [UInt8], line: Int) -> String { SourceLines(source).text(line) }

    /// The baseline as JSON: `{"version": 1, "findings": [{file, rule, line, count}, ...]}`,
    /// sorted so the file diffs well.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("tool", "tonecheck")
        w.int("version", 1)
        w.beginArray("findings")
        for e in entries.sorted(by: { ($0.file, $0.rule, $0.line) < ($1.file, $1.rule, $1.line) }) {
            w.beginObject()
            w.string("file", e.file)
            w.string("rule", e.rule)
            w.string("line", e.line)
            w.int("count", e.count)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output.replacingOccurrences(of: "},{", with: "},\n    {").replacingOccurrences(of: "\"findings\":[{", with: "\"findings\":[\n    {") + "\n"
    }

    /// Reads a baseline file's contents; `path` is used in errors.
    public static func parse(_ data: Data, path: String) throws -> Baseline {
        let value: JSONValue
        do { value = try JSONValue.parseJSON5(data) } catch let e as JSONSyntaxError {
            throw ToneCheckError.input(path: path, line: e.position?.line, message: "the baseline is not valid JSON: \(e.message); write a new one with --write-baseline")
        }
        guard let list = value.objectValue?["findings"]?.arrayValue else {
            throw ToneCheckError.input(path: path, line: nil, message: "not a tonecheck baseline (expected {\"findings\": [...]}); write one with --write-baseline")
        }
        var b = Baseline()
        for (i, item) in list.enumerated() {
            guard let o = item.objectValue, let file = o["file"]?.stringValue, let rule = o["rule"]?.stringValue, let line = o["line"]?.stringValue else {
                throw ToneCheckError.input(path: path, line: nil, message: "findings[\(i)] needs string 'file', 'rule' and 'line'")
            }
            let count = o["count"]?.numberValue.map { Int($0) } ?? 1
            let key = Key(file: file, rule: rule, line: line)
            if b.counts[key] == nil { b.order.append(key) }
            b.counts[key, default: 0] += max(count, 0)
        }
        return b
    }
}

/// The lines of a source, indexed once so any line's text is found without a scan.
public struct SourceLines: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]

    /// Indexes `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var s = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { s.append(i + 1) }
        starts = s
    }

    /// The trimmed text of 1-based `line` (empty when out of range).
    public func text(_ line: Int) -> String {
        guard line >= 1, line <= starts.count else { return "" }
        let a = starts[line - 1]
        var e = line < starts.count ? starts[line] - 1 : bytes.count
        if e < a { e = a }
        return String(decoding: bytes[a..<e], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
