import Foundation

/// Decodes text in a MIME charset to UTF-8.
///
/// UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 and Windows-1252 are decoded here, byte by
/// byte (ISO-8859-1 bytes 0x80–0x9F read as Windows-1252, as browsers do); other charsets go through Foundation (`String(data:encoding:)`) when it knows
/// them. An unknown charset gives a warning and a best-effort decode (UTF-8 when the
/// bytes are valid UTF-8, else Windows-1252).
public enum Charset {
    /// The result of decoding.
    public struct Decoded: Sendable {
        /// UTF-8 text.
        public var text: [UInt8]
        /// True when `text` is byte for byte the input (so original offsets still hold).
        public var exact: Bool
        /// A problem worth reporting (unknown charset, invalid bytes), lowercase.
        public var warning: String?
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (0 = undefined, kept as U+FFFD).
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Normalised charset name: lowercase, no quotes, no `*lang` suffix.
    static func normalise(_ name: String) -> String {
        let kept = ByteText.trim(Array(name.utf8)[...]).filter { $0 != 0x22 && $0 != 0x27 }
        // ASCII (every real charset name): cut at `*` by bytes, lowercase once.
        if kept.allSatisfy({ $0 < 0x80 }) {
            let star = kept.firstIndex(of: 0x2A) ?? kept.count
            return ByteText.lowerString(kept[..<star])
        }
        var n = ByteText.lowerString(kept)
        if let star = n.firstIndex(of: "*") { n = String(n[..<star]) }
        return n
    }

    enum Single { case utf8, latin1, latin9, cp1252 }

    static func single(_ n: String) -> Single? {
        switch n {
        case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "unicode-1-1-utf-8", "x-unknown", "unknown-8bit", "default": return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819": return .latin1
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9": return .latin9
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return .cp1252
        default: return nil
        }
    }

    static func foundationEncoding(_ n: String) -> String.Encoding? {
        switch n {
        case "utf-16", "utf16": return .utf16
        case "utf-16le": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        case "utf-32": return .utf32
        case "iso-8859-2", "latin2", "iso8859-2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "iso-2022-jp": return .iso2022JP
        case "macintosh", "mac", "x-mac-roman": return .macOSRoman
        default:
            // Other IANA names Foundation knows through CoreFoundation encodings.
            return cfEncodings[n].map { String.Encoding(rawValue: 0x8000_0000 | $0) }
        }
    }

    /// IANA charset names → CFStringEncoding values (as Foundation's NSStringEncoding bridge uses).
    static let cfEncodings: [String: UInt] = [
        "iso-8859-3": 0x0203, "iso-8859-4": 0x0204, "iso-8859-5": 0x0205, "iso-8859-6": 0x0206, "iso-8859-7": 0x0207,
        "iso-8859-8": 0x0208, "iso-8859-8-i": 0x0208, "iso-8859-9": 0x0209, "iso-8859-10": 0x020A, "iso-8859-11": 0x020B,
        "iso-8859-13": 0x020D, "iso-8859-14": 0x020E, "iso-8859-16": 0x0210, "windows-1255": 0x0505, "windows-1256": 0x0506,
        "windows-1257": 0x0507, "windows-1258": 0x0508, "windows-874": 0x0405, "koi8-r": 0x0A02, "koi8-u": 0x0A08,
        "big5": 0x0A03, "big5-hkscs": 0x0A06, "euc-kr": 0x0940, "ks_c_5601-1987": 0x0422, "cp949": 0x0422, "iso-2022-kr": 0x0840,
        "gb2312": 0x0930, "euc-cn": 0x0930, "gbk": 0x0631, "cp936": 0x0631, "gb18030": 0x0632, "hz-gb-2312": 0x0A05,
        "tis-620": 0x0405, "ibm866": 0x0413, "cp866": 0x0413, "ibm850": 0x0410, "cp850": 0x0410, "ibm437": 0x0400, "cp437": 0x0400,
    ]

    /// Whether the charset is one tonecheck can decode.
    public static func isKnown(_ name: String) -> Bool {
        let n = normalise(name)
        return single(n) != nil || foundationEncoding(n) != nil
    }

