import Foundation

/// Splits a message body (or a plain-text draft) into zones by role, line by line:
///
/// - `>` quoted lines → `quoted`.
/// - A reply header — "On … wrote:" (also wrapped over up to three lines),
///   "-----Original Message-----", an Outlook `From:` / `Sent:` / `To:` / `Subject:` block —
///   makes everything after it `quoted`. When the lines after an "On … wrote:" header are
///   `>` quoted, the reply is read as interleaved instead: only the `>` lines are quoted and
///   the author's answers between them stay `body`.
/// - A forward marker ("---------- Forwarded message ---------", "Begin forwarded message:")
///   makes everything after it `forwarded`.
/// - Signatures → `signature`: from a `-- ` line, from "Sent from my iPhone" (and similar
///   mobile footers), or the 1–4 short name lines after a sign-off line ("Thanks,", "Best,",
///   "Regards," ...) at the end of the author's text. The sign-off line itself stays `body`:
///   it is the author's own words (and often earns politeness credit).
/// - A legal disclaimer or confidentiality notice ("This email and any attachments are
///   confidential…", "CONFIDENTIALITY NOTICE") → `disclaimer` to the end of the author's text.
///
/// Every check looks at one line (or three for a wrapped header) and skips lines longer
/// than a few hundred bytes, so zoning is linear even for a 10 MB line.
public enum EmailZoner {
    /// One run of lines with a role: a byte range of the text.
    public struct Zone: Sendable, Equatable {
        /// The role.
        public var role: SegmentRole
        /// Bytes of the text.
        public var range: Range<Int>
    }

    struct Line {
        var start: Int
        var end: Int  // content end (no CR/LF)
        var next: Int
        var trimmedStart: Int  // content without surrounding white space
        var trimmedEnd: Int
        var blank: Bool

        /// The line's trimmed content in `text`.
        func trimmed(in text: [UInt8]) -> ArraySlice<UInt8> { text[trimmedStart..<trimmedEnd] }
    }

    static let maxHeaderLine = 400

    /// Zones of `text`. `forced` ranges (from HTML quote and signature containers) give
    /// their role to every line that starts inside them.
    public static func zones(_ text: [UInt8], forced: [(range: Range<Int>, role: SegmentRole)] = []) -> [Zone] {
        // Each line's bounds, its trimmed range (nothing for a line too long to be a
        // header) and blankness, worked out in one pass (the checks below ask for them
        // several times per line), and each line's role: both in temporary buffers (on the
        // stack when small), not arrays made and freed per body.
        guard !text.isEmpty else { return [] }
        // A long text's table is on the heap anyway: room for a line per 24 bytes (prose
        // has one per 60 or more) lets it be built in the one pass. A short text (a
        // message body), or one with shorter lines, has its lines counted first, so that
        // its table is as small as it can be (on the stack, not the heap, when small).
        return text.withUnsafeBufferPointer { b in
            if b.count > 1 << 16, let zones = zones(text, b, lineCapacity: b.count / 24 + 16, forced: forced) { return zones }
            var count = 1
            var q = 0
            while let nl = ByteText.firstIndex(of: 0x0A, in: b, from: q) {
                q = nl + 1
                count += 1
            }
            return zones(text, b, lineCapacity: count, forced: forced)!
        }
    }

