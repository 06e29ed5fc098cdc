import Foundation

/// Reads one RFC 5322 / MIME message into a `Document`.
///
/// Metadata: From, To, Cc, Subject, Date (with `dateText` and `dateOffsetSeconds`),
/// Message-ID, In-Reply-To; attachments are listed in `metadata.attachments` and not
/// checked. Segments: the subject line (`subject`), then each text part zoned by
/// `EmailZoner` (body, quoted, forwarded, signature, disclaimer); `message/rfc822` parts
/// become `forwarded`. `multipart/alternative` prefers `text/plain`, else HTML as text.
///
/// Positions: a 7bit/8bit body that is already UTF-8 (or ASCII) maps byte for byte to the
/// original file, so findings carry exact line, column and byte offset and `--fix` works.
/// A quoted-printable, base64, HTML or transcoded body cannot map byte for byte: its
/// segments are anchored at the part's first body line plus the line within the decoded
/// text (column counted in the decoded text), with `byteOffset` nil.
public enum EmailReader {
    /// Where a message sits in its file.
    public struct Origin: Sendable {
        /// The file, if any.
        public var path: String?
        /// 1-based line of the message's first byte in the file.
        public var line: Int
        /// Byte offset of the message's first byte in the file.
        public var byteOffset: Int
        /// 1-based position in an mbox or maildir batch, nil for a single message.
        public var index: Int?
        /// Message offsets (sorted) of lines where mbox `>From ` unescaping removed a `>`.
        public var unescapedLines: [Int]

        /// Creates an origin.
        public init(path: String? = nil, line: Int = 1, byteOffset: Int = 0, index: Int? = nil, unescapedLines: [Int] = []) {
            self.path = path
            self.line = line
            self.byteOffset = byteOffset
            self.index = index
            self.unescapedLines = unescapedLines
        }
    }

