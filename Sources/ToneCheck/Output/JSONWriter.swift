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
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
