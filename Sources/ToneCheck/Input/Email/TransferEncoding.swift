/// Content-Transfer-Encoding decoders: quoted-printable and base64, both lenient
/// (malformed input is kept or skipped, never an error) and linear in the input size.
public enum TransferEncoding {
    @inline(__always) static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Decodes quoted-printable: `=XX` escapes, `=` soft line breaks, trailing spaces on a
    /// line dropped. A malformed `=` is kept as written. Line endings become LF.
    /// With `header` true (RFC 2047 Q encoding), `_` is a space.
    public static func quotedPrintable(_ bytes: ArraySlice<UInt8>, header: Bool = false) -> [UInt8] {
        // Every input byte gives at most one output byte: written straight into an array
        // with room for them all (no capacity check per byte).
        bytes.withUnsafeBufferPointer { src in
            [UInt8](unsafeUninitializedCapacity: src.count) { out, written in
                let end = src.count
                var i = 0, o = 0
                var lineStartOut = 0
                while i < end {
                    let b = src[i]
                    if b == 0x3D {  // =
                        if i + 2 < end, let h = hex(src[i + 1]), let l = hex(src[i + 2]) {
                            out[o] = h << 4 | l
                            o += 1
                            i += 3
                            lineStartOut = o  // an encoded space is meant: keep it
                            continue
                        }
                        // Soft line break: "=" then optional spaces then CRLF/LF (or end of input).
                        var j = i + 1
                        while j < end, src[j] == 0x20 || src[j] == 0x09 { j += 1 }
                        if j == end { i = j; continue }
                        if src[j] == 0x0A { i = j + 1; lineStartOut = o; continue }
                        if src[j] == 0x0D, j + 1 < end, src[j + 1] == 0x0A { i = j + 2; lineStartOut = o; continue }
                        out[o] = b
                        o += 1
                        i += 1
                        continue
                    }
                    if b == 0x0A || (b == 0x0D && i + 1 < end && src[i + 1] == 0x0A) {
                        // Drop trailing whitespace before a hard line break (added in transport).
                        while o > lineStartOut, out[o - 1] == 0x20 || out[o - 1] == 0x09 { o -= 1 }
                        out[o] = 0x0A
                        o += 1
                        i += b == 0x0D ? 2 : 1
                        lineStartOut = o
                        continue
                    }
                    out[o] = header && b == 0x5F ? 0x20 : b
                    o += 1
                    i += 1
                }
                written = o
            }
        }
    }

    static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62  // URL-safe alphabet, accepted leniently
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Decodes base64, skipping whitespace and any byte outside the alphabet; stops at `=`
    /// padding. Returns the bytes and whether anything had to be skipped.
    public static func base64(_ bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], clean: Bool) {
        var clean = true
        // The table is read through a local (a static read in the loop checks its
        // initialisation on every byte), and output written straight into room for every
        // group of four (at most three bytes per four input bytes, plus a partial group).
        let out = base64Table.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: bytes.count / 4 * 3 + 3) { buffer, written in
                var o = 0
                var acc: UInt32 = 0
                var n = 0
                for b in bytes {
                    if b == 0x3D { continue }  // padding; data after it is a concatenated chunk
                    let v = table[Int(b)]
                    if v == 0xFF {
                        if !ByteText.isWS(b) { clean = false }
                        continue
                    }
                    acc = acc << 6 | UInt32(v)
                    n += 1
                    if n == 4 {
                        buffer[o] = UInt8(acc >> 16 & 0xFF)
                        buffer[o + 1] = UInt8(acc >> 8 & 0xFF)
                        buffer[o + 2] = UInt8(acc & 0xFF)
                        o += 3
                        acc = 0
                        n = 0
                    }
                }
                if n == 2 {
                    buffer[o] = UInt8(acc >> 4 & 0xFF)
                    o += 1
                } else if n == 3 {
                    buffer[o] = UInt8(acc >> 10 & 0xFF)
                    buffer[o + 1] = UInt8(acc >> 2 & 0xFF)
                    o += 2
                } else if n == 1 {
                    clean = false
                }
                written = o
            }
        }
        return (out, clean)
    }
}
