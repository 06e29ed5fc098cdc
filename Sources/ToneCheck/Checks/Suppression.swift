/// An inline comment that turns rules off: `tonecheck-disable-next-line RULE[,RULE]`,
/// `tonecheck-disable RULE` … `tonecheck-enable RULE`, `tonecheck-disable-file`. With no
/// RULE it means every rule; a RULE may be an id (`tone.condescension`) or a category
/// (`tone`). Anything after ` -- ` is a reason and is ignored.
public struct SuppressionDirective: Sendable, Equatable, CustomStringConvertible {
    /// What the directive does.
    public enum Kind: String, Sendable {
        /// `tonecheck-disable-next-line`: the line after the comment.
        case nextLine = "tonecheck-disable-next-line"
        /// `tonecheck-disable-line`: the line the comment is on.
        case line = "tonecheck-disable-line"
        /// `tonecheck-disable-file`: the whole file.
        case file = "tonecheck-disable-file"
        /// `tonecheck-disable`: from here to the matching `tonecheck-enable`.
        case disable = "tonecheck-disable"
        /// `tonecheck-enable`: ends a `tonecheck-disable`.
        case enable = "tonecheck-enable"
    }
    /// What it does.
    public var kind: Kind
    /// Rule ids or categories; empty means all.
    public var rules: [String]
    /// Where the comment starts in the file.
    public var start: SourcePosition
    /// Where it ends (exclusive).
    public var end: SourcePosition

    /// The directive as written (kind and rules).
    public var description: String { ([kind.rawValue] + [rules.joined(separator: ",")]).filter { !$0.isEmpty }.joined(separator: " ") }

    /// Whether the directive covers `ruleID` in `category`.
    public func covers(_ ruleID: String, category: String) -> Bool {
        rules.isEmpty || rules.contains { $0 == ruleID || $0 == category || ruleID.hasPrefix($0 + ".") }
    }
}

/// Finds suppression comments in a template or text file and drops the findings they cover.
public struct Suppressions: Sendable {
    /// The directives, in file order.
    public var directives: [SuppressionDirective]
    /// Problems with the directives themselves (an unknown `tonecheck-` word).
    public var diagnostics: [Diagnostic]

    static let marker = Array("tonecheck-".utf8)

    /// Directives in `bytes`, read from comments in the file's comment style.
    public init(bytes: [UInt8], path: String?, style: CommentStyle? = nil, syntaxes: TemplateSyntaxes = .all) {
        directives = []
        diagnostics = []
        // Every directive starts "tonecheck-": a file without it needs no comment scan.
        guard bytes.withUnsafeBufferPointer({ ByteText.firstIndex(of: Suppressions.marker, in: $0, from: 0) }) != nil else { return }
        let style = style ?? CommentStyle.forPath(path) ?? .line
        var found: [SuppressionDirective] = []
        var diagnostics: [Diagnostic] = []
        var scanned = 0, line = 1, column = 1
        func position(_ k: Int) -> SourcePosition {
            // Asked for in increasing order: walk on from the last position, a line at a time.
            bytes.withUnsafeBufferPointer { b in
                while scanned < k, let nl = ByteText.firstIndex(of: 0x0A, in: b, from: scanned), nl < k {
                    line += 1
                    column = 1
                    scanned = nl + 1
                }
                while scanned < k {
                    if b[scanned] & 0xC0 != 0x80 { column += 1 }
                    scanned += 1
                }
            }
            return SourcePosition(line: line, column: column, byteOffset: k)
        }
        for span in TemplateScanner.spans(in: bytes, syntaxes: syntaxes, style: style) {
            guard case .comment(let body) = span.kind else { continue }
            var text = Substring(String(decoding: bytes[body], as: UTF8.self))
            text = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "#" || $0 == "/" || $0 == "-" || $0 == "!" })
            guard text.hasPrefix("tonecheck-") else { continue }
            if let reason = text.range(of: " -- ") { text = text[..<reason.lowerBound] }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            guard let head = words.first else { continue }
            let start = position(span.range.lowerBound)
            let end = position(span.range.upperBound)
            guard let kind = SuppressionDirective.Kind(rawValue: String(head)) else {
                diagnostics.append(Diagnostic(.warning, path: path, line: start.line, column: start.column, message: "unknown directive '\(head)'; use \(["tonecheck-disable-next-line", "tonecheck-disable-line", "tonecheck-disable", "tonecheck-enable", "tonecheck-disable-file"].joined(separator: ", "))"))
                continue
            }
            let rules = words.dropFirst().joined(separator: ",").split(separator: ",").map { String($0) }.filter { !$0.isEmpty && $0 != "--" }
            found.append(SuppressionDirective(kind: kind, rules: rules, start: start, end: end))
        }
        directives = found
        self.diagnostics = diagnostics
    }

    /// Creates a set from directives.
    public init(directives: [SuppressionDirective]) {
        self.directives = directives
        diagnostics = []
    }

    /// Whether there is nothing to apply.
    public var isEmpty: Bool { directives.isEmpty }

    static func before(_ a: SourcePosition, _ b: SourcePosition) -> Bool { (a.line, a.column) < (b.line, b.column) }

    /// Splits `findings` into those kept and, for each directive, how many it suppressed.
    /// Credits are never suppressed (they only add points back).
    public func apply(_ findings: [Finding]) -> (kept: [Finding], used: [Int]) {
        var used = [Int](repeating: 0, count: directives.count)
        // Index the directives once: by target line, whole-file, and disable blocks with
        // their ends (an `enable` with no rules ends a block for every rule; one with
        // rules ends it only for findings it covers).
        var byLine: [Int: [Int]] = [:]
        var fileWide: [Int] = []
        var blocks: [(index: Int, endAll: SourcePosition?, partial: [Int])] = []
        for (i, d) in directives.enumerated() {
            switch d.kind {
            case .nextLine: byLine[d.end.line + 1, default: []].append(i)
            case .line:
                byLine[d.start.line, default: []].append(i)
                if d.end.line != d.start.line { byLine[d.end.line, default: []].append(i) }
            case .file: fileWide.append(i)
            case .disable:
                var endAll: SourcePosition?
                var partial: [Int] = []
                for j in (i + 1)..<directives.count where directives[j].kind == .enable {
                    if directives[j].rules.isEmpty { endAll = directives[j].start; break }
                    partial.append(j)
                }
                blocks.append((i, endAll, partial))
            case .enable: break
            }
        }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        for f in findings {
            if f.isCredit { kept.append(f); continue }
            let category = f.category.rawValue
            var suppressed = false
            for i in fileWide where directives[i].covers(f.ruleID, category: category) {
                used[i] += 1
                suppressed = true
            }
            for i in byLine[f.start.line] ?? [] where directives[i].covers(f.ruleID, category: category) {
                used[i] += 1
                suppressed = true
            }
            for b in blocks {
                let d = directives[b.index]
                guard !Suppressions.before(f.start, d.end), d.covers(f.ruleID, category: category) else { continue }
                if let e = b.endAll, !Suppressions.before(f.start, e) { continue }
                if b.partial.contains(where: { !Suppressions.before(f.start, directives[$0].start) && directives[$0].covers(f.ruleID, category: category) }) { continue }
                used[b.index] += 1
                suppressed = true
            }
            if !suppressed { kept.append(f) }
        }
        return (kept, used)
    }

    /// Warnings for directives that suppressed nothing (`enable` is never reported).
    public func unused(_ used: [Int], path: String?) -> [Diagnostic] {
        directives.indices.compactMap { i in
            let d = directives[i]
            guard d.kind != .enable, used[i] == 0 else { return nil }
            return Diagnostic(.warning, path: path, line: d.start.line, column: d.start.column, message: "unused suppression '\(d)': nothing here matched; remove it")
        }
    }
}

