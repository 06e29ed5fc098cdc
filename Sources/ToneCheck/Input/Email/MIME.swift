/// One MIME entity: a message, a part of a multipart, or a message inside a
/// `message/rfc822` part. Offsets and lines are relative to the bytes given to
/// `MIMEParser.parse`.
public struct MIMEPart: Sendable {
    /// The header fields.
    public var headers: HeaderBlock
    /// Lowercased `type/subtype` as read (defaults applied: `text/plain`, or `message/rfc822`
    /// in a digest). A multipart whose boundary is missing or never found is read as
    /// `text/plain` here, to recover its text; `declaredType` keeps what the header said.
    public var contentType: String
    /// The type the header declared (or the default), before any recovery.
    public var declaredType: String
    /// Content-Type parameters (lowercased names).
    public var parameters: [String: String]
    /// Lowercased Content-Transfer-Encoding (`7bit` when absent).
    public var transferEncoding: String
    /// Lowercased Content-Disposition value (`inline`, `attachment`), if any.
    public var disposition: String?
    /// The attachment's file name (Content-Disposition `filename` or Content-Type `name`).
    public var filename: String?
    /// Body range.
    public var bodyStart: Int
    /// End of the body (exclusive).
    public var bodyEnd: Int
    /// 1-based line of the first body line.
    public var bodyLine: Int
    /// Sub-parts of a multipart, or the one embedded message of `message/rfc822`.
    public var children: [MIMEPart] = []
    /// Nesting depth (0 = the message).
    public var depth: Int

    /// `multipart/*` with parsed children.
    public var isMultipart: Bool { !children.isEmpty && contentType.hasPrefix("multipart/") }
    /// `message/rfc822` (or `message/global`) with the embedded message parsed.
    public var isMessage: Bool { !children.isEmpty && (contentType == "message/rfc822" || contentType == "message/global") }
    /// The charset parameter.
    public var charset: String? { parameters["charset"] }
    /// Whether this is an attachment rather than text to read.
    public var isAttachment: Bool {
        if disposition == "attachment" { return true }
        if contentType == "text/plain" || contentType == "text/html" { return false }
        return !isMultipart && !isMessage
    }

    /// The body's bytes as they are in the message (still transfer-encoded).
    public func body(in bytes: [UInt8]) -> ArraySlice<UInt8> { bytes[bodyStart..<max(bodyStart, bodyEnd)] }
}

/// Parses RFC 5322 / MIME messages into a tree of parts, tolerating broken input:
/// missing or wrong boundaries, truncated messages, absurd nesting. Every scan is linear
/// in the bytes of its level; depth and part count are capped so hostile input cannot
/// make the work quadratic. Problems become warnings.
public struct MIMEParser {
    /// Deepest nesting followed; deeper parts are skipped with a warning.
    public var maxDepth = 40
    /// Most parts parsed per message; the rest are skipped with a warning.
    public var maxParts = 5000
    /// Problems met, with the 1-based line (relative to the parsed bytes) where known.
    public private(set) var warnings: [(line: Int?, message: String)] = []
    private var parts = 0
    private var depthWarned = false
    private var partsWarned = false

    /// Creates a parser with the default caps.
    public init() {}

    /// Parses the message in `bytes`.
    public mutating func parse(_ bytes: [UInt8]) -> MIMEPart {
        parts = 0
        return entity(bytes, start: 0, end: bytes.count, line: 1, depth: 0, defaultType: "text/plain")
    }

    mutating func warn(_ line: Int?, _ message: String) {
        if warnings.count < 50 { warnings.append((line, message)) }
    }