    /// `zones` with the line table of `text` (whose bytes are `b`) in a temporary buffer of
    /// `lineCapacity` lines, or nil when the text has more lines.
    static func zones(_ text: [UInt8], _ b: UnsafeBufferPointer<UInt8>, lineCapacity: Int, forced: [(range: Range<Int>, role: SegmentRole)]) -> [Zone]? {
        let n = b.count
        return withUnsafeTemporaryAllocation(of: Line.self, capacity: lineCapacity) { lineBuffer -> [Zone]? in
            var m = 0
            var i = 0
            while i < n {
                guard m < lineCapacity else { return nil }
                let e = ByteText.firstIndex(of: 0x0A, in: b, from: i) ?? n
                let next = e < n ? e + 1 : e
                var ce = e
                if ce > i, b[ce - 1] == 0x0D { ce -= 1 }
                var a = i, t = ce
                while a < t, ByteText.isWS(b[a]) { a += 1 }
                while t > a, ByteText.isWS(b[t - 1]) { t -= 1 }
                let long = ce - i > maxHeaderLine * 4
                (lineBuffer.baseAddress! + m).initialize(to: Line(start: i, end: ce, next: next, trimmedStart: long ? i : a, trimmedEnd: long ? i : t, blank: a == t))
                m += 1
                i = next
            }
            let lines = UnsafeBufferPointer(rebasing: lineBuffer[..<m])
            return withUnsafeTemporaryAllocation(of: SegmentRole.self, capacity: m) { roles in
                roles.initialize(repeating: .body)
                return zones(text, lines: lines, roles: roles, forced: forced)
            }
        }
    }

