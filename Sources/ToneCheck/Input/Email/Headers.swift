import Foundation

/// One header field of a message or MIME part.
public struct HeaderField: Sendable, Equatable {
    /// The field name as written (`Subject`).
    public var name: String
    /// The raw value, unfolded (CRLF + whitespace → the whitespace), not yet decoded: a
    /// slice of the parsed bytes when the value is on one line (no copy), else of its own
    /// array. Index it from `startIndex`.
    public var raw: ArraySlice<UInt8>
    /// 1-based line of the field's first line, relative to the parsed bytes.
    public var line: Int
    /// Byte offset of the value's first byte (after `Name:` and spaces), relative to the parsed bytes.
    public var valueOffset: Int
    /// Whether the value spans more than one line.
    public var folded: Bool

    /// The value decoded: RFC 2047 encoded words expanded, 8-bit bytes read as UTF-8
    /// (else Windows-1252), whitespace runs collapsed.
    public var decoded: String { EncodedWords.decode(raw[...]) }
}

/// A header block: fields in order, looked up by case-insensitive name.
public struct HeaderBlock: Sendable {
    /// The fields in order.
    public var fields: [HeaderField] = []
    /// Offset of the first body byte (after the blank line), relative to the parsed bytes.
    public var bodyOffset: Int
    /// 1-based line of the first body line.
    public var bodyLine: Int
    /// True when the bytes ended before the blank line that closes the header.
    public var truncated = false
    /// Lines in the header block that were neither fields nor continuations (kept as body
    /// by some parsers; reported here).
    public var malformedLines = 0

    /// The first field called `name` (case-insensitive).
    public func first(_ name: String) -> HeaderField? {
        for i in fields.indices where ByteText.sameName(fields[i].name, name) { return fields[i] }
        return nil
    }

    /// Every field called `name`.
    public func all(_ name: String) -> [HeaderField] {
        var out: [HeaderField] = []
        for i in fields.indices where ByteText.sameName(fields[i].name, name) { out.append(fields[i]) }
        return out
    }

    /// Decoded value of the first field called `name`.
    public subscript(_ name: String) -> String? { first(name)?.decoded }

    /// Common field names as written in most mail, kept as strings made once: a field
    /// with one of these names (same bytes, same case) shares it instead of making its own.
    static let commonNames: [String] = [
        "From", "To", "Cc", "Subject", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References", "Reply-To",
        "MIME-Version", "Mime-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Return-Path",
        "Received", "X-Mailer", "Sender", "Bcc", "Thread-Topic", "Thread-Index", "Content-Language", "Importance",
    ]

    /// `commonNames` by byte count (up to 25), each with its bytes.
    static let commonNamesByLength: [[(bytes: [UInt8], name: String)]] = {
        var t = [[(bytes: [UInt8], name: String)]](repeating: [], count: 26)
        for n in commonNames { t[n.utf8.count].append((Array(n.utf8), n)) }
        return t
    }()