/// A team's vocabulary: phrases that are fine in this team's messages. A finding whose
/// matched words overlap an allowed phrase (matched on whole words, case-insensitive,
/// like rule phrases) is dropped.
public struct AllowList: Sendable {
    /// The phrases as written.
    public let phrases: [String]
    private let sequences: [[UInt64]]
    private let byFirst: [UInt64: [Int]]

    /// Compiles the phrases once.
    public init(_ phrases: [String]) {
        self.phrases = phrases
        var seqs: [[UInt64]] = []
        var first: [UInt64: [Int]] = [:]
        for p in phrases {
            let hashes = Tokenizer.tokenize(Array(p.utf8)).filter { $0.kind != .paragraphBreak }.map(\.hash)
            guard let h = hashes.first else { continue }
            first[h, default: []].append(seqs.count)
            seqs.append(hashes)
        }
        sequences = seqs
        byFirst = first
    }

    /// Whether there is nothing to allow.
    public var isEmpty: Bool { sequences.isEmpty }

    /// Byte ranges of allowed phrases in a segment's text.
    public func ranges(in text: [UInt8]) -> [Range<Int>] {
        let tokens = Tokenizer.tokenize(text).filter { $0.kind != .paragraphBreak }
        var out: [Range<Int>] = []
        for i in tokens.indices {
            guard let candidates = byFirst[tokens[i].hash] else { continue }
            for c in candidates {
                let seq = sequences[c]
                guard i + seq.count <= tokens.count else { continue }
                var ok = true
                for k in 1..<seq.count where tokens[i + k].hash != seq[k] { ok = false; break }
                if ok { out.append(Int(tokens[i].start)..<Int(tokens[i + seq.count - 1].end)) }
            }
        }
        return out
    }

    /// The findings not overlapping an allowed phrase (credits always kept).
    public func filter(_ findings: [Finding], in document: Document) -> [Finding] {
        guard !isEmpty else { return findings }
        var cache: [Int: [Range<Int>]] = [:]
        return findings.filter { f in
            if f.isCredit || f.segment >= document.segments.count { return true }
            if cache[f.segment] == nil { cache[f.segment] = ranges(in: document.segments[f.segment].text) }
            return !cache[f.segment]!.contains { $0.overlaps(f.segmentRange) }
        }
    }
}