    /// `zones` over the line table `lines` of `text`, with `roles` (one per line, all
    /// `body`) to fill in.
    static func zones(
        _ text: [UInt8], lines: UnsafeBufferPointer<Line>, roles: UnsafeMutableBufferPointer<SegmentRole>,
        forced: [(range: Range<Int>, role: SegmentRole)]
    ) -> [Zone] {
        let n = text.count
        func content(_ k: Int) -> ArraySlice<UInt8> { text[lines[k].start..<lines[k].end] }
        func trimmed(_ k: Int) -> ArraySlice<UInt8> { lines[k].trimmed(in: text) }
        func isBlank(_ k: Int) -> Bool { lines[k].blank }
        func isQuoted(_ k: Int) -> Bool {
            var j = lines[k].start
            while j < lines[k].end, ByteText.isSpace(text[j]) { j += 1 }
            return j < lines[k].end && text[j] == 0x3E
        }
        func short(_ k: Int) -> Bool { lines[k].end - lines[k].start <= maxHeaderLine }
        // False when `isDisclaimerStart` must be false: the line's first byte, or its first
        // four, can start no notice (a line too long to keep its trimmed range is always
        // asked in full).
        let disclaimerHeads = EmailZoner.disclaimerHeads
        func mayStartDisclaimer(_ k: Int) -> Bool {
            let l = lines[k]
            if l.end - l.start > maxHeaderLine * 4 { return true }
            if l.blank { return false }
            let c = text[l.trimmedStart]
            if c == 0x2A || c == 0x5F || c == 0x5B { return true }
            let f = ByteText.lower(c)
            guard f == 0x63 || f == 0x64 || f == 0x74 || f == 0x69 || f == 0x70 || f == 0x6E || f == 0x6C else { return false }
            // The notice would start right there: it needs eight bytes, the first four
            // (0x20 set) those of some notice ("this", "the ", "conf", ...).
            let a = l.trimmedStart
            guard l.trimmedEnd - a >= 8 else { return false }
            let head = UInt32(text[a] | 0x20) | UInt32(text[a + 1] | 0x20) << 8 | UInt32(text[a + 2] | 0x20) << 16 | UInt32(text[a + 3] | 0x20) << 24
            return disclaimerHeads.contains(head)
        }

        // 1. Reply and forward headers.
        var cut = lines.count
        var cutRole = SegmentRole.quoted
        var k = 0
        while k < lines.count {
            if isQuoted(k) || !short(k) || isBlank(k) { k += 1; continue }
            // Each check below needs its line to start (or end) with certain bytes: most
            // lines are ruled out by their first and last byte, with no slice made.
            let c0 = text[lines[k].trimmedStart], c1 = text[lines[k].trimmedEnd - 1]
            let l0 = ByteText.lower(c0)
            let mayForward = c0 == 0x2D || c0 == 0x3D || c0 == 0x2A || c0 == 0x46 || c0 == 0x66 || c0 | 0x20 == 0x62
                || c1 == 0x2D || c1 == 0x3D || c1 == 0x2A
            let mayOriginal = c0 == 0x2D || c0 == 0x5F || c0 == 0x3D
            if mayForward || mayOriginal {
                let t = trimmed(k)
                if mayForward, let fwd = forwardMarker(t), fwd {
                    cut = k; cutRole = .forwarded; break
                }
                if mayOriginal, originalMessageMarker(t) { cut = k; cutRole = .quoted; break }
            }
            if c1 == 0x3A || l0 == 0x6F, let span = wroteHeader(k, lines.count, trimmed, isBlank, short) {
                // Next non-blank line after the header.
                var m = k + span
                while m < lines.count, isBlank(m) { m += 1 }
                if m < lines.count, isQuoted(m) {
                    for h in k..<(k + span) { roles[h] = .quoted }
                    k += span
                    continue
                }
                cut = k; cutRole = .quoted; break
            }
            if c0 == 0x2A || l0 == 0x66 || l0 == 0x64 || l0 == 0x76, outlookBlock(k, lines.count, trimmed) {
                cut = k
                cutRole = .quoted
                // Take a separator line just above ("____", "-----") with it.
                var p = k - 1
                while p >= 0, isBlank(p) { p -= 1 }
                if p >= 0, isRule(trimmed(p)) { cut = p }
                break
            }
            k += 1
        }
        for m in cut..<lines.count { roles[m] = cutRole }

        // 2. Quoted lines in the author's part; disclaimer.
        var disclaimerAt = cut
        for m in 0..<cut {
            if roles[m] == .quoted { continue }
            if isQuoted(m) { roles[m] = .quoted; continue }
            if disclaimerAt == cut, short(m) || lines[m].end - lines[m].start <= 2000, mayStartDisclaimer(m), isDisclaimerStart(ByteText.trim(content(m).prefix(200))) {
                disclaimerAt = m
                var p = m - 1
                while p >= 0, isBlank(p) { p -= 1 }
                if p >= 0, roles[p] == .body, isRule(trimmed(p)) { disclaimerAt = p }
            }
        }
        for m in disclaimerAt..<cut where roles[m] == .body { roles[m] = .disclaimer }

        // 3. Signatures, at the end of each run of the author's lines.
        var runStart = 0
        while runStart < disclaimerAt {
            if roles[runStart] != .body { runStart += 1; continue }
            var runEnd = runStart
            while runEnd < disclaimerAt, roles[runEnd] == .body { runEnd += 1 }
            signature(in: runStart..<runEnd, text: text, lines: lines, roles: roles)
            runStart = runEnd
        }

        // 4. Forced zones (HTML containers): one sweep over zones sorted by start, so
        //    thousands of nested containers stay linear.
        if !forced.isEmpty {
            let sorted = forced.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var z = 0
            var quotedEnd = 0, signatureEnd = 0
            for m in 0..<lines.count {
                let s = lines[m].start
                while z < sorted.count, sorted[z].range.lowerBound <= s {
                    if sorted[z].role == .quoted { quotedEnd = max(quotedEnd, sorted[z].range.upperBound) } else { signatureEnd = max(signatureEnd, sorted[z].range.upperBound) }
                    z += 1
                }
                if s < quotedEnd {
                    roles[m] = .quoted
                } else if s < signatureEnd, roles[m] == .body {
                    roles[m] = .signature
                }
            }
        }

        // 5. Blank lines join the run before them, so runs do not fragment.
        for m in 1..<lines.count where isBlank(m) && roles[m] != roles[m - 1] {
            if m < cut || roles[m] == roles[m - 1] { roles[m] = roles[m - 1] }
        }

        var zones: [Zone] = []
        zones.reserveCapacity(4)  // most bodies have a few zones: one allocation for them
        var zs = 0
        for m in 1...lines.count {
            if m == lines.count || roles[m] != roles[zs] {
                zones.append(Zone(role: roles[zs], range: lines[zs].start..<(m == lines.count ? n : lines[m].start)))
                zs = m
            }
        }
        return zones
    }