    /// The field name `bytes` (printable ASCII) as a string: a shared one when it is a
    /// common name, else a new one.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        if n < commonNamesByLength.count {
            for c in commonNamesByLength[n] where c.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, n) == 0 }) {
                return c.name
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the header block of `bytes[start..<end]`, whose first line is `line`.
    /// A leading mbox `From ` line is skipped. Stops at the first empty line; a line that
    /// is not `Name: value` and not a continuation ends the header (as Python's parser
    /// does) unless it is the very first line.
    /// Header fields are capped at `maxFields` (extra ones are skipped) so hostile input
    /// cannot make the field list huge.
    public static func parse(_ bytes: [UInt8], start: Int, end: Int, line: Int = 1, maxFields: Int = 2000) -> HeaderBlock {
        var block = HeaderBlock(bodyOffset: end, bodyLine: line)
        var i = start
        var lineNo = line
        var first = true
        // Room for a typical header at once (12 fields stay under 1 KB, which the
        // allocator serves from its fast per-thread cache).
        block.fields.reserveCapacity(12)
        // The field being read: its name, where its value starts, its line, its first
        // line's value and any continuation lines (ranges of `bytes`).
        var curName: String?
        var curStart = 0, curLine = 0
        var curFirst = 0..<0
        var curMore: [Range<Int>] = []
        func close() {
            guard let name = curName else { return }
            if block.fields.count < maxFields {
                var raw: [UInt8]
                if curMore.isEmpty {
                    block.fields.append(HeaderField(name: name, raw: bytes[curFirst], line: curLine, valueOffset: curStart, folded: false))
                    curName = nil
                    return
                } else {
                    raw = []
                    raw.append(contentsOf: bytes[curFirst])
                    for p in curMore {
                        // Continuation: keep one whitespace byte in place of the fold.
                        var t = p.lowerBound
                        while t < p.upperBound, ByteText.isSpace(bytes[t]) { t += 1 }
                        raw.append(0x20)
                        raw.append(contentsOf: bytes[t..<p.upperBound])
                    }
                }
                block.fields.append(HeaderField(name: name, raw: raw[...], line: curLine, valueOffset: curStart, folded: !curMore.isEmpty))
            }
            curName = nil
            curMore.removeAll(keepingCapacity: true)
        }
        // Lines read through a buffer (no slice of the array made, retained and released
        // per line); only a field's value becomes a slice of `bytes`.
        return bytes.withUnsafeBufferPointer { all -> HeaderBlock in
            let b = UnsafeBufferPointer(rebasing: all[..<end])
            while i < end {
                let e = ByteText.firstIndex(of: 0x0A, in: b, from: i) ?? end
                let next = e < end ? e + 1 : e
                var ce = e  // content end: the line without its CR
                if ce > i, b[ce - 1] == 0x0D { ce -= 1 }
                if ce == i {
                    close()
                    block.bodyOffset = next
                    block.bodyLine = lineNo + 1
                    return block
                }
                // (`From ` looked for only after a first byte that can start it.)
                if first, b[i] | 0x20 == 0x66, ByteText.hasPrefix(UnsafeBufferPointer(rebasing: b[i..<ce]), "From ") {
                    // mbox separator / unix-from line
                    first = false
                    i = next
                    lineNo += 1
                    continue
                }
                first = false
                if ByteText.isSpace(b[i]) {
                    // A continuation line (no name looked for).
                    if curName != nil {
                        if curMore.count < 9_999 { curMore.append(i..<ce) }
                    } else {
                        block.malformedLines += 1
                    }
                    i = next
                    lineNo += 1
                    continue
                }
                // The first colon, the bytes before it checked on the way: a name is
                // printable ASCII with no space, so the scan stops at the first byte that
                // is not (the colon is one of them).
                var colon = i
                while colon < ce {
                    let c = b[colon]
                    if c == 0x3A || c &- 0x21 >= 0x5E { break }
                    colon += 1
                }
                let nameOK = colon < ce && colon > i && b[colon] == 0x3A
                if nameOK {
                    close()
                    var v = colon + 1
                    while v < ce, ByteText.isSpace(b[v]) { v += 1 }
                    curName = HeaderBlock.name(UnsafeBufferPointer(rebasing: b[i..<colon]))
                    curStart = v
                    curLine = lineNo
                    curFirst = v..<ce
                } else {
                    // Not a header line: the body starts here (no blank line separator).
                    close()
                    block.malformedLines += 1
                    block.bodyOffset = i
                    block.bodyLine = lineNo
                    return block
                }
                i = next
                lineNo += 1
            }
            close()
            block.truncated = true
            block.bodyOffset = end
            block.bodyLine = lineNo
            return block
        }
    }
}

/// A parsed `Content-Type` (or `Content-Disposition`) value: `type/subtype; key=value; ...`.
public struct HeaderParameters: Sendable, Equatable {
    /// The lowercased value before the first `;` (`text/plain`, `attachment`).
    public var value: String
    /// Parameters with lowercased names; RFC 2231 continuations and charsets decoded.
    public var params: [String: String]

