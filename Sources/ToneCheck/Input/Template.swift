/// Which placeholder and tag syntaxes a template uses. Each can be switched off in the
/// config (`templates`), so text that merely looks like a placeholder is linted.
public struct TemplateSyntaxes: OptionSet, Sendable, Hashable {
    /// The bit set.
    public let rawValue: UInt8
    /// Creates a set from bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `{{ name }}`, `{{{ html }}}`, `{{#each}}`, `{{/each}}` (Mustache, Handlebars, Liquid output).
    public static let mustache = TemplateSyntaxes(rawValue: 1)
    /// `{% if x %}`, `{% else %}`, `{% endif %}` tags (Jinja, Liquid); the text in every branch is linted.
    public static let jinja = TemplateSyntaxes(rawValue: 2)
    /// `${name}`.
    public static let dollar = TemplateSyntaxes(rawValue: 4)
    /// `%FIRST_NAME%`.
    public static let percent = TemplateSyntaxes(rawValue: 8)
    /// `[First Name]` (not a Markdown link `[text](url)`).
    public static let brackets = TemplateSyntaxes(rawValue: 16)
    /// Every syntax.
    public static let all: TemplateSyntaxes = [.mustache, .jinja, .dollar, .percent, .brackets]

    /// Config names of the syntaxes, in a stable order.
    public static let names: [(name: String, syntax: TemplateSyntaxes)] = [
        ("mustache", .mustache), ("jinja", .jinja), ("dollar", .dollar), ("percent", .percent), ("brackets", .brackets),
    ]

    /// The names of the syntaxes in the set.
    public var nameList: [String] { TemplateSyntaxes.names.filter { contains($0.syntax) }.map(\.name) }
}

/// How a template file writes comments (where suppression directives live).
public enum CommentStyle: String, Sendable, CaseIterable {
    /// `<!-- ... -->` (HTML, Markdown).
    case html
    /// `{# ... #}` and `{% comment %}...{% endcomment %}` (Jinja, Liquid).
    case jinja
    /// `{{! ... }}` and `{{!-- ... --}}` (Handlebars, Mustache).
    case handlebars
    /// Whole lines in plain text: `# tonecheck-...`, `// tonecheck-...` or a bare `tonecheck-...` line.
    case line

    /// The style for a file name (by extension), or nil when it is not a template.
    public static func forPath(_ path: String?) -> CommentStyle? {
        guard let path else { return nil }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm", "md", "markdown": return .html
        case "liquid", "j2", "jinja", "jinja2": return .jinja
        case "hbs", "handlebars", "mustache": return .handlebars
        case "txt", "text", "tmpl", "tpl": return .line
        default: return nil
        }
    }
}

/// A span of template syntax found in the source.
public struct TemplateSpan: Sendable, Equatable {
    /// What the span is.
    public enum Kind: Sendable, Equatable {
        /// A placeholder or tag: opaque, never linted.
        case placeholder
        /// Markup (an HTML tag or entity): not words.
        case markup
        /// A comment; `body` is the byte range of its text (between the delimiters).
        case comment(body: Range<Int>)
    }
    /// Byte range in the source.
    public var range: Range<Int>
    /// What it is.
    public var kind: Kind
}

/// Finds placeholders, tags, comments and markup in template bytes in one pass.
public enum TemplateScanner {
    static let maxSpan = 4096

    /// Bytes that may open a span with `syntaxes` on, in `style`: `<` and `{` (comments in
    /// every style), `&` (entities, not in `.line`), `$`, `%` and `[` when their syntax is on,
    /// and the newline, after which a directive line may start.
    static func opens(_ syntaxes: TemplateSyntaxes, _ style: CommentStyle) -> AnyByteFinder {
        var bytes = Array("\n<{".utf8)
        if style != .line { bytes.append(UInt8(ascii: "&")) }
        if syntaxes.contains(.dollar) { bytes.append(UInt8(ascii: "$")) }
        if syntaxes.contains(.percent) { bytes.append(UInt8(ascii: "%")) }
        if syntaxes.contains(.brackets) { bytes.append(UInt8(ascii: "[")) }
        return AnyByteFinder(bytes)
    }