    /// Marks the signature at the end of the author's lines `run` (of the line table
    /// `lines` of `text`).
    static func signature(in run: Range<Int>, text: [UInt8], lines: UnsafeBufferPointer<Line>, roles: UnsafeMutableBufferPointer<SegmentRole>) {
        // "-- " separator or a mobile footer: signature from there to the end of the run.
        for m in run {
            let l = lines[m]
            // Read from the line table, most lines are neither: a separator is two bytes
            // long, a footer at most 80 and starts with "s" or "g" (`isMobileFooter`).
            let count = l.trimmedEnd - l.trimmedStart
            guard l.end - l.start <= maxHeaderLine, count == 2 || (count > 2 && count <= 80 && (text[l.trimmedStart] | 0x20 == 0x73 || text[l.trimmedStart] | 0x20 == 0x67))
            else { continue }
            let t = l.trimmed(in: text)
            if (t.count == 2 && t.first == 0x2D && t.last == 0x2D) || isMobileFooter(t) {
                for x in m..<run.upperBound { roles[x] = .signature }
                return
            }
        }
        // Sign-off then 1–4 short name lines at the end.
        var last = run.upperBound - 1
        while last >= run.lowerBound, lines[last].blank { last -= 1 }
        guard last > run.lowerBound else { return }
        var m = last
        var names = 0
        while m > run.lowerBound, names < 5 {
            if lines[m].blank { break }
            let t = lines[m].trimmed(in: text)
            if isSignOff(t) { break }
            guard isNameLine(t) else { return }
            names += 1
            m -= 1
        }
        guard names >= 1, names <= 4, m >= run.lowerBound, !lines[m].blank, isSignOff(lines[m].trimmed(in: text)) else { return }
        for x in (m + 1)..<run.upperBound { roles[x] = .signature }
    }

    static let signOffs: Set<String> = [
        "thanks", "thank you", "thanks again", "thanks so much", "thank you so much", "thanks a lot", "many thanks",
        "thanks in advance", "thanks all", "thanks everyone", "thanks team", "with thanks", "thx", "ty", "best",
        "best regards", "kind regards", "warm regards", "warmest regards", "regards", "cheers", "sincerely",
        "yours", "yours truly", "yours sincerely", "all the best", "best wishes", "talk soon", "speak soon", "warmly",
        "respectfully", "take care", "br", "kr", "rgds", "appreciate it", "much appreciated", "thanks!", "cheers!",
    ]

    static func normalisedLine(_ t: ArraySlice<UInt8>) -> String {
        var s = t
        while let l = s.last, l == 0x2C || l == 0x2E || l == 0x21 || l == 0x20 || l == 0x2D { s = s.dropLast() }
        return ByteText.lowerString(s)
    }

    /// Whether a lowercase byte starts some sign-off (indexed by byte).
    static let signOffStarts: [Bool] = {
        var starts = [Bool](repeating: false, count: 256)
        for s in signOffs { if let f = s.utf8.first { starts[Int(f)] = true } }
        return starts
    }()

    /// `signOffs` as bytes, for lines in ASCII (compared with no string made).
    static let signOffBytes: [[UInt8]] = signOffs.map { Array($0.utf8) }

    /// "Thanks,", "Best regards", "Cheers!" ...
    static func isSignOff(_ t: ArraySlice<UInt8>) -> Bool {
        guard let f = t.first, t.count <= 40 else { return false }
        // Most lines start with a letter no sign-off starts with: no string made for them.
        guard signOffStarts[Int(ByteText.lower(f))] else { return false }
        // An ASCII line is compared byte for byte (lowercased, trailing punctuation off);
        // any other line as a string, as `signOffs.contains` compares it.
        var s = t
        while let l = s.last, l == 0x2C || l == 0x2E || l == 0x21 || l == 0x20 || l == 0x2D { s = s.dropLast() }
        let ascii: Bool? = s.withUnsafeBufferPointer { b in
            guard ByteText.isASCII(b) else { return nil }
            for p in signOffBytes where p.count == b.count {
                var k = 0
                while k < b.count, ByteText.lower(b[k]) == p[k] { k += 1 }
                if k == b.count { return true }
            }
            return false
        }
        return ascii ?? signOffs.contains(normalisedLine(t))
    }