    mutating func entity(_ bytes: [UInt8], start: Int, end: Int, line: Int, depth: Int, defaultType: String) -> MIMEPart {
        parts += 1
        let headers = HeaderBlock.parse(bytes, start: start, end: end, line: line)
        // The three fields read here, found in one pass (the first of each).
        var ctIndex: Int?, cteIndex: Int?, cdIndex: Int?
        for k in headers.fields.indices {
            let name = headers.fields[k].name
            switch name.utf8.count {
            case 12: if ctIndex == nil, ByteText.sameName(name, "Content-Type") { ctIndex = k }
            case 25: if cteIndex == nil, ByteText.sameName(name, "Content-Transfer-Encoding") { cteIndex = k }
            case 19: if cdIndex == nil, ByteText.sameName(name, "Content-Disposition") { cdIndex = k }
            default: break
            }
        }
        var type = defaultType
        var params: [String: String] = [:]
        if let ct = ctIndex.map({ headers.fields[$0] }) {
            let p = HeaderParameters.parsed(ct.raw)
            var slash = false, space = false
            for c in p.value.utf8 {
                if c == 0x2F { slash = true } else if c == 0x20 { space = true; break }
            }
            if slash, !space {  // "type/subtype", no space
                type = p.value
                params = p.params
            } else {
                warn(ct.line, "invalid content-type '\(String(decoding: ct.raw.prefix(60), as: UTF8.self))'; read as \(defaultType)")
            }
        }
        var cte = "7bit"
        if let f = cteIndex.map({ headers.fields[$0] }) { cte = ByteText.lowerString(ByteText.trim(f.raw)) }
        var disposition: String?
        var filename = params["name"]
        if let f = cdIndex.map({ headers.fields[$0] }) {
            let p = HeaderParameters.parsed(f.raw)
            disposition = p.value
            if let fn = p.params["filename"] { filename = fn }
        }
        var part = MIMEPart(
            headers: headers, contentType: type, declaredType: type, parameters: params, transferEncoding: cte, disposition: disposition,
            filename: filename, bodyStart: headers.bodyOffset, bodyEnd: end, bodyLine: headers.bodyLine, depth: depth)
        if type == "text/plain" {
            // (Most parts: neither a multipart nor a message, and no comparison made to say so.)
        } else if type.hasPrefix("multipart/") {
            guard depth < maxDepth else {
                if !depthWarned { warn(headers.bodyLine, "parts nested deeper than \(maxDepth) levels were skipped"); depthWarned = true }
                part.contentType = "application/x-skipped"
                return part
            }
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                warn(line, "multipart part has no boundary; read as text/plain")
                part.contentType = "text/plain"
                return part
            }
            let sub = type == "multipart/digest" ? "message/rfc822" : "text/plain"
            split(bytes, into: &part, boundary: Array(boundary.utf8), subDefault: sub)
        } else if type == "message/rfc822" || type == "message/global" || type == "message/external-body" {
            guard depth < maxDepth else {
                if !depthWarned { warn(headers.bodyLine, "parts nested deeper than \(maxDepth) levels were skipped"); depthWarned = true }
                return part
            }
            if cte == "7bit" || cte == "8bit" || cte == "binary" {
                part.children = [entity(bytes, start: part.bodyStart, end: end, line: part.bodyLine, depth: depth + 1, defaultType: "text/plain")]
            }
        }
        return part
    }

    /// Splits a multipart body at `--boundary` lines.
    mutating func split(_ bytes: [UInt8], into part: inout MIMEPart, boundary: [UInt8], subDefault: String) {
        let start = part.bodyStart, end = part.bodyEnd
        var i = start
        var lineNo = part.bodyLine
        var partStart: Int?
        var partLine = 0
        var closed = false
        var children: [MIMEPart] = []
        var ranges: [(Int, Int, Int)] = []
        let bl = boundary.count
        while i < end {
            let e = ByteText.lineEnd(bytes, from: i, to: end)
            let next = e < end ? e + 1 : e
            // A delimiter line: "--" boundary, optionally "--", then only whitespace.
            if e - i >= bl + 2, bytes[i] == 0x2D, bytes[i + 1] == 0x2D {
                var match = true
                for k in 0..<bl where bytes[i + 2 + k] != boundary[k] { match = false; break }
                if match {
                    var j = i + 2 + bl
                    var isClose = false
                    if j + 2 <= e, bytes[j] == 0x2D, bytes[j + 1] == 0x2D { isClose = true; j += 2 }
                    var rest = true
                    while j < e { if !ByteText.isWS(bytes[j]) { rest = false; break }; j += 1 }
                    if rest {
                        if let ps = partStart {
                            // The line break before the delimiter belongs to it.
                            var pe = i
                            if pe > ps, bytes[pe - 1] == 0x0A { pe -= 1 }
                            if pe > ps, bytes[pe - 1] == 0x0D { pe -= 1 }
                            ranges.append((ps, max(ps, pe), partLine))
                        }
                        if isClose {
                            closed = true
                            partStart = nil
                            break
                        }
                        partStart = next
                        partLine = lineNo + 1
                    }
                }
            }
            i = next
            lineNo += 1
        }
        if let ps = partStart {
            ranges.append((ps, end, partLine))
            warn(partLine, "multipart boundary '\(String(decoding: boundary.prefix(70), as: UTF8.self))' is never closed; the message may be truncated")
        } else if ranges.isEmpty && closed {
            // Only a closing delimiter: an empty multipart.
            part.contentType = "application/x-empty"
            return
        } else if ranges.isEmpty && !closed {
            warn(part.bodyLine, "multipart boundary '\(String(decoding: boundary.prefix(70), as: UTF8.self))' not found in the body; read as text/plain")
            part.contentType = "text/plain"
            return
        }
        for (s, e, l) in ranges where e > s {
            // (Consecutive delimiters make no part, as in Python's parser.)
            if parts >= maxParts {
                if !partsWarned { warn(l, "more than \(maxParts) MIME parts; the rest were skipped"); partsWarned = true }
                break
            }
            children.append(entity(bytes, start: s, end: e, line: l, depth: part.depth + 1, defaultType: subDefault))
        }
        part.children = children
        if children.isEmpty { part.contentType = "text/plain" }
    }

    /// The decoded body of a leaf part as UTF-8, whether it is byte-for-byte the original,
    /// and any problem met.
    public static func decodedBody(_ part: MIMEPart, in bytes: [UInt8]) -> (text: [UInt8], exact: Bool, warning: String?) {
        let raw = part.body(in: bytes)
        var decoded: [UInt8]
        var exact = false
        var warning: String?
        switch part.transferEncoding {
        case "quoted-printable":
            decoded = TransferEncoding.quotedPrintable(raw)
        case "base64":
            let r = TransferEncoding.base64(raw)
            decoded = r.bytes
            if !r.clean { warning = "base64 body has invalid characters; decoded what could be" }
        case "7bit", "8bit", "binary", "":
            decoded = Array(raw)
            exact = true
        default:
            decoded = Array(raw)
            exact = true
            warning = "unknown content-transfer-encoding '\(part.transferEncoding)'; read as 8bit"
        }
        if ByteText.contains(decoded, byte: 0) {
            decoded = decoded.map { $0 == 0 ? 0x20 : $0 }  // same length: lines still hold
            warning = warning ?? "NUL bytes in the body were read as spaces"
            // Not the file's bytes any more: a fix over a space that was a NUL would replace
            // other bytes than the words it shows (found by fuzzing the pipeline).
            exact = false
        }
        let c = Charset.decode(decoded[...], charset: part.charset)
        if let w = c.warning { warning = warning.map { $0 + "; " + w } ?? w }
        return (c.text, exact && c.exact, warning)
    }

    /// Every non-multipart `text/plain` part in tree order (into embedded messages too),
    /// decoded — what Python's `email` package yields from `walk()` and `get_content()`.
    public static func plainTextParts(_ root: MIMEPart, in bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var stack: [MIMEPart] = [root]
        while let p = stack.popLast() {
            if !p.children.isEmpty {
                stack += p.children.reversed()
            } else if p.declaredType == "text/plain" {
                out.append(String(decoding: decodedBody(p, in: bytes).text, as: UTF8.self))
            }
        }
        return out
    }
}