    /// The spans of template syntax in `bytes`, in order and not overlapping.
    /// - Parameters:
    ///   - syntaxes: which placeholder syntaxes are on.
    ///   - style: the file's comment style; `.line` also treats directive lines as comments,
    ///     and HTML markup is recognised in every style but `.line`.
    public static func spans(in bytes: [UInt8], syntaxes: TemplateSyntaxes = .all, style: CommentStyle) -> [TemplateSpan] {
        var out: [TemplateSpan] = []
        let n = bytes.count
        var i = 0
        var lineStart = true
        func at(_ k: Int, _ s: StaticString) -> Bool {
            let len = s.utf8CodeUnitCount
            guard k + len <= n else { return false }
            return s.withUTF8Buffer { p in
                for j in 0..<len where bytes[k + j] != p[j] { return false }
                return true
            }
        }
        /// The index just past `close` searched from `from`, within `maxSpan`.
        func find(_ close: StaticString, from: Int, sameLine: Bool = false) -> Int? {
            var k = from
            let limit = min(n, from + maxSpan)
            while k < limit {
                if sameLine && bytes[k] == 0x0A { return nil }
                if at(k, close) { return k + close.utf8CodeUnitCount }
                k += 1
            }
            return nil
        }
        func isIdent(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let opens = TemplateScanner.opens(syntaxes, style)
        while i < n {
            if !lineStart {
                // Most bytes open nothing: skip to the next one that may.
                i = bytes.withUnsafeBufferPointer { opens.firstIndex(in: $0, from: i) }
                if i == n { break }
            }
            let b = bytes[i]
            // (A directive line starts with a space, a tab, `#`, `/` or the `t` of its marker.)
            if style == .line, lineStart, b == 0x20 || b == 0x09 || b == 0x23 || b == 0x2F || b == 0x74, let e = directiveLine(bytes, i) {
                out.append(TemplateSpan(range: i..<e.end, kind: .comment(body: e.body)))
                i = e.end
                continue
            }
            lineStart = b == 0x0A
            switch b {
            case UInt8(ascii: "<"):
                if at(i, "<!--"), let e = find("-->", from: i + 4) {
                    out.append(TemplateSpan(range: i..<e, kind: .comment(body: (i + 4)..<(e - 3))))
                    i = e
                    continue
                }
                if style != .line, i + 1 < n, isLetter(bytes[i + 1]) || bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?"),
                    let e = find(">", from: i + 1)
                {
                    var end = e
                    // Skip the contents of <script> and <style>.
                    if at(i, "<script") || at(i, "<SCRIPT"), let c = find("</script>", from: e) ?? find("</SCRIPT>", from: e) {
                        end = c
                    } else if at(i, "<style") || at(i, "<STYLE"), let c = find("</style>", from: e) ?? find("</STYLE>", from: e) {
                        end = c
                    }
                    out.append(TemplateSpan(range: i..<end, kind: .markup))
                    i = end
                    continue
                }
            case UInt8(ascii: "&") where style != .line:
                var k = i + 1
                while k < n, k - i < 12, isIdent(bytes[k]) || bytes[k] == UInt8(ascii: "#") { k += 1 }
                if k < n, k > i + 1, bytes[k] == UInt8(ascii: ";") {
                    out.append(TemplateSpan(range: i..<(k + 1), kind: .markup))
                    i = k + 1
                    continue
                }
            case UInt8(ascii: "{"):
                if at(i, "{#"), let e = find("#}", from: i + 2) {
                    out.append(TemplateSpan(range: i..<e, kind: .comment(body: (i + 2)..<(e - 2))))
                    i = e
                    continue
                }
                if at(i, "{{!--"), let e = find("--}}", from: i + 5) {
                    out.append(TemplateSpan(range: i..<e, kind: .comment(body: (i + 5)..<(e - 4))))
                    i = e
                    continue
                }
                if at(i, "{{!"), let e = find("}}", from: i + 3) {
                    out.append(TemplateSpan(range: i..<e, kind: .comment(body: (i + 3)..<(e - 2))))
                    i = e
                    continue
                }
                if at(i, "{%") {
                    if let e = find("%}", from: i + 2) {
                        let inner = String(decoding: bytes[(i + 2)..<(e - 2)], as: UTF8.self).trimmingDashesAndSpaces
                        if inner == "comment", let afterOpen = find("{%", from: e), let ce = find("%}", from: afterOpen),
                            String(decoding: bytes[afterOpen..<(ce - 2)], as: UTF8.self).trimmingDashesAndSpaces == "endcomment"
                        {
                            out.append(TemplateSpan(range: i..<ce, kind: .comment(body: e..<(afterOpen - 2))))
                            i = ce
                            continue
                        }
                        if syntaxes.contains(.jinja) {
                            out.append(TemplateSpan(range: i..<e, kind: .placeholder))
                            i = e
                            continue
                        }
                    }
                }
                if syntaxes.contains(.mustache), at(i, "{{") {
                    let triple = at(i, "{{{")
                    if let e = find(triple ? "}}}" : "}}", from: i + (triple ? 3 : 2)) {
                        out.append(TemplateSpan(range: i..<e, kind: .placeholder))
                        i = e
                        continue
                    }
                }
            case UInt8(ascii: "$") where syntaxes.contains(.dollar):
                if at(i, "${"), let e = find("}", from: i + 2, sameLine: true) {
                    out.append(TemplateSpan(range: i..<e, kind: .placeholder))
                    i = e
                    continue
                }
            case UInt8(ascii: "%") where syntaxes.contains(.percent):
                var k = i + 1
                if k < n, isLetter(bytes[k]) || bytes[k] == 0x5F {
                    while k < n, k - i <= 64, isIdent(bytes[k]) { k += 1 }
                    if k < n, bytes[k] == UInt8(ascii: "%") {
                        out.append(TemplateSpan(range: i..<(k + 1), kind: .placeholder))
                        i = k + 1
                        continue
                    }
                }
            case UInt8(ascii: "[") where syntaxes.contains(.brackets):
                var k = i + 1
                var letters = false
                while k < n, k - i <= 48 {
                    let c = bytes[k]
                    if isLetter(c) { letters = true } else if !(c == 0x20 || c == 0x5F || c == 0x2E || c == 0x2D || (c >= 0x30 && c <= 0x39)) { break }
                    k += 1
                }
                if letters, k < n, bytes[k] == UInt8(ascii: "]"), !(k + 1 < n && (bytes[k + 1] == UInt8(ascii: "(") || bytes[k + 1] == UInt8(ascii: "["))) {
                    out.append(TemplateSpan(range: i..<(k + 1), kind: .placeholder))
                    i = k + 1
                    continue
                }
            default:
                break
            }
            i += 1
        }
        return out
    }

    /// A plain-text directive line starting at `i`: `# tonecheck-…`, `// tonecheck-…` or
    /// a bare `tonecheck-…` (leading spaces allowed). Returns the line's end (before the
    /// newline) and the directive's byte range.
    static func directiveLine(_ bytes: [UInt8], _ i: Int) -> (end: Int, body: Range<Int>)? {
        var k = i
        let n = bytes.count
        while k < n, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        if k < n, bytes[k] == UInt8(ascii: "#") { k += 1 } else if k + 1 < n, bytes[k] == UInt8(ascii: "/"), bytes[k + 1] == UInt8(ascii: "/") { k += 2 }
        while k < n, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        let marker = Suppressions.marker
        guard k + marker.count <= n, bytes[k..<(k + marker.count)].elementsEqual(marker) else { return nil }
        var e = k
        while e < n, bytes[e] != 0x0A { e += 1 }
        return (e, k..<e)
    }
}

extension String {
    /// The text without surrounding spaces and Jinja whitespace-control dashes.
    var trimmingDashesAndSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "-" || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "-" || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// Reads templates (canned replies, macros): placeholders, tags, comments and markup
/// are blanked to spaces of the same byte length (newlines kept), so they are never
/// linted as words, and every finding still points at the right line and column.
public enum TemplateReader {
    /// A document from a template's bytes.
    /// - Parameters:
    ///   - syntaxes: placeholder syntaxes that are on.
    ///   - style: the comment style; chosen from the file name when nil (`.line` if unknown).
    public static func read(_ bytes: [UInt8], path: String?, syntaxes: TemplateSyntaxes = .all, style: CommentStyle? = nil) -> Document {
        let style = style ?? CommentStyle.forPath(path) ?? .line
        let spans = TemplateScanner.spans(in: bytes, syntaxes: syntaxes, style: style)
        var blanked = bytes
        // Anchors after spans holding multi-byte characters keep columns exact.
        var fixups: [(offset: Int, position: SourcePosition)] = []
        var placeholders = 0
        var line = 1, column = 1, scanned = 0
        func advance(to k: Int) {
            while scanned < k {
                let b = bytes[scanned]
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
                scanned += 1
            }
        }
        for span in spans {
            if span.kind == .placeholder { placeholders += 1 }
            var multibyte = false
            for k in span.range {
                let b = bytes[k]
                if b == 0x0A || b == 0x0D { continue }
                if b >= 0x80 { multibyte = true }
                blanked[k] = 0x20
            }
            if multibyte {
                advance(to: span.range.upperBound)
                fixups.append((span.range.upperBound, SourcePosition(line: line, column: column, byteOffset: span.range.upperBound)))
            }
        }
        var doc = Document(id: path, path: path, format: "template")
        // Segments and fix-ups are both in byte order: one walk places every anchor.
        var next = 0
        doc.segments = Zoner.zonePlainText(blanked).map { seg in
            guard next < fixups.count, let start = seg.sourceMap.anchors.first?.byteOffset else { return seg }
            var s = seg
            while next < fixups.count, fixups[next].offset <= start { next += 1 }
            while next < fixups.count, fixups[next].offset < start + seg.text.count {
                let f = fixups[next]
                s.sourceMap.append(SourceMap.Anchor(offset: f.offset - start, line: f.position.line, column: f.position.column, byteOffset: f.offset))
                next += 1
            }
            return s
        }
        doc.metadata.extra["placeholders"] = String(placeholders)
        doc.metadata.extra["template"] = style.rawValue
        if let bad = UTF8Check.firstInvalid(in: bytes) {
            let pos = SourceMap().position(of: bad, in: bytes)
            doc.warnings.append(Diagnostic(.warning, path: path, line: pos.line, column: pos.column, message: "invalid UTF-8; checked with replacement characters"))
        }
        return doc
    }
}
