import Foundation

/// A small streaming JSON writer with stable key order (no reflection, no Foundation
/// encoder), used by the JSON, NDJSON and SARIF reporters.
public struct JSONWriter {
    /// The bytes written so far (UTF-8).
    private var buffer: [UInt8] = []
    /// The text written so far.
    public var output: String { String(decoding: buffer, as: UTF8.self) }
    /// The bytes written so far (valid UTF-8: everything written comes from strings or is ASCII).
    public var bytes: [UInt8] { buffer }
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    /// Creates an empty writer with room for `capacity` bytes (one document's object is
    /// a few kilobytes; growing by doubling from nothing costs a copy per step).
    public init(capacity: Int) {
        buffer.reserveCapacity(capacity)
        needsComma.reserveCapacity(8)
    }

    /// Appends bytes that are already JSON (a newline between NDJSON records), with no separator.
    mutating func appendRaw(_ byte: UInt8) { buffer.append(byte) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { buffer.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object, as a value or under `key`.
    public mutating func beginObject(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        buffer.append(0x7B)
        needsComma.append(false)
    }

    /// Closes an object.
    public mutating func endObject() {
        needsComma.removeLast()
        buffer.append(0x7D)
    }

    /// Opens an array, as a value or under `key`.
    public mutating func beginArray(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        buffer.append(0x5B)
        needsComma.append(false)
    }

    /// Closes an array.
    public mutating func endArray() {
        needsComma.removeLast()
        buffer.append(0x5D)
    }

    /// `,"name":` for a key known when the code was written (no escaping needed; checked
    /// in debug builds): the name is copied as it is, with no scan.
    private mutating func key(static k: StaticString) {
        let name = UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)
        assert(!JSONWriter.needsEscaping(name), "a static JSON key must not need escaping")
        separator()
        buffer.append(0x22)
        buffer.append(contentsOf: name)
        buffer.append(0x22)
        buffer.append(0x3A)
    }

    /// `string(_:_:)` under a literal key.
    mutating func string(k: StaticString, _ value: String?) {
        key(static: k)
        if let value { JSONWriter.appendQuoted(value, to: &buffer) } else { buffer.append(contentsOf: "null".utf8) }
    }

    /// `int(_:_:)` under a literal key.
    mutating func int(k: StaticString, _ value: Int?) {
        key(static: k)
        if let value { JSONWriter.appendDecimal(value, to: &buffer) } else { buffer.append(contentsOf: "null".utf8) }
    }

    /// `number(_:_:places:)` under a literal key.
    mutating func number(k: StaticString, _ value: Double?, places: Int = 2) {
        key(static: k)
        numberValue(value, places: places)
    }

    /// `bool(_:_:)` under a literal key.
    mutating func bool(k: StaticString, _ value: Bool) {
        key(static: k)
        buffer.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// `raw(_:_:)` under a literal key.
    mutating func raw(k: StaticString, _ json: String) {
        key(static: k)
        buffer.append(contentsOf: json.utf8)
    }

    /// `beginObject(_:)` under a literal key.
    mutating func beginObject(k: StaticString) {
        key(static: k)
        buffer.append(0x7B)
        needsComma.append(false)
    }

    /// `beginArray(_:)` under a literal key.
    mutating func beginArray(k: StaticString) {
        key(static: k)
        buffer.append(0x5B)
        needsComma.append(false)
    }

    private mutating func key(_ k: String) {
        separator()
        JSONWriter.appendQuoted(k, to: &buffer)
        buffer.append(0x3A)
    }

    /// Writes `key: string` (or a bare string value when `key` is nil); nil writes `null`.
    public mutating func string(_ key: String?, _ value: String?) {
        if let key { self.key(key) } else { separator() }
        if let value { JSONWriter.appendQuoted(value, to: &buffer) } else { buffer.append(contentsOf: "null".utf8) }
    }

    /// Writes an integer.
    public mutating func int(_ key: String?, _ value: Int?) {
        if let key { self.key(key) } else { separator() }
        if let value { JSONWriter.appendDecimal(value, to: &buffer) } else { buffer.append(contentsOf: "null".utf8) }
    }

    /// Appends `String(v)`'s bytes without making the string.
    static func appendDecimal(_ v: Int, to buffer: inout [UInt8]) {
        if v < 0 { buffer.append(0x2D) }
        let x = v.magnitude
        var p: UInt = 1
        while x / p >= 10 { p *= 10 }
        while p > 0 { buffer.append(UInt8(x / p % 10) + 0x30); p /= 10 }
    }

    /// Powers of ten for `number`'s `places` (the same doubles `pow(10, places)` gives).
    private static let scales: [Double] = (0...9).map { pow(10.0, Double($0)) }

    /// Writes a number rounded to `places` decimals (NaN and infinities as null).
    public mutating func number(_ key: String?, _ value: Double?, places: Int = 2) {
        if let key { self.key(key) } else { separator() }
        numberValue(value, places: places)
    }

    private mutating func numberValue(_ value: Double?, places: Int) {
        guard let v = value, v.isFinite else { buffer.append(contentsOf: "null".utf8); return }
        let scale = places >= 0 && places < JSONWriter.scales.count ? JSONWriter.scales[places] : pow(10.0, Double(places))
        let k = (v * scale).rounded()
        let r = k / scale
        if r == r.rounded() && abs(r) < 1e15 {
            JSONWriter.appendDecimal(Int(r), to: &buffer)
        } else if places >= 1, places <= 4, abs(k) < 1e12 {
            // `r` is the double nearest k / 10^places, and no shorter decimal is that near
            // (doubles this small are far closer together than 10^-places), so its shortest
            // form, which `String(r)` prints, is that decimal without trailing zeros. Written
            // directly: Double's description costs a thousand instructions and an allocation.
            var q = Int(k)
            if q < 0 { buffer.append(0x2D); q = -q }
            var p = places
            while p > 0, q % 10 == 0 { q /= 10; p -= 1 }
            var pow10 = 1
            for _ in 0..<p { pow10 *= 10 }
            JSONWriter.appendDecimal(q / pow10, to: &buffer)
            buffer.append(0x2E)
            let frac = q % pow10
            var d = pow10 / 10
            while d > 0 { buffer.append(UInt8(frac / d % 10) + 0x30); d /= 10 }
        } else {
            buffer.append(contentsOf: String(r).utf8)
        }
    }

    /// Writes a Boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        if let key { self.key(key) } else { separator() }
        buffer.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes raw, already-encoded JSON.
    public mutating func raw(_ key: String?, _ json: String) {
        if let key { self.key(key) } else { separator() }
        buffer.append(contentsOf: json.utf8)
    }

    /// Appends `s` as a JSON string literal: its bytes as they are when nothing needs
    /// escaping (the common case), else through `quote`.
    static func appendQuoted(_ s: String, to buffer: inout [UInt8]) {
        // Native strings lend their bytes in place; others are copied to contiguous storage.
        if s.utf8.withContiguousStorageIfAvailable({ appendQuoted(utf8: $0, to: &buffer) }) == nil {
            var s = s
            s.withUTF8 { appendQuoted(utf8: $0, to: &buffer) }
        }
    }

    @inline(__always)
    private static func appendQuoted(utf8 b: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        if needsEscaping(b) {
            buffer.append(contentsOf: quote(utf8: b).utf8)
            return
        }
        buffer.append(0x22)
        buffer.append(contentsOf: b)
        buffer.append(0x22)
    }

    /// Whether any byte is a control character, a quote, a backslash or 0xE2 (which may start U+2028
    /// or U+2029): eight bytes at a time, then byte by byte.
    static func needsEscaping(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A byte below 0x20 (exact for bytes below 0x80; bytes from 0x80 never match).
                if (x &- ones &* 0x20) & ~x & highs != 0 || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C)) || hasZero(x ^ (ones &* 0xE2)) {
                    break
                }
                i += 8
            }
        }
        while i < n {
            let c = b[i]
            if c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 { return true }
            i += 1
        }
        return false
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