    /// A short line that could be a name, title, team or phone number.
    static func isNameLine(_ t: ArraySlice<UInt8>) -> Bool {
        guard !t.isEmpty, t.count <= 60, t.first != 0x3E else { return false }
        var words = 1
        for b in t where b == 0x20 { words += 1 }
        if words > 8 { return false }
        // Not a sentence: no question, no sentence ending after several words.
        if t.last == 0x3F { return false }
        if t.last == 0x2E, words > 3 { return false }
        return true
    }

    static func isMobileFooter(_ t: ArraySlice<UInt8>) -> Bool {
        // Every footer below starts with "sent" or "get".
        guard t.count <= 80, let f = t.first, f | 0x20 == 0x73 || f | 0x20 == 0x67 else { return false }
        return ByteText.hasPrefix(t, "sent from my ") || ByteText.hasPrefix(t, "sent from outlook") || ByteText.hasPrefix(t, "get outlook for ")
            || ByteText.hasPrefix(t, "sent from mail for windows") || ByteText.hasPrefix(t, "sent from yahoo mail") || ByteText.hasPrefix(t, "sent via ")
            || ByteText.hasPrefix(t, "sent from the all new aol") || ByteText.hasPrefix(t, "sent with proton")
    }

    static let disclaimerStarts = [
        "confidentiality notice", "confidentiality note", "confidential notice", "disclaimer:", "disclaimer -", "legal disclaimer",
        "this email and any attachments", "this e-mail and any attachments", "this email and any files", "this e-mail and any files",
        "this message and any attachments", "this email is confidential", "this e-mail is confidential", "this message is confidential",
        "this message contains confidential", "this email contains confidential", "this e-mail contains confidential",
        "this email may contain confidential", "this e-mail may contain confidential", "this message may contain confidential",
        "the information contained in this", "the information in this email", "the information in this e-mail",
        "if you are not the intended recipient", "if you have received this email in error", "if you have received this e-mail in error",
        "if you have received this message in error", "this communication is confidential", "this communication may contain",
        "privileged and confidential", "please consider the environment before printing", "important notice: this",
        "notice: this email", "notice: this e-mail", "notice: this message",
    ]

    static let disclaimerBytes: [[UInt8]] = disclaimerStarts.map { Array($0.utf8) }