    /// Reads the message in `bytes`.
    public static func read(_ bytes: [UInt8], origin: Origin = Origin()) -> Document {
        var parser = MIMEParser()
        let root = parser.parse(bytes)
        let h = root.headers
        // The fields read here, found in one pass (the first of each; every To and Cc).
        var from: Int?, subject: Int?, date: Int?, messageID: Int?, inReplyTo: Int?
        // (The first To and Cc apart from any others: no array made for the usual one.)
        var to: Int?, cc: Int?, moreTo: [Int] = [], moreCc: [Int] = []
        for k in h.fields.indices {
            let name = h.fields[k].name
            switch name.utf8.count {
            case 2:
                if ByteText.sameName(name, "To") {
                    if to == nil { to = k } else { moreTo.append(k) }
                } else if ByteText.sameName(name, "Cc") {
                    if cc == nil { cc = k } else { moreCc.append(k) }
                }
            case 4:
                if from == nil, ByteText.sameName(name, "From") { from = k } else if date == nil, ByteText.sameName(name, "Date") { date = k }
            case 7:
                if subject == nil, ByteText.sameName(name, "Subject") { subject = k }
            case 10:
                if messageID == nil, ByteText.sameName(name, "Message-ID") { messageID = k }
            case 11:
                if inReplyTo == nil, ByteText.sameName(name, "In-Reply-To") { inReplyTo = k }
            default:
                break
            }
        }
        func decoded(_ k: Int?) -> String? { k.map { h.fields[$0].decoded } }
        var m = DocumentMetadata()
        // Correspondents repeat through a mailbox: what a field's bytes give is kept in
        // small caches (the same result as working it out again).
        m.from = from.flatMap { k in
            fromCache.value(of: h.fields[k].raw) { raw in
                let d = EncodedWords.decode(raw)
                return d.isEmpty ? nil : display(d)
            }
        }
        m.to = displayAddresses(to, moreTo, in: h)
        m.cc = displayAddresses(cc, moreCc, in: h)
        m.subject = decoded(subject)
        if let d = decoded(date), !d.isEmpty {
            m.dateText = d
            if let p = EmailDate.parse(d) {
                m.date = p.date
                m.dateOffsetSeconds = p.offsetSeconds
            }
        }
        m.messageID = decoded(messageID).flatMap { $0.isEmpty ? nil : $0 }
        m.inReplyTo = decoded(inReplyTo).flatMap { $0.isEmpty ? nil : $0 }
        if let index = origin.index {
            // A copy of a one-entry dictionary made once, its value set in place: the key
            // is not hashed again for every message.
            var extra = EmailReader.indexExtra
            extra.values[extra.startIndex] = String(index)
            m.extra = extra
        }
        let id = m.messageID ?? origin.index.map { "\(origin.path ?? "<stdin>")#\($0)" } ?? origin.path
        var warnings: [(Int?, String)] = parser.warnings.map { ($0.line, $0.message) }
        if h.fields.isEmpty {
            warnings.append((1, "no header fields found; read as a bare body"))
        } else if h.truncated {
            warnings.append((nil, "the message ends inside its header (truncated?)"))
        }
        if m.date == nil, let d = m.dateText { warnings.append((date.map { h.fields[$0].line }, "cannot read the date '\(d.prefix(60))'; kept as text")) }

        var b = Builder(bytes: bytes, origin: origin)
        b.segments.reserveCapacity(4)  // subject, body, signature, quote: one allocation
        // The subject line: scored like the body.
        if let f = subject.map({ h.fields[$0] }), let s = m.subject, !s.isEmpty {
            let text = Array(s.utf8)
            let exact = !f.folded && f.raw.count == text.count
                && f.raw.withUnsafeBufferPointer { a in text.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
            let col = b.column(ofLocal: f.valueOffset, line: f.line)
            b.segments.append(Segment(role: .subject, text: text, sourceMap: SourceMap(line: b.fileLine(f.line), column: col, byteOffset: exact ? b.fileOffset(f.valueOffset) : nil)))
        }
        b.collect(root, forwarded: false)
        m.attachments = b.attachments
        warnings += b.warnings
        var diagnostics: [Diagnostic] = []
        if !warnings.isEmpty {
            let who: String
            if let index = origin.index {
                who = "message \(index)" + (m.messageID.map { " \($0)" } ?? "") + ": "
            } else {
                who = ""
            }
            diagnostics = warnings.map { Diagnostic(.warning, path: origin.path, line: $0.0.map { b.fileLine($0) }, message: who + $0.1) }
        }
        // The metadata and segments are moved into the document (swapped with its empty
        // ones): passed to its initializer, both were copied, every field retained, and
        // the originals then released.
        var doc = Document(id: id, path: origin.path, format: "email", warnings: diagnostics)
        swap(&doc.metadata, &m)
        swap(&doc.segments, &b.segments)
        return doc
    }

    /// Every mailbox of the address-list fields `fields` of `h`, in `display` form: one
    /// array made for them (the usual single field's list rewritten in place).
    static func displayAddresses(_ fields: [Int], in h: HeaderBlock) -> [String] {
        displayAddresses(fields.first, Array(fields.dropFirst()), in: h)
    }

    /// `displayAddresses` of the fields `first` then `more`.
    static func displayAddresses(_ first: Int?, _ more: [Int], in h: HeaderBlock) -> [String] {
        guard let first else { return [] }
        func list(_ k: Int) -> [String] {
            addressCache.value(of: h.fields[k].raw) { raw in
                var out = addresses(EncodedWords.decode(raw))
                for i in out.indices { out[i] = display(out[i]) }
                return out
            }
        }
        var out = list(first)
        for k in more { out += list(k) }
        return out
    }

    /// `extra` of a message in a batch, with its index to fill in.
    static let indexExtra: [String: String] = ["index": ""]

    /// Recent `From` values (raw bytes → display form).
    static let fromCache = RecentValues<String?>()
    /// Recent `To` / `Cc` values (raw bytes → mailboxes in display form).
    static let addressCache = RecentValues<[String]>()

    /// The display name (unquoted, nil when there is none) and address of a mailbox:
    /// `"Dana Ops" <dana@example.com>`, `dana@example.com (Dana Ops)`, `<dana@example.com>`.
    public static func mailbox(_ s: String) -> (name: String?, address: String) {
        let u = Array(s.utf8)
        func text(_ a: Int, _ b: Int) -> String {
            var a = a, b = b
            while a < b, ByteText.isWS(u[a]) { a += 1 }
            while b > a, ByteText.isWS(u[b - 1]) { b -= 1 }
            return String(decoding: u[a..<b], as: UTF8.self)
        }
        if let lt = u.lastIndex(of: 0x3C), let gt = u[lt...].firstIndex(of: 0x3E) {
            var a = 0, b = lt
            while a < b, ByteText.isWS(u[a]) { a += 1 }
            while b > a, ByteText.isWS(u[b - 1]) { b -= 1 }
            var name: String
            if b - a >= 2, u[a] == 0x22, u[b - 1] == 0x22 {
                name = String(decoding: u[(a + 1)..<(b - 1)], as: UTF8.self)
                if u[(a + 1)..<(b - 1)].contains(0x5C) { name = name.replacingOccurrences(of: "\\\"", with: "\"") }
            } else {
                name = String(decoding: u[a..<b], as: UTF8.self)
            }
            return (name.isEmpty ? nil : name, text(lt + 1, gt))
        }
        if let lp = u.firstIndex(of: 0x28), let rp = u.lastIndex(of: 0x29), lp < rp {
            let name = text(lp + 1, rp)
            return (name.isEmpty ? nil : name, text(0, lp))
        }
        return (nil, text(0, u.count))
    }

    /// A mailbox as `Name <address>` (or just the address).
    public static func display(_ s: String) -> String {
        // Already in that form (`Name <address>`, or a bare address), the usual case: as it is.
        if s.utf8.withContiguousStorageIfAvailable({ isDisplayForm($0) }) == true { return s }
        return rebuiltDisplay(s)
    }

    /// `display` without the fast path: the mailbox taken apart and put back together.
    static func rebuiltDisplay(_ s: String) -> String {
        let m = mailbox(s)
        if m.address.isEmpty { return s }
        return m.name.map { "\($0) <\(m.address)>" } ?? m.address
    }

    /// Whether `display` would give back these bytes unchanged: `Name <address>` with an
    /// unquoted name, one space before `<` and nothing to trim, or a bare address with no
    /// angle brackets, comment or surrounding white space.
    static func isDisplayForm(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = u.count
        guard n > 0, !ByteText.isWS(u[0]), !ByteText.isWS(u[n - 1]) else { return false }
        guard let lt = u.lastIndex(of: 0x3C) else {
            // No `<`: the address is the whole text when there is no `(` comment.
            return !u.contains(0x28)
        }
        // `Name <address>`: the first `>` after the last `<` ends the text.
        guard u[n - 1] == 0x3E, lt >= 2, n - lt >= 3 else { return false }
        for k in (lt + 1)..<(n - 1) where u[k] == 0x3E { return false }
        return u[lt - 1] == 0x20 && !ByteText.isWS(u[lt - 2]) && u[0] != 0x22 && !ByteText.isWS(u[lt + 1]) && !ByteText.isWS(u[n - 2])
    }

    /// Splits an address list at commas outside quotes, angle brackets and comments.
    public static func addresses(_ s: String) -> [String] {
        var s = s
        if let ascii = s.withUTF8({ b -> [String]? in
            // ASCII (nearly every list): one pass over the bytes. Otherwise the loop below
            // goes by characters, so a quote or comma with a combining mark stays whole.
            for c in b where c >= 0x80 { return nil }
            var out: [String] = []
            var start = 0
            var quote = false, angle = 0, paren = 0
            func add(_ a: Int, _ e: Int) {
                var a = a, e = e
                while a < e, ByteText.isWS(b[a]) { a += 1 }
                while e > a, ByteText.isWS(b[e - 1]) { e -= 1 }
                if e > a { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[a..<e]), as: UTF8.self)) }
            }
            for i in 0..<b.count {
                switch b[i] {
                case 0x22: quote.toggle()
                case 0x3C where !quote: angle += 1
                case 0x3E where !quote: angle = max(0, angle - 1)
                case 0x28 where !quote: paren += 1
                case 0x29 where !quote: paren = max(0, paren - 1)
                case 0x2C, 0x3B:
                    if !quote && angle == 0 && paren == 0 {
                        add(start, i)
                        start = i + 1
                    }
                default: break
                }
            }
            add(start, b.count)
            return out
        }) {
            return ascii
        }
        var out: [String] = []
        var cur = ""
        var quote = false, angle = 0, paren = 0
        for ch in s {
            switch ch {
            case "\"": quote.toggle()
            case "<" where !quote: angle += 1
            case ">" where !quote: angle = max(0, angle - 1)
            case "(" where !quote: paren += 1
            case ")" where !quote: paren = max(0, paren - 1)
            case ",", ";":
                if !quote && angle == 0 && paren == 0 {
                    let t = ByteText.trimSpaces(cur)
                    if !t.isEmpty { out.append(t) }
                    cur = ""
                    continue
                }
            default: break
            }
            cur.append(ch)
        }
        let t = ByteText.trimSpaces(cur)
        if !t.isEmpty { out.append(t) }
        return out
    }

    /// Walks the MIME tree, building segments.
    struct Builder {
        let bytes: [UInt8]
        let origin: Origin
        var segments: [Segment] = []
        var attachments: [String] = []
        var warnings: [(Int?, String)] = []

        func fileLine(_ local: Int) -> Int { origin.line + local - 1 }
        /// Original-file byte offset of message offset `local` (mbox unescaping accounted for).
        func fileOffset(_ local: Int) -> Int { origin.byteOffset + local + shifts(upTo: local) }
        func shifts(upTo local: Int) -> Int {
            let u = origin.unescapedLines
            if u.isEmpty { return 0 }
            var lo = 0, hi = u.count
            while lo < hi { let mid = (lo + hi) / 2; if u[mid] <= local { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        func isShifted(_ local: Int) -> Bool {
            let u = origin.unescapedLines
            if u.isEmpty { return false }
            let k = shifts(upTo: local)
            return k > 0 && u[k - 1] == local
        }
        func column(ofLocal local: Int, line: Int) -> Int {
            var s = local
            while s > 0, bytes[s - 1] != 0x0A { s -= 1 }
            var col = 1
            var j = s
            while j < local { if bytes[j] & 0xC0 != 0x80 { col += 1 }; j += 1 }
            if isShifted(s) { col += 1 }
            return col
        }

        mutating func collect(_ part: MIMEPart, forwarded: Bool) {
            // Plain text (most parts) is none of the types looked for first: those
            // comparisons, each a call when the strings differ, are skipped for it.
            let plain = part.contentType == "text/plain"
            if !plain {
                if part.contentType == "message/external-body" {
                    return  // a pointer to content elsewhere, not text
                }
                if part.isMessage {
                    collect(part.children[0], forwarded: true)
                    return
                }
                if part.isMultipart {
                    if part.contentType == "multipart/alternative" {
                        let pick = part.children.first { has($0, "text/plain") } ?? part.children.first { has($0, "text/html") } ?? part.children.first
                        if let p = pick { collect(p, forwarded: forwarded) }
                        return
                    }
                    for c in part.children { collect(c, forwarded: forwarded) }
                    return
                }
                if part.contentType == "application/x-skipped" || part.contentType == "application/x-empty" { return }
            }
            if part.isAttachment {
                if part.contentType == "application/pgp-signature" || part.contentType == "application/pkcs7-signature" { return }
                attachments.append(part.filename ?? "(unnamed \(part.contentType))")
                return
            }
            let d = MIMEParser.decodedBody(part, in: bytes)
            if let w = d.warning { warnings.append((part.bodyLine, w)) }
            let bodyLines = BodyLines(decoded: d.text, raw: part.body(in: bytes), transferEncoding: part.transferEncoding)
            if !plain, part.contentType == "text/html" {
                let r = HTMLText.convert(d.text)
                let lines = bodyLines.lines(of: r.text, decoded: d.text, newlineSources: r.newlineSources)
                add(r.text, forced: r.zones, part: part, exact: false, sourceLines: lines, forwarded: forwarded)
            } else {
                let lines = d.exact ? [] : bodyLines.lines(of: d.text, decoded: d.text, newlineSources: nil)
                add(d.text, forced: [], part: part, exact: d.exact, sourceLines: lines, lineBreaks: bodyLines.encodedLineStarts, forwarded: forwarded)
            }
        }

        func has(_ p: MIMEPart, _ type: String) -> Bool {
            if p.isMultipart { return p.children.contains { has($0, type) } }
            return p.contentType == type && p.disposition != "attachment"
        }

        /// Adds the zones of `text` as segments. `sourceLines` (for text that is not the
        /// body byte for byte) gives each line of `text` its 0-based line in the body;
        /// `lineBreaks`, offsets in `text` where a body line begins inside a line of `text`
        /// (a long line of base64-decoded text spans several encoded lines).
        mutating func add(
            _ text: [UInt8], forced: [(range: Range<Int>, role: SegmentRole)], part: MIMEPart, exact: Bool, sourceLines: [Int],
            lineBreaks: [(offset: Int, line: Int)] = [], forwarded: Bool
        ) {
            if text.isEmpty { return }
            let zones: [EmailZoner.Zone] = forwarded ? [EmailZoner.Zone(role: .forwarded, range: 0..<text.count)] : EmailZoner.zones(text, forced: forced)
            var lineAt = 0  // newlines before zone start
            var pos = 0
            for z in zones {
                // Newlines before the zone, found with memchr (zones follow one another).
                if pos < z.range.lowerBound {
                    text.withUnsafeBufferPointer { b in
                        let before = UnsafeBufferPointer(rebasing: b[..<z.range.lowerBound])
                        while let nl = ByteText.firstIndex(of: 0x0A, in: before, from: pos) {
                            lineAt += 1
                            pos = nl + 1
                        }
                    }
                    pos = z.range.lowerBound
                }
                let seg = Array(text[z.range])
                let line = fileLine(part.bodyLine + lineAt)
                var map: SourceMap
                if exact {
                    let local = part.bodyStart + z.range.lowerBound
                    let firstShifted = isShifted(local)
                    map = SourceMap(line: line, column: firstShifted ? 2 : 1, byteOffset: fileOffset(local))
                    // Lines inside the zone whose mbox ">" was removed need their own anchors.
                    let lo = shifts(upTo: local), hi = shifts(upTo: part.bodyStart + z.range.upperBound - 1)
                    if hi > lo {
                        var l = line
                        var q = z.range.lowerBound
                        for s in origin.unescapedLines[lo..<hi] {
                            let target = s - part.bodyStart
                            while q < target { if text[q] == 0x0A { l += 1 }; q += 1 }
                            map.append(SourceMap.Anchor(offset: target - z.range.lowerBound, line: l, column: 2, byteOffset: fileOffset(s)))
                        }
                    }
                } else if sourceLines.isEmpty {
                    map = SourceMap(line: line, column: 1, byteOffset: nil)
                } else {
                    // Decoded text: each line anchored to the body line it came from,
                    // wherever that is not simply the line after the one before.
                    // Inside a line, at a body line break, the line changes and the column
                    // goes on counting characters of the decoded line.
                    func fileLineOf(_ k: Int) -> Int { fileLine(part.bodyLine + sourceLines[min(k, sourceLines.count - 1)]) }
                    var current = fileLineOf(lineAt)
                    map = SourceMap(line: current, column: 1, byteOffset: nil)
                    var k = lineAt
                    var column = 1
                    var b = 0
                    while b < lineBreaks.count, lineBreaks[b].offset <= z.range.lowerBound { b += 1 }
                    for q in z.range {
                        if q > z.range.lowerBound, b < lineBreaks.count, lineBreaks[b].offset == q {
                            let mapped = fileLine(part.bodyLine + lineBreaks[b].line)
                            if mapped != current, column > 1 {
                                map.append(SourceMap.Anchor(offset: q - z.range.lowerBound, line: mapped, column: column, byteOffset: nil))
                                current = mapped
                            }
                        }
                        while b < lineBreaks.count, lineBreaks[b].offset <= q { b += 1 }
                        if text[q] == 0x0A {
                            column = 1
                            guard q + 1 < z.range.upperBound else { continue }
                            k += 1
                            current += 1
                            let mapped = fileLineOf(k)
                            if mapped != current {
                                map.append(SourceMap.Anchor(offset: q + 1 - z.range.lowerBound, line: mapped, column: 1, byteOffset: nil))
                                current = mapped
                            }
                        } else if text[q] & 0xC0 != 0x80 {
                            column += 1
                        }
                    }
                }
                segments.append(Segment(role: z.role, text: seg, sourceMap: map))
            }
        }
    }
}
