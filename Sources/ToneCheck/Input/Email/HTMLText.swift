/// Converts an HTML body to plain text for checking: tags stripped, entities decoded,
/// block elements become line breaks, and quote containers (`<blockquote>`, Gmail's
/// `gmail_quote`, Outlook's `divRplyFwdMsg` and `OLK_SRC_BODY_SECTION`, Thunderbird's
/// `moz-cite-prefix`, Yahoo's `yahoo_quoted`) and signature containers (`gmail_signature`,
/// `id="Signature"`) are returned as ranges so they can be zoned. Linear in the input;
/// the open-element stack is capped.
public enum HTMLText {
    /// Text plus the ranges (in `text`) that are quoted or signature.
    public struct Result: Sendable {
        /// UTF-8 text.
        public var text: [UInt8]
        /// Ranges of `text` that belong to a quote or signature container.
        public var zones: [(range: Range<Int>, role: SegmentRole)]
        /// For each newline of `text`, in order: the offset in the HTML of the first text
        /// written after it (so a line of text can be traced to a line of the HTML).
        public var newlineSources: [Int] = []
    }

    /// Tag names by what they do: block elements (a line break), paragraphs (a blank
    /// line), void elements (no content, no close tag) and elements whose content is not
    /// text. Plain arrays: the tables below are made from them once, with no set or
    /// dictionary made on the way (what the first HTML part of a run used to pay for).
    static let tagLists: [(kind: TagKind, names: [String])] = [
        (.block, [
            "div", "tr", "li", "ul", "ol", "table", "blockquote", "pre", "hr", "section", "article", "header", "footer",
            "address", "dd", "dt", "dl", "center", "form", "fieldset", "tbody", "thead", "tfoot", "nav", "aside", "main", "figure",
        ]),
        (.paragraph, ["p", "h1", "h2", "h3", "h4", "h5", "h6"]),
        (.void, ["br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr"]),
        (.skip, ["script", "style", "head", "title", "xml"]),
    ]

    /// Membership of each tag name in the lists above, found with one lookup per tag.
    struct TagKind: OptionSet {
        let rawValue: UInt8
        static let block = TagKind(rawValue: 1), paragraph = TagKind(rawValue: 2), void = TagKind(rawValue: 4), skip = TagKind(rawValue: 8)
    }
    /// The kind of every listed name.
    static let tagKinds: [String: TagKind] = {
        var d: [String: TagKind] = [:]
        for (kind, names) in tagLists { for t in names { d[t, default: []].insert(kind) } }
        return d
    }()
    /// The kinds of listed names longer than eight bytes (the few `kindSlots` cannot hold).
    static let longTagKinds: [(name: String, kind: TagKind)] = {
        var out: [(name: String, kind: TagKind)] = []
        for (kind, names) in tagLists {
            for t in names where t.utf8.count > 8 {
                if let k = out.firstIndex(where: { $0.name == t }) { out[k].kind.insert(kind) } else { out.append((t, kind)) }
            }
        }
        return out
    }()