    /// Parses a raw header value.
    public init(_ raw: [UInt8]) {
        var i = 0
        let n = raw.count
        while i < n, raw[i] != 0x3B { i += 1 }
        value = ByteText.lowerString(ByteText.trim(raw[0..<i]))
        // Strip comments like "text/plain (comment)". (A `(` in the value is one in
        // `raw[0..<i]`: looked for there, in the array, not through the string's view.)
        if raw[0..<i].contains(0x28), let paren = value.firstIndex(of: "(") { value = String(value[..<paren]).trimmingCharacters(in: .whitespaces) }
        var params: [String: String] = [:]
        var continued: [String: [(Int, String, Bool)]] = [:]
        var count = 0
        while i < n, count < 200 {
            count += 1
            i += 1  // skip ;
            while i < n, ByteText.isWS(raw[i]) { i += 1 }
            let ks = i
            while i < n, raw[i] != 0x3D, raw[i] != 0x3B { i += 1 }
            let key = ByteText.lowerString(ByteText.trim(raw[ks..<i]))
            let keyHasStar = raw[ks..<i].contains(0x2A)
            var val = ""
            if i < n, raw[i] == 0x3D {
                i += 1
                while i < n, ByteText.isWS(raw[i]) { i += 1 }
                if i < n, raw[i] == 0x22 {
                    i += 1
                    // Up to the closing quote; a value with no backslash (nearly all) is
                    // decoded where it lies, with no copy made.
                    let qs = i
                    while i < n, raw[i] != 0x22, raw[i] != 0x5C { i += 1 }
                    if i < n, raw[i] == 0x5C {
                        var bytes = Array(raw[qs..<i])
                        while i < n, raw[i] != 0x22 {
                            if raw[i] == 0x5C, i + 1 < n { i += 1 }
                            bytes.append(raw[i])
                            i += 1
                        }
                        val = EncodedWords.decode(bytes[...])
                    } else {
                        val = EncodedWords.decode(raw[qs..<i])
                    }
                    if i < n { i += 1 }
                    while i < n, raw[i] != 0x3B { i += 1 }
                } else {
                    let vs = i
                    while i < n, raw[i] != 0x3B { i += 1 }
                    val = EncodedWords.decode(ByteText.trim(raw[vs..<i]))
                }
            }
            if key.isEmpty { continue }
            // RFC 2231: name*0*=..., name*1=..., name*=charset'lang'pct-encoded
            if keyHasStar, let star = key.firstIndex(of: "*") {
                let base = String(key[..<star])
                let rest = key[key.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let numText = rest.hasSuffix("*") ? rest.dropLast() : rest
                let num = Int(numText) ?? 0
                continued[base, default: []].append((num, val, encoded))
            } else if let first = params.updateValue(val, forKey: key) {
                params[key] = first  // the first value wins (one hash when the name is new)
            }
        }
        for (base, pieces) in continued {
            var charset: String?
            var out: [UInt8] = []
            for (k, piece) in pieces.sorted(by: { $0.0 < $1.0 }).enumerated() {
                var text = Substring(piece.1)
                if piece.2 {
                    if k == 0 {
                        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if parts.count == 3 { charset = String(parts[0]); text = parts[2] }
                    }
                    out += HeaderParameters.percentDecode(text)
                } else {
                    out += Array(text.utf8)
                }
            }
            params[base] = String(decoding: Charset.decode(out[...], charset: charset).text, as: UTF8.self)
        }
        self.params = params
    }

    /// The parameters of `raw`, from a small shared cache of recent values when it is
    /// there (a mailbox repeats the same few `Content-Type` and `Content-Disposition`
    /// values), else parsed (and kept, when short). Same result as `init(Array(raw))`.
    static func parsed(_ raw: ArraySlice<UInt8>) -> HeaderParameters {
        ParameterCache.shared.value(of: raw) { HeaderParameters(Array($0)) }
    }

    static func percentDecode(_ s: Substring) -> [UInt8] {
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == 0x25, i + 2 < b.count, let h = TransferEncoding.hex(b[i + 1]), let l = TransferEncoding.hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}

/// RFC 2047 encoded words (`=?charset?Q?...?=`, `=?charset?B?...?=`) in header values.
public enum EncodedWords {
    /// Decodes a raw header value: encoded words expanded (whitespace between two adjacent
    /// encoded words dropped), other 8-bit bytes read as UTF-8 (else Windows-1252),
    /// whitespace runs collapsed to one space.
    public static func decode(_ raw: ArraySlice<UInt8>) -> String {
        // Most values are plain ASCII with no encoded word: they decode to themselves.
        let plain: String? = raw.withUnsafeBufferPointer { b in
            // ASCII with no `=?` (`=` found with memchr; ASCII checked eight bytes at a time).
            guard ByteText.isASCII(b) else { return nil }
            var j = 0
            while let e = ByteText.firstIndex(of: 0x3D, in: b, from: j) {
                if e + 1 < b.count, b[e + 1] == 0x3F { return nil }
                j = e + 1
            }
            return ByteText.collapsedString(b)
        }
        if let plain { return plain }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        let end = raw.endIndex
        var plainStart = i
        var lastWasEncoded = false
        var pendingWS: ArraySlice<UInt8> = []
        func flushPlain(_ upTo: Int) {
            guard upTo > plainStart else { return }
            let seg = raw[plainStart..<upTo]
            if lastWasEncoded && seg.allSatisfy(ByteText.isWS) {
                pendingWS = seg  // maybe dropped if another encoded word follows
                return
            }
            if !pendingWS.isEmpty { out += pendingWS; pendingWS = [] }
            out += Charset.decode(seg, charset: "utf-8").text
            lastWasEncoded = false
        }
        while i < end {
            if raw[i] == 0x3D, i + 1 < end, raw[i + 1] == 0x3F, let (text, after) = encodedWord(raw, at: i) {
                flushPlain(i)
                // Whitespace between two encoded words is dropped.
                pendingWS = []
                out += text
                lastWasEncoded = true
                i = after
                plainStart = i
                continue
            }
            i += 1
        }
        flushPlain(end)
        if !pendingWS.isEmpty { out += pendingWS }
        return ByteText.collapsedString(out)
    }

    /// Decodes one encoded word starting at `start` (`=?`), returning its UTF-8 text and
    /// the index after `?=`, or nil when it is not a well-formed encoded word.
    static func encodedWord(_ raw: ArraySlice<UInt8>, at start: Int) -> ([UInt8], Int)? {
        let end = raw.endIndex
        var i = start + 2
        let csStart = i
        while i < end, raw[i] != 0x3F, i - csStart < 64 {
            if ByteText.isWS(raw[i]) { return nil }
            i += 1
        }
        guard i < end, raw[i] == 0x3F, i > csStart else { return nil }
        let charset = String(decoding: raw[csStart..<i], as: UTF8.self)
        i += 1
        guard i + 1 < end, raw[i + 1] == 0x3F else { return nil }
        let enc = ByteText.lower(raw[i])
        guard enc == 0x71 || enc == 0x62 else { return nil }  // q or b
        i += 2
        let textStart = i
        // Find "?=" (encoded text has no whitespace per RFC; allow it leniently but bound it).
        while i + 1 < end, !(raw[i] == 0x3F && raw[i + 1] == 0x3D) {
            if i - textStart > 4096 { return nil }
            i += 1
        }
        guard i + 1 < end else { return nil }
        let text = raw[textStart..<i]
        let bytes = enc == 0x71 ? TransferEncoding.quotedPrintable(text, header: true) : TransferEncoding.base64(text).bytes
        return (Charset.decode(bytes[...], charset: charset).text, i + 2)
    }
}

/// Values recently worked out from short header bytes (parameters, address lists),
/// found by a hash of the bytes in a set of two entries: a hit costs a hash, a comparison
/// or two and a lock instead of the work (strings and collections made). A mailbox
/// repeats the same few `Content-Type` values and correspondents. Two entries per set,
/// so two values whose hashes pick the same set do not keep pushing each other out (with
/// one, a pair of them taking turns, as in a mailbox of replies, missed every time).
/// Bounded: `slots` entries of at most `maxBytes` bytes each; thread-safe.
final class RecentValues<Value>: @unchecked Sendable {
    static var maxBytes: Int { 256 }
    static var slots: Int { 256 }

    private let lock = NSLock()
    /// Sets of two: entries `2k` (the one used last) and `2k + 1`.
    private var entries: [(hash: UInt64, bytes: [UInt8], value: Value)?] = Array(repeating: nil, count: RecentValues.slots)

    /// A hash of the bytes, eight at a time (multiply and fold; the top bits pick the set).
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = b.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        guard let base = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        while i < n { tail = tail << 8 | UInt64(b[i]); i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    /// The first of the two entries of the set that hash `h` picks (by its top bits;
    /// `slots` is a power of two up to 512).
    static func firstEntry(of h: UInt64) -> Int {
        (Int(truncatingIfNeeded: h >> 56) & (slots / 2 - 1)) * 2
    }

    /// `make(raw)`, from the cache when it holds these bytes (then `make` is not called).
    /// `make` must depend on nothing but the bytes. Bytes longer than `maxBytes` are
    /// never cached.
    func value(of raw: ArraySlice<UInt8>, _ make: (ArraySlice<UInt8>) -> Value) -> Value {
        guard raw.count <= RecentValues.maxBytes else { return make(raw) }
        let h = raw.withUnsafeBufferPointer { RecentValues.hash($0) }
        let first = RecentValues.firstEntry(of: h)
        func holds(_ k: Int) -> Bool {
            guard let e = entries[k], e.hash == h, e.bytes.count == raw.count else { return false }
            return e.bytes.withUnsafeBufferPointer { a in raw.withUnsafeBufferPointer { b in b.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 } }
        }
        lock.lock()
        for k in first...(first + 1) where holds(k) {
            let value = entries[k]!.value
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make(raw)
        let bytes = Array(raw)
        lock.lock()
        // The new value goes first; the one used last before it stays, second.
        entries.swapAt(first, first + 1)
        entries[first] = (h, bytes, value)
        lock.unlock()
        return value
    }
}

/// The shared cache of `Content-Type` / `Content-Disposition` parameters.
enum ParameterCache {
    static let shared = RecentValues<HeaderParameters>()
    static var maxBytes: Int { RecentValues<HeaderParameters>.maxBytes }
    static var slots: Int { RecentValues<HeaderParameters>.slots }
}