    /// The first four bytes of each notice, each with 0x20 set, little-endian: a line that
    /// starts with a letter starts no notice unless it starts with one of these.
    static let disclaimerHeads: [UInt32] = Set(disclaimerBytes.map { p in
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(p[$1] | 0x20) << (8 * UInt32($1)) }
    }).sorted()

    /// `disclaimerBytes` end to end in one array, with each one's first byte, start and
    /// length: read through one buffer, with no array retained per notice.
    /// Each span also carries its first eight bytes as a number (little-endian, each
    /// byte with 0x20 set), so most notices are ruled out with one comparison.
    static let disclaimerFlat: (bytes: [UInt8], spans: [(first: UInt8, start: Int, count: Int, head: UInt64)]) = {
        var bytes: [UInt8] = []
        var spans: [(first: UInt8, start: Int, count: Int, head: UInt64)] = []
        for p in disclaimerBytes {
            precondition(p.count >= 8, "a disclaimer start has at least eight bytes")
            var head: UInt64 = 0
            for k in 0..<8 { head |= UInt64(p[k] | 0x20) << (8 * UInt64(k)) }
            spans.append((p[0], bytes.count, p.count, head))
            bytes += p
        }
        // By head, so a line's head is looked up by binary search, not compared with each.
        spans.sort { $0.head < $1.head }
        return (bytes, spans)
    }()

    static func isDisclaimerStart(_ t: ArraySlice<UInt8>) -> Bool {
        t.withUnsafeBufferPointer { t in
            var a = 0
            while a < t.count, t[a] == 0x2A || t[a] == 0x5F || t[a] == 0x20 || t[a] == 0x5B { a += 1 }
            guard a < t.count else { return false }
            let f = ByteText.lower(t[a])
            guard f == 0x63 || f == 0x64 || f == 0x74 || f == 0x69 || f == 0x70 || f == 0x6E || f == 0x6C else { return false }
            // The line's first eight bytes (after the skipped ones) with 0x20 set: equal to a
            // notice's `head` whenever the line starts with that notice, ignoring case.
            guard t.count - a >= 8 else { return false }
            let head = UnsafeRawPointer(t.baseAddress! + a).loadUnaligned(as: UInt64.self).littleEndian | 0x2020_2020_2020_2020
            let flat = disclaimerFlat
            return flat.bytes.withUnsafeBufferPointer { bytes in
                flat.spans.withUnsafeBufferPointer { spans in
                    var lo = 0, hi = spans.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if spans[mid].head < head { lo = mid + 1 } else { hi = mid }
                    }
                    while lo < spans.count, spans[lo].head == head {
                        let p = spans[lo]
                        lo += 1
                        guard t.count - a >= p.count else { continue }
                        var k = 1
                        while k < p.count, ByteText.lower(t[a + k]) == bytes[p.start + k] { k += 1 }
                        if k == p.count { return true }
                    }
                    return false
                }
            }
        }
    }

    /// A line of only `_`, `-`, `=` or `*` (at least 5).
    static func isRule(_ t: ArraySlice<UInt8>) -> Bool {
        t.count >= 5 && t.allSatisfy { $0 == 0x5F || $0 == 0x2D || $0 == 0x3D || $0 == 0x2A }
    }

    /// Forward markers: true when the line opens a forwarded message.
    static func forwardMarker(_ t: ArraySlice<UInt8>) -> Bool? {
        guard t.count >= 8, t.count <= 120 else { return nil }
        if t.first.map({ $0 | 0x20 == 0x62 }) == true, ByteText.hasPrefix(t, "begin forwarded message") { return true }
        var s = t
        while let f = s.first, f == 0x2D || f == 0x20 || f == 0x3D || f == 0x2A { s = s.dropFirst() }
        while let l = s.last, l == 0x2D || l == 0x20 || l == 0x3D || l == 0x2A { s = s.dropLast() }
        guard s.count < t.count || t.first == 0x46 || t.first == 0x66 else { return nil }
        // Every marker below starts "forwarded" (no other bytes compare equal to it as a
        // string): other lines need no string.
        guard ByteText.hasPrefix(s, "forwarded") else { return nil }
        let l = ByteText.lowerString(s)
        if l == "forwarded message" || l == "forwarded message follows" || l == "original message follows" && false { return true }
        if l.hasPrefix("forwarded by ") && s.count < t.count { return true }  // "----- Forwarded by Dana/Ops on ... -----"
        return nil
    }

    /// "-----Original Message-----", "-------- Original Message --------", "----- Reply message -----".
    static func originalMessageMarker(_ t: ArraySlice<UInt8>) -> Bool {
        guard t.count >= 16, t.count <= 80, t.first == 0x2D || t.first == 0x5F || t.first == 0x3D else { return false }
        var s = t
        while let f = s.first, f == 0x2D || f == 0x20 || f == 0x5F || f == 0x3D { s = s.dropFirst() }
        while let l = s.last, l == 0x2D || l == 0x20 || l == 0x5F || l == 0x3D { s = s.dropLast() }
        // Each marker below starts with its own letter (o, r, m or u), as any text equal
        // to it as a string does: other lines need no string.
        guard let f = s.first.map(ByteText.lower), f == 0x6F || f == 0x72 || f == 0x6D || f == 0x75 else { return false }
        let l = ByteText.lowerString(s)
        return l == "original message" || l == "reply message" || l == "message d'origine" || l == "ursprüngliche nachricht"
    }

    /// "On Mon, 23 Nov 2026, Dana <dana@example.com> wrote:" on one to three lines; also
    /// "Dana wrote:" when quoted lines follow. Returns how many lines it spans.
    static func wroteHeader(_ k: Int, _ count: Int, _ trimmed: (Int) -> ArraySlice<UInt8>, _ isBlank: (Int) -> Bool, _ short: (Int) -> Bool) -> Int? {
        let first = trimmed(k)
        let startsOn = ByteText.hasPrefix(first, "on ")
        for span in 1...3 {
            let m = k + span - 1
            guard m < count, short(m), !isBlank(m) else { return nil }
            let t = trimmed(m)
            if endsWithWrote(t) {
                if startsOn { return span }
                // "Dana Smith <dana@x> wrote:" without "On": only when it is one line.
                if span == 1, t.count <= 200 { return 1 }
                return nil
            }
            if !startsOn { return nil }
        }
        return nil
    }

    static let wroteEndings: [[UInt8]] = ["wrote:", "writes:", "wrote :", "a écrit :", "a écrit:", "schrieb:", "escribió:"].map { Array($0.utf8) }

    static func endsWithWrote(_ t: ArraySlice<UInt8>) -> Bool {
        var s = t
        while let l = s.last, l == 0x20 { s = s.dropLast() }
        guard s.last == 0x3A else { return false }
        for wb in wroteEndings where s.count >= wb.count {
            var k = 0
            var i = s.endIndex - wb.count
            while k < wb.count, ByteText.lower(s[i]) == wb[k] { k += 1; i += 1 }
            if k == wb.count { return true }
        }
        return false
    }

    /// An Outlook header block: `From:` then, within six lines, at least two of `Sent:`/`Date:`,
    /// `To:`, `Cc:`, `Subject:` (bold `*From:*` too).
    static func outlookBlock(_ k: Int, _ count: Int, _ trimmed: (Int) -> ArraySlice<UInt8>) -> Bool {
        func field(_ t: ArraySlice<UInt8>) -> String? {
            var s = t
            while let f = s.first, f == 0x2A { s = s.dropFirst() }
            guard let colon = s.firstIndex(of: 0x3A), colon - s.startIndex <= 10 else { return nil }
            return ByteText.lowerString(s[s.startIndex..<colon])
        }
        // Most lines are not "From:", "De:" or "Von:": their first letter (after any `*`) says so.
        let t0 = trimmed(k)
        guard let letter = t0.first(where: { $0 != 0x2A }), letter | 0x20 == 0x66 || letter | 0x20 == 0x64 || letter | 0x20 == 0x76 else { return false }
        // The field name read as bytes first: a line with no colon near its start, or an
        // ASCII name other than these three, is no `From:` line (no string made for it).
        var s = t0
        while let f = s.first, f == 0x2A { s = s.dropFirst() }
        guard let colon = s.firstIndex(of: 0x3A), colon - s.startIndex <= 10 else { return false }
        let name = s[s.startIndex..<colon]
        if name.allSatisfy({ $0 < 0x80 }), !(ByteText.equals(name, "from") || ByteText.equals(name, "de") || ByteText.equals(name, "von")) {
            return false
        }
        guard let f = field(t0), f == "from" || f == "de" || f == "von" else { return false }
        var seen = Set<String>()
        var m = k + 1
        while m < count, m <= k + 6 {
            let t = trimmed(m)
            if let name = field(t), ["sent", "date", "to", "cc", "subject", "envoyé", "à", "objet", "gesendet", "an", "betreff"].contains(name) {
                seen.insert(name == "date" ? "sent" : name)
            } else if !t.isEmpty {
                break
            }
            m += 1
        }
        return seen.count >= 2
    }
}