    /// Decodes `bytes` in `charset` (nil = US-ASCII/UTF-8).
    public static func decode(_ bytes: ArraySlice<UInt8>, charset: String?) -> Decoded {
        // Fast path for the common case (no charset, or plain UTF-8/ASCII spelled simply).
        if charset == nil || charset == "utf-8" || charset == "UTF-8" || charset == "us-ascii" {
            // ASCII needs no name (which only a warning would show).
            if bytes.withUnsafeBufferPointer(ByteText.isASCII) { return Decoded(text: Array(bytes), exact: true, warning: nil) }
            return decodeSingle(bytes, .utf8, name: charset?.lowercased() ?? "")
        }
        let n = normalise(charset ?? "")
        if let s = single(n) {
            return decodeSingle(bytes, s, name: n)
        }
        if let enc = foundationEncoding(n) {
            if let str = String(data: Data(bytes), encoding: enc), !(str.isEmpty && !bytes.isEmpty) {
                return Decoded(text: Array(str.utf8), exact: false, warning: nil)
            }
            var d = decodeSingle(bytes, .cp1252, name: n)
            d.warning = "cannot decode the text as \(n); decoded as windows-1252"
            return d
        }
        var d = decodeSingle(bytes, .utf8, name: n)
        if d.warning != nil { d = decodeSingle(bytes, .cp1252, name: n) }
        d.warning = "unknown charset '\(n)'; decoded as \(UTF8Check.firstInvalid(in: Array(bytes)) == nil ? "utf-8" : "windows-1252")"
        return d
    }

    static func decodeSingle(_ bytes: ArraySlice<UInt8>, _ s: Single, name: String) -> Decoded {
        // Pure ASCII is the same in all of these.
        if bytes.withUnsafeBufferPointer(ByteText.isASCII) { return Decoded(text: Array(bytes), exact: true, warning: nil) }
        switch s {
        case .utf8:
            let arr = Array(bytes)
            if UTF8Check.firstInvalid(in: arr) == nil { return Decoded(text: arr, exact: true, warning: nil) }
            // Declared UTF-8 (or ASCII) but is not: most often Windows-1252 mislabelled.
            var d = decodeSingle(bytes, .cp1252, name: name)
            d.warning = "text declared \(name.isEmpty ? "us-ascii" : name) is not valid utf-8; decoded as windows-1252"
            return d
        case .latin1, .latin9, .cp1252:
            // Every byte becomes at most three (U+FFFD and the Windows-1252 extras are below
            // U+10000): written straight into an array with room for that.
            let out = [UInt8](unsafeUninitializedCapacity: bytes.count * 3) { buffer, written in
                var o = 0
                for b in bytes {
                    if b < 0x80 {
                        buffer[o] = b
                        o += 1
                        continue
                    }
                    let cp = codePoint(b, s)
                    if cp < 0x800 {
                        buffer[o] = UInt8(0xC0 | (cp >> 6))
                        buffer[o + 1] = UInt8(0x80 | (cp & 0x3F))
                        o += 2
                    } else {
                        buffer[o] = UInt8(0xE0 | (cp >> 12))
                        buffer[o + 1] = UInt8(0x80 | ((cp >> 6) & 0x3F))
                        buffer[o + 2] = UInt8(0x80 | (cp & 0x3F))
                        o += 3
                    }
                }
                written = o
            }
            return Decoded(text: out, exact: false, warning: nil)
        }
    }

    /// The code point of byte `b` in single-byte charset `s`.
    @inline(__always)
    static func codePoint(_ b: UInt8, _ s: Single) -> UInt32 {
        guard b >= 0x80, s != .utf8 else { return UInt32(b) }
        // ISO-8859-1's C1 controls (0x80–0x9F) are never meant in mail; like browsers
        // (WHATWG), read them as Windows-1252 (0x92 → ’).
        if s != .latin9, b < 0xA0 {
            let cp = cp1252High[Int(b - 0x80)]
            return cp == 0 ? 0xFFFD : cp
        }
        guard s == .latin9 else { return UInt32(b) }
        switch b {
        case 0xA4: return 0x20AC
        case 0xA6: return 0x0160
        case 0xA8: return 0x0161
        case 0xB4: return 0x017D
        case 0xB8: return 0x017E
        case 0xBC: return 0x0152
        case 0xBD: return 0x0153
        case 0xBE: return 0x0178
        default: return UInt32(b)
        }
    }

    /// Appends the UTF-8 encoding of code point `cp`.
    static func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
        var c = cp
        if c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) { c = 0xFFFD }
        if c < 0x80 {
            out.append(UInt8(c))
        } else if c < 0x800 {
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
}