    static func packed<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        guard bytes.count <= 8 else { return nil }
        var v: UInt64 = 0
        for b in bytes { v = v << 8 | UInt64(b) }
        return v
    }

    /// The kind of a (lowercased) tag name: `tagKinds[name] ?? []`.
    static func tagKind(_ name: String) -> TagKind {
        if let p = packed(name.utf8) { return kind(packed: p) }
        return longTagKind(name)
    }

    /// The kind of a name longer than eight bytes.
    static func longTagKind(_ name: String) -> TagKind {
        for e in longTagKinds where e.name == name { return e.kind }
        return []
    }

    /// The kinds of listed names of up to eight bytes, by name packed into a number
    /// (`packed`), as an open-addressing table of 128 slots (key 0, the empty name, marks
    /// a free slot): a lookup is a multiply and a probe or two, no hashing.
    static let kindSlots: [(key: UInt64, kind: TagKind)] = {
        var t = [(key: UInt64, kind: TagKind)](repeating: (0, []), count: 128)
        for (kind, names) in tagLists {
            for name in names {
                guard let k = packed(name.utf8) else { continue }
                var h = slot(k)
                while t[h].key != 0, t[h].key != k { h = (h + 1) & 127 }
                t[h].key = k
                t[h].kind.insert(kind)
            }
        }
        return t
    }()

    @inline(__always) static func slot(_ p: UInt64) -> Int { Int(truncatingIfNeeded: (p &* 0x9E37_79B9_7F4A_7C15) >> 57) }

    /// The kind of a tag name packed by `packed`.
    static func kind(packed p: UInt64) -> TagKind {
        kindSlots.withUnsafeBufferPointer { t in
            var h = slot(p)
            while true {
                let e = t[h]
                if e.key == p { return e.kind }
                if e.key == 0 { return [] }
                h = (h + 1) & 127
            }
        }
    }

    /// A lowercased tag name: packed into a number when it has at most eight bytes (so
    /// names are compared and looked up with no string made), else kept as a string.
    struct TagName: Equatable {
        /// `packed(name)` for a name of up to eight bytes; `UInt64.max` for a longer one.
        var packed: UInt64
        /// The name, when it is longer than eight bytes.
        var long: String?

        /// The name of `bytes` (ASCII letters, digits, `-`), lowercased.
        init(lowering bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count <= 8 {
                var v: UInt64 = 0
                for b in bytes { v = v << 8 | UInt64(ByteText.lower(b)) }
                packed = v
                long = nil
            } else {
                packed = .max
                long = ByteText.lowerString(bytes)
            }
        }

        /// A name written in the code (lowercase).
        init(_ s: StaticString) {
            self.init(lowering: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }

        /// The name as a string.
        var string: String {
            if let long { return long }
            var count = 0
            while count < 8, packed >> (8 * UInt64(count)) != 0 { count += 1 }
            return String(unsafeUninitializedCapacity: count) { out in
                for k in 0..<count { out[k] = UInt8(truncatingIfNeeded: packed >> (8 * UInt64(count - 1 - k))) }
                return count
            }
        }

        /// `HTMLText.tagKind(string)`.
        var kind: TagKind { long.map(HTMLText.longTagKind) ?? HTMLText.kind(packed: packed) }
    }

    static let brName = TagName("br"), tdName = TagName("td"), thName = TagName("th"), preName = TagName("pre")
    static let blockquoteName = TagName("blockquote")

    static let maxStack = 512

    /// Converts HTML (already decoded to UTF-8) to text.
    public static func convert(_ html: [UInt8]) -> Result {
        html.withUnsafeBufferPointer { convert(html, $0) }
    }

    /// `convert` with the HTML read through `hb` (the same bytes as `html`): no bounds
    /// checks in the byte loops.
    static func convert(_ htmlArray: [UInt8], _ html: UnsafeBufferPointer<UInt8>) -> Result {
        let brName = HTMLText.brName, tdName = HTMLText.tdName, thName = HTMLText.thName, preName = HTMLText.preName
        let blockquoteName = HTMLText.blockquoteName
        var out: [UInt8] = []
        out.reserveCapacity(html.count / 2)
        var zones: [(range: Range<Int>, role: SegmentRole)] = []
        var stack: [(name: TagName, zoneStart: Int?, role: SegmentRole?)] = []
        var quoteToEnd: Int?
        var pendingSpace = false
        var pre = 0
        let n = html.count
        var i = 0
        // Every newline written, with the input offset of the text that follows it (set
        // when that text comes, for every newline from `awaitingFrom` on).
        var newlineAt: [(out: Int, input: Int)] = []
        // Room for a typical message's open elements and line breaks at once (one
        // allocation each, not one per doubling).
        stack.reserveCapacity(16)
        newlineAt.reserveCapacity(32)
        var awaitingFrom: Int?

        func trailingNewlines() -> Int {
            var k = 0
            var j = out.count - 1
            while j >= 0, out[j] == 0x0A, k < 2 { k += 1; j -= 1 }
            return k
        }
        func newline(_ want: Int) {
            pendingSpace = false
            // Drop trailing spaces before the break.
            while let l = out.last, l == 0x20 { out.removeLast() }
            if out.isEmpty { return }
            var have = trailingNewlines()
            while have < want {
                awaitingFrom = awaitingFrom ?? newlineAt.count
                newlineAt.append((out.count, n))
                out.append(0x0A)
                have += 1
            }
        }
        // (The two helpers run before every run of text: inlined, not called through
        // their closure context.)
        /// Writes the pending space (none at the start of a line) before text.
        @inline(__always) func spaceIfPending() {
            if pendingSpace {
                if let l = out.last, l != 0x0A { out.append(0x20) }
                pendingSpace = false
            }
        }
        func emit(_ b: UInt8) {
            if pre == 0, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                pendingSpace = true
                return
            }
            spaceIfPending()
            if b == 0x0A {
                awaitingFrom = awaitingFrom ?? newlineAt.count
                newlineAt.append((out.count, n))
            } else {
                sourceFound()
            }
            out.append(b)
        }
        @inline(__always) func sourceFound() {
            if let k = awaitingFrom {
                for j in k..<newlineAt.count { newlineAt[j].input = i }
                awaitingFrom = nil
            }
        }
        func emitScalar(_ cp: UInt32) {
            if cp == 0xA0 { emit(0x20); return }
            if cp < 0x80 { emit(UInt8(cp)); return }
            spaceIfPending()
            sourceFound()
            Charset.appendUTF8(cp, to: &out)
        }

        while i < n {
            let b = html[i]
            if b == 0x26 {  // &
                if let (cp, len) = entity(html, at: i) {
                    emitScalar(cp)
                    i += len
                } else {
                    emit(b)
                    i += 1
                }
                continue
            }
            if b != 0x3C {  // not <
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    // Outside <pre>, white space only makes a space pending (no call made).
                    if pre == 0 { pendingSpace = true } else { emit(b) }
                    i += 1
                    continue
                }
                // A run of ordinary bytes (no markup, entity or white space) goes in whole,
                // after the space pending before it.
                var j = i + 1
                while j < n {
                    let c = html[j]
                    if c == 0x3C || c == 0x26 || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { break }
                    j += 1
                }
                spaceIfPending()
                sourceFound()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: html[i..<j]))
                i = j
                continue
            }
            // Comments, doctype, processing instructions.
            if i + 3 < n, html[i + 1] == 0x21, html[i + 2] == 0x2D, html[i + 3] == 0x2D {
                i = ByteText.find("-->", in: htmlArray, from: i + 4, to: n).map { $0 + 3 } ?? n
                continue
            }
            if i + 1 < n, html[i + 1] == 0x21 || html[i + 1] == 0x3F {
                while i < n, html[i] != 0x3E { i += 1 }
                i += 1
                continue
            }
            // A tag: <name attrs> or </name>.
            var j = i + 1
            var closing = false
            if j < n, html[j] == 0x2F { closing = true; j += 1 }
            let ns = j
            while j < n, (html[j] >= 0x61 && html[j] <= 0x7A) || (html[j] >= 0x41 && html[j] <= 0x5A) || (html[j] >= 0x30 && html[j] <= 0x39) || html[j] == 0x3A || html[j] == 0x2D {
                j += 1
            }
            if j == ns || j - ns > 40 {
                emit(b)  // a stray "<"
                i += 1
                continue
            }
            // A namespaced name (`o:p`) is read as its last part: what follows the last `:`
            // that has something after it (nothing when the name is all colons).
            var nameStart = ns, nameEnd = j
            if html[ns..<j].contains(0x3A) {
                while nameEnd > ns, html[nameEnd - 1] == 0x3A { nameEnd -= 1 }
                nameStart = nameEnd
                while nameStart > ns, html[nameStart - 1] != 0x3A { nameStart -= 1 }
            }
            let name = TagName(lowering: UnsafeBufferPointer(rebasing: html[nameStart..<nameEnd]))
            let kind = name.kind
            // Attributes up to ">" (quotes respected); we keep only class and id.
            var classes = ""
            var ident = ""
            var selfClosing = false
            while j < n, html[j] != 0x3E {
                if html[j] == 0x2F { selfClosing = true; j += 1; continue }
                selfClosing = false
                if ByteText.isWS(html[j]) || html[j] == 0x0C { j += 1; continue }
                let as0 = j
                while j < n, html[j] != 0x3D, html[j] != 0x3E, !ByteText.isWS(html[j]), html[j] != 0x2F { j += 1 }
                // Only `class` and `id` values are kept, so only theirs become strings.
                let isClass = ByteText.equals(html[as0..<j], "class"), isID = !isClass && ByteText.equals(html[as0..<j], "id")
                while j < n, ByteText.isWS(html[j]) { j += 1 }
                var value = 0..<0
                if j < n, html[j] == 0x3D {
                    j += 1
                    while j < n, ByteText.isWS(html[j]) { j += 1 }
                    if j < n, html[j] == 0x22 || html[j] == 0x27 {
                        let q = html[j]
                        j += 1
                        let vs = j
                        while j < n, html[j] != q { j += 1 }
                        value = vs..<j
                        if j < n { j += 1 }
                    } else {
                        let vs = j
                        while j < n, !ByteText.isWS(html[j]), html[j] != 0x3E { j += 1 }
                        value = vs..<j
                    }
                }
                if isClass {
                    classes = String(decoding: UnsafeBufferPointer(rebasing: html[value]), as: UTF8.self)
                } else if isID {
                    ident = String(decoding: UnsafeBufferPointer(rebasing: html[value]), as: UTF8.self)
                }
                if j == as0 { j += 1 }
            }
            i = min(n, j + 1)

            if !closing, kind.contains(.skip), !selfClosing {
                // Skip to the matching close tag.
                i = ByteText.find("</" + name.string, in: htmlArray, from: i, to: n).map { k in
                    var e = k
                    while e < n, html[e] != 0x3E { e += 1 }
                    return e + 1
                } ?? n
                continue
            }
            if name == brName { newline(1); continue }
            let isPara = kind.contains(.paragraph)
            let isBlock = isPara || kind.contains(.block)
            if name == tdName || name == thName { if !closing { pendingSpace = true }; continue }
            if closing {
                if isBlock { newline(isPara ? 2 : 1) }
                if name == preName { pre = max(0, pre - 1) }
                // Pop to the matching open element (if it is open at all, within reach).
                var k = stack.count - 1
                var found = -1
                while k >= 0, stack.count - k <= 64 {
                    if stack[k].name == name { found = k; break }
                    k -= 1
                }
                if found >= 0 {
                    while stack.count > found {
                        let top = stack.removeLast()
                        if let s = top.zoneStart, let role = top.role { zones.append((s..<out.count, role)) }
                    }
                }
                continue
            }
            if isBlock { newline(isPara ? 2 : 1) }
            if name == preName { pre += 1 }
            if kind.contains(.void) || selfClosing { continue }
            // Quote and signature containers.
            var role: SegmentRole?
            if classes.isEmpty && ident.isEmpty {
                // No class or id (most elements): only the element's name can make it a quote.
                if name == blockquoteName { role = .quoted }
            } else {
            let cls = classes.lowercased(), idl = ident.lowercased()
            if idl == "divrplyfwdmsg" || idl.hasPrefix("appendonsend") || ByteText.contains(cls, "olk_src_body_section") || idl == "olk_src_body_section" {
                if quoteToEnd == nil { quoteToEnd = out.count }
            } else if name == blockquoteName || ByteText.contains(cls, "gmail_quote") || ByteText.contains(cls, "moz-cite-prefix") || ByteText.contains(cls, "yahoo_quoted") || ByteText.contains(idl, "yahoo_quoted") {
                role = .quoted
            } else if ByteText.contains(cls, "gmail_signature") || idl == "signature" || cls == "signature" || ByteText.contains(cls, "moz-signature") {
                role = .signature
            }
            }
            if stack.count < maxStack {
                stack.append((name, role != nil ? out.count : nil, role))
            }
        }
        while let top = stack.popLast() {
            if let s = top.zoneStart, let role = top.role { zones.append((s..<out.count, role)) }
        }
        while let l = out.last, l == 0x20 || l == 0x0A { out.removeLast() }
        if !out.isEmpty {
            newlineAt.append((out.count, n))
            out.append(0x0A)
        }
        // The newlines still in the text (trailing ones were trimmed, one re-added).
        var sources: [Int] = []
        var lastOut = -1
        for e in newlineAt where e.out < out.count && out[e.out] == 0x0A {
            if e.out == lastOut { sources[sources.count - 1] = e.input } else { sources.append(e.input) }
            lastOut = e.out
        }
        if let q = quoteToEnd, q < out.count { zones.append((q..<out.count, .quoted)) }
        // Clamp ranges to the final text.
        zones = zones.compactMap { z in
            let lo = min(z.range.lowerBound, out.count), hi = min(z.range.upperBound, out.count)
            return lo < hi ? (lo..<hi, z.role) : nil
        }
        return Result(text: out, zones: zones, newlineSources: sources)
    }

    static let named: [String: UInt32] = [
        "nbsp": 0xA0, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "rsquo": 0x2019, "lsquo": 0x2018,
        "ldquo": 0x201C, "rdquo": 0x201D, "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026, "copy": 0xA9, "reg": 0xAE,
        "trade": 0x2122, "euro": 0x20AC, "pound": 0xA3, "bull": 0x2022, "middot": 0xB7, "laquo": 0xAB, "raquo": 0xBB,
        "zwnj": 0x200C, "zwj": 0x200D, "shy": 0xAD, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "eacute": 0xE9,
        "egrave": 0xE8, "agrave": 0xE0, "aacute": 0xE1, "uuml": 0xFC, "ouml": 0xF6, "auml": 0xE4, "szlig": 0xDF,
        "ccedil": 0xE7, "ntilde": 0xF1, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "deg": 0xB0, "times": 0xD7,
        "cent": 0xA2, "yen": 0xA5, "sect": 0xA7, "para": 0xB6, "iexcl": 0xA1, "iquest": 0xBF, "rarr": 0x2192, "larr": 0x2190,
    ]

    /// Decodes the entity at `i` (`&name;`, `&#123;`, `&#x1F;`): its scalar and length.
    static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let n = b.count
        var j = i + 1
        if j < n, b[j] == 0x23 {
            j += 1
            var hexMode = false
            if j < n, b[j] == 0x78 || b[j] == 0x58 { hexMode = true; j += 1 }
            var v: UInt32 = 0
            let ds = j
            while j < n, j - ds < 8 {
                if hexMode, let h = TransferEncoding.hex(b[j]) { v = v * 16 + UInt32(h) } else if !hexMode, b[j] >= 0x30, b[j] <= 0x39 { v = v * 10 + UInt32(b[j] - 0x30) } else { break }
                j += 1
            }
            guard j > ds else { return nil }
            if j < n, b[j] == 0x3B { j += 1 }
            if v == 0 || v > 0x10FFFF { v = 0xFFFD }
            // Windows-1252 numeric references (&#146;) as browsers read them.
            if v >= 0x80, v < 0xA0, Charset.cp1252High[Int(v - 0x80)] != 0 { v = Charset.cp1252High[Int(v - 0x80)] }
            return (v, j - i)
        }
        let ns = j
        while j < n, j - ns < 10, (b[j] >= 0x61 && b[j] <= 0x7A) || (b[j] >= 0x41 && b[j] <= 0x5A) || (b[j] >= 0x30 && b[j] <= 0x39) { j += 1 }
        guard j > ns else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[ns..<j]), as: UTF8.self)
        guard let cp = named[name] ?? named[name.lowercased()] else { return nil }
        if j < n, b[j] == 0x3B { j += 1 }
        return (cp, j - i)
    }
}
