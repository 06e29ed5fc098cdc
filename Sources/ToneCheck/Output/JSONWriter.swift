import Foundation

/// A small streaming JSON writer with stable key order (no reflection, no Foundation
/// encoder), used by the JSON, NDJSON and SARIF reporters.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object, as a value or under `key`.
    public mutating func beginObject(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        output += "{"
        needsComma.append(false)
    }

    /// Closes an object.
    public mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    /// Opens an array, as a value or under `key`.
    public mutating func beginArray(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        output += "["
        needsComma.append(false)
    }

    /// Closes an array.
    public mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    private mutating func key(_ k: String) {
        separator()
        output += JSONWriter.quote(k) + ":"
    }

    /// Writes `key: string` (or a bare string value when `key` is nil); nil writes `null`.
    public mutating func string(_ key: String?, _ value: String?) {
        if let key { self.key(key) } else { separator() }
        output += value.map(JSONWriter.quote) ?? "null"
    }

    /// Writes an integer.
    public mutating func int(_ key: String?, _ value: Int?) {
        if let key { self.key(key) } else { separator() }
        output += value.map(String.init) ?? "null"
    }

    /// Writes a number rounded to `places` decimals (NaN and infinities as null).
    public mutating func number(_ key: String?, _ value: Double?, places: Int = 2) {
        if let key { self.key(key) } else { separator() }
        guard let v = value, v.isFinite else { output += "null"; return }
        let scale = pow(10.0, Double(places))
        let r = (v * scale).rounded() / scale
        if r == r.rounded() && abs(r) < 1e15 { output += String(Int(r)) } else { output += String(r) }
    }

    /// Writes a Boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        if let key { self.key(key) } else { separator() }
        output += value ? "true" : "false"
    }

    /// Writes raw, already-encoded JSON.
    public mutating func raw(_ key: String?, _ json: String) {
        if let key { self.key(key) } else { separator() }
        output += json
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var s = s
        return s.withUTF8 { quote(utf8: $0) }
    }

    /// A JSON string literal from UTF-8 bytes: escapes `"`, `\`, control characters and
    /// U+2028/U+2029; copies everything else as it is, in runs.
    static func quote(utf8 b: UnsafeBufferPointer<UInt8>) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: b.count * 6 + 2) { out in
            var o = 0
            out[o] = 0x22
            o += 1
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0xE2 {
                    out[o] = c
                    o += 1
                    i += 1
                    continue
                }
                switch c {
                case 0x22: out[o] = 0x5C; out[o + 1] = 0x22; o += 2
                case 0x5C: out[o] = 0x5C; out[o + 1] = 0x5C; o += 2
                case 0x0A: out[o] = 0x5C; out[o + 1] = 0x6E; o += 2
                case 0x0D: out[o] = 0x5C; out[o + 1] = 0x72; o += 2
                case 0x09: out[o] = 0x5C; out[o + 1] = 0x74; o += 2
                case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    // U+2028 and U+2029 end lines in JavaScript.
                    for (k, x) in "\\u202".utf8.enumerated() { out[o + k] = x }
                    out[o + 5] = b[i + 2] == 0xA8 ? 0x38 : 0x39
                    o += 6
                    i += 3
                    continue
                case 0xE2:
                    out[o] = c
                    o += 1
                default:
                    for (k, x) in "\\u00".utf8.enumerated() { out[o + k] = x }
                    out[o + 4] = hex[Int(c >> 4)]
                    out[o + 5] = hex[Int(c & 0xF)]
                    o += 6
                }
                i += 1
            }
            out[o] = 0x22
            return o + 1
        }
    }
}
