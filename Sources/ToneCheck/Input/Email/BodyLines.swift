/// Traces offsets in a part's decoded body back to lines of its encoded body, so findings
/// in base64, quoted-printable and HTML parts point at the lines where the text sits in
/// the file. Exact for quoted-printable (hard line breaks survive decoding, soft ones go)
/// and for bodies only re-encoded to UTF-8; for base64, the encoded line holding the
/// group the offset decodes from (scaled when the charset changed the byte count).
struct BodyLines {
    private enum Kind {
        /// Decoding kept every line: the decoded newline count is the line.
        case kept
        /// Per decoded line: the encoded line it starts on.
        case quotedPrintable([Int])
        /// Per encoded line: base64 characters before it; and decoded bytes per encoded
        /// byte's worth (1 when the charset kept byte counts).
        case base64(alphabetBefore: [Int], scale: Double)
    }

    private let kind: Kind

    /// The map for `decoded`, decoded from `raw` with `transferEncoding`.
    init(decoded: [UInt8], raw: ArraySlice<UInt8>, transferEncoding: String) {
        switch transferEncoding {
        case "quoted-printable":
            // A line whose last non-blank byte is "=" ends in a soft break; every other
            // line break is kept by the decoder, so decoded line k starts after the k-th.
            // Line ends found with memchr; each line read back from its end only as far
            // as its last non-blank byte.
            var starts = [0]
            raw.withUnsafeBufferPointer { b in
                var line = 0
                var from = 0
                while let nl = ByteText.firstIndex(of: 0x0A, in: b, from: from) {
                    line += 1
                    var k = nl
                    while k > from, b[k - 1] == 0x20 || b[k - 1] == 0x09 || b[k - 1] == 0x0D { k -= 1 }
                    if k == from || b[k - 1] != 0x3D { starts.append(line) }
                    from = nl + 1
                }
            }
            kind = .quotedPrintable(starts)
        case "base64":
            var before = [0]
            var count = 0
            let table = TransferEncoding.base64Table  // read once, not per byte
            for b in raw {
                if b == 0x0A {
                    before.append(count)
                } else if table[Int(b)] != 0xFF {
                    count += 1
                }
            }
            let bytes = Double(count) * 3 / 4
            kind = .base64(alphabetBefore: before, scale: decoded.isEmpty || bytes == 0 ? 1 : bytes / Double(decoded.count))
        default:
            kind = .kept
        }
    }

    /// The 0-based line of the encoded body for decoded offset `offset`, which has
    /// `newlines` newlines of the decoded text before it.
    func line(at offset: Int, newlines: Int) -> Int {
        switch kind {
        case .kept:
            return newlines
        case .quotedPrintable(let starts):
            return starts[min(newlines, starts.count - 1)]
        case .base64(let before, let scale):
            // The base64 character that starts the group holding this byte.
            let char = Int(Double(offset) * scale) / 3 * 4
            var lo = 0, hi = before.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before[mid] <= char { lo = mid + 1 } else { hi = mid }
            }
            return max(0, lo - 1)
        }
    }

    /// For base64, where each encoded line's bytes start in the decoded body: (decoded
    /// offset, 0-based encoded line), ascending; empty for other encodings, whose lines
    /// begin where decoded lines do.
    var encodedLineStarts: [(offset: Int, line: Int)] {
        guard case .base64(let before, let scale) = kind else { return [] }
        var out: [(offset: Int, line: Int)] = []
        for (line, chars) in before.enumerated() where line == 0 || chars > before[line - 1] {
            out.append((Int((Double(chars / 4 * 3) / scale).rounded(.up)), line))
        }
        return out
    }

    /// Per line of `text` (0-based): its line in the encoded body. `newlineSources` (from
    /// `HTMLText`) says where in the decoded body each newline of `text` was written; nil
    /// when `text` is the decoded body itself.
    func lines(of text: [UInt8], decoded: [UInt8], newlineSources: [Int]?) -> [Int] {
        var out = [line(at: 0, newlines: 0)]
        // (Newlines found with memchr, not byte by byte.)
        if let sources = newlineSources {
            out.reserveCapacity(sources.count + 1)
            // Walk the decoded body once, counting newlines up to each source offset.
            decoded.withUnsafeBufferPointer { d in
                var pos = 0, newlines = 0
                for s in sources {
                    let target = min(max(s, pos), d.count)
                    let upTo = UnsafeBufferPointer(rebasing: d[..<target])
                    while let nl = ByteText.firstIndex(of: 0x0A, in: upTo, from: pos) {
                        newlines += 1
                        pos = nl + 1
                    }
                    pos = target
                    out.append(line(at: target, newlines: newlines))
                }
            }
        } else {
            text.withUnsafeBufferPointer { t in
                var k = 0, from = 0
                while let nl = ByteText.firstIndex(of: 0x0A, in: t, from: from) {
                    k += 1
                    out.append(line(at: nl + 1, newlines: k))
                    from = nl + 1
                }
            }
        }
        return out
    }
}
