import Foundation

/// A small streaming JSON writer with stable key order (no reflection, no Foundation
/// encoder), used by the JSON, NDJSON and SARIF reporters.
public struct JSONWriter {
    /// The bytes written so far, in a buffer this writer owns (copied on write when a
    /// copy of the writer shares it), so a key and its value are written with one
    /// capacity check instead of one per byte run.
    private var storage: Storage
    /// The text written so far.
    public var output: String { storage.withBytes { String(decoding: $0, as: UTF8.self) } }
    /// The bytes written so far (valid UTF-8: everything written comes from strings or is ASCII).
    public var bytes: [UInt8] { storage.withBytes { Array($0) } }
    /// Whether the next value at each nesting level needs a comma first: bit `d` for
    /// depth `d` below 64, `deepNeedsComma` beyond.
    private var needsComma: UInt64 = 0
    private var depth = 0
    private var deepNeedsComma: [Bool] = []

    /// Growable bytes behind a writer.
    final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy() -> Storage {
            let s = Storage(capacity: capacity)
            s.base.update(from: base, count: count)
            s.count = count
            return s
        }

        /// Room for `n` more bytes.
        @inline(__always)
        func reserve(_ n: Int) {
            if count + n > capacity { grow(count + n) }
        }

        @inline(never)
        func grow(_ needed: Int) {
            var c = capacity * 2
            while c < needed { c *= 2 }
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            b.update(from: base, count: count)
            base.deallocate()
            base = b
            capacity = c
        }

        @inline(__always)
        func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count += 1
        }

        @inline(__always)
        func append(_ b: UnsafeBufferPointer<UInt8>) {
            let n = b.count
            reserve(n)
            if n > 0 { (base + count).update(from: b.baseAddress!, count: n) }
            count += n
        }

        /// Appends bytes already reserved for (no capacity check).
        @inline(__always)
        func put(_ b: UnsafeBufferPointer<UInt8>) {
            let n = b.count
            if n > 0 { (base + count).update(from: b.baseAddress!, count: n) }
            count += n
        }

        @inline(__always)
        func put(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            body(UnsafeBufferPointer(start: base, count: count))
        }

        /// A placeholder for a writer whose bytes were handed back.
        /// (Never written to: a writer copies it before writing.)
        nonisolated(unsafe) static let empty = Storage(capacity: 0)

        /// Buffers past this size are not kept for reuse (one huge document does not keep
        /// its memory for the rest of the run).
        static let keepLimit = 1 << 16

        private static let slot = ThreadSlot<Storage>()

        /// The calling thread's buffer, emptied and now owned by the caller (a new one if it
        /// has none).
        static func take() -> Storage {
            guard let s = slot.take() else { return Storage(capacity: 4096) }
            s.count = 0
            return s
        }

        /// Hands `s` back to the calling thread for its next document.
        static func give(_ s: Storage) {
            guard s.capacity <= keepLimit else { return }
            slot.give(s)
        }
    }

    /// Creates an empty writer.
    public init() { storage = Storage(capacity: 256) }

    /// Creates an empty writer with room for `capacity` bytes (one document's object is
    /// a few kilobytes; growing by doubling from nothing costs a copy per step).
    public init(capacity: Int) { storage = Storage(capacity: capacity) }

    /// The storage, unshared (copied first when another writer shares it).
    private var buffer: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// Appends bytes that are already JSON (a newline between NDJSON records), with no separator.
    mutating func appendRaw(_ byte: UInt8) { buffer.append(byte) }

    /// Whether a comma goes before the next value at this level; from now on, it does.
    @inline(__always)
    private mutating func takeComma() -> Bool {
        if depth < 64 {
            let bit: UInt64 = 1 << UInt64(depth)
            defer { needsComma |= bit }
            return needsComma & bit != 0
        }
        let k = depth - 64
        defer { deepNeedsComma[k] = true }
        return deepNeedsComma[k]
    }

    private mutating func push() {
        depth += 1
        if depth < 64 {
            needsComma &= ~(1 << UInt64(depth))
        } else {
            deepNeedsComma.append(false)
        }
    }

    private mutating func pop() {
        if depth >= 64 { deepNeedsComma.removeLast() }
        depth -= 1
    }

    private mutating func separator() {
        if takeComma() { buffer.append(0x2C) }
    }

    /// Opens an object, as a value or under `key`.
    public mutating func beginObject(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        buffer.append(0x7B)
        push()
    }

    /// Closes an object.
    public mutating func endObject() {
        pop()
        buffer.append(0x7D)
    }

    /// Opens an array, as a value or under `key`.
    public mutating func beginArray(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        buffer.append(0x5B)
        push()
    }

    /// Closes an array.
    public mutating func endArray() {
        pop()
        buffer.append(0x5D)
    }

    /// `,"name":` for a key known when the code was written (no escaping needed; checked
    /// in debug builds): the name is copied as it is, with no scan, after one capacity check.
    @inline(__always)
    private mutating func key(static k: StaticString) {
        let name = UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)
        assert(!JSONWriter.needsEscaping(name), "a static JSON key must not need escaping")
        let comma = takeComma()
        let b = buffer
        b.reserve(name.count + 4)
        if comma { b.put(0x2C) }
        b.put(0x22)
        b.put(name)
        b.put(0x22)
        b.put(0x3A)
    }

    static let nullBytes: StaticString = "null"
    private static let trueBytes: StaticString = "true"
    private static let falseBytes: StaticString = "false"

    @inline(__always)
    private mutating func appendStatic(_ s: StaticString) {
        buffer.append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `string(_:_:)` under a literal key.
    mutating func string(k: StaticString, _ value: String?) {
        key(static: k)
        if let value { JSONWriter.appendQuoted(value, to: buffer) } else { appendStatic(JSONWriter.nullBytes) }
    }

    /// `string(k:_:)` of a value known when the code was written (an enum's raw value, from
    /// `JSONNames`): its bytes copied as they are, with no scan (it never needs escaping;
    /// checked in debug builds).
    mutating func string(k: StaticString, static value: StaticString) {
        let v = UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount)
        assert(!JSONWriter.needsEscaping(v), "a static JSON value must not need escaping")
        key(static: k)
        let b = buffer
        b.reserve(v.count + 2)
        b.put(0x22)
        b.put(v)
        b.put(0x22)
    }

    /// `string(k:_:)` of `ISO8601.string(date, offset:)`, written in place (its bytes
    /// never need escaping).
    mutating func date(k: StaticString, _ date: Date, offset: Int?) {
        key(static: k)
        let b = buffer
        b.reserve(ISO8601.maxLength + 2)
        b.put(0x22)
        b.count += ISO8601.write(date, offset: offset, into: b.base + b.count)
        b.put(0x22)
    }

    /// `int(_:_:)` under a literal key.
    mutating func int(k: StaticString, _ value: Int?) {
        key(static: k)
        if let value { JSONWriter.appendDecimal(value, to: buffer) } else { appendStatic(JSONWriter.nullBytes) }
    }

    /// `number(_:_:places:)` under a literal key.
    mutating func number(k: StaticString, _ value: Double?, places: Int = 2) {
        key(static: k)
        numberValue(value, places: places)
    }

    /// `bool(_:_:)` under a literal key.
    mutating func bool(k: StaticString, _ value: Bool) {
        key(static: k)
        appendStatic(value ? JSONWriter.trueBytes : JSONWriter.falseBytes)
    }

    /// `raw(_:_:)` under a literal key.
    mutating func raw(k: StaticString, _ json: String) {
        key(static: k)
        JSONWriter.appendUTF8(json, to: buffer)
    }

    /// `beginObject(_:)` under a literal key.
    mutating func beginObject(k: StaticString) {
        key(static: k)
        buffer.append(0x7B)
        push()
    }

    /// `beginArray(_:)` under a literal key.
    mutating func beginArray(k: StaticString) {
        key(static: k)
        buffer.append(0x5B)
        push()
    }

    private mutating func key(_ k: String) {
        separator()
        let b = buffer
        JSONWriter.appendQuoted(k, to: b)
        b.append(0x3A)
    }

    /// Writes `key: string` (or a bare string value when `key` is nil); nil writes `null`.
    public mutating func string(_ key: String?, _ value: String?) {
        if let key { self.key(key) } else { separator() }
        if let value { JSONWriter.appendQuoted(value, to: buffer) } else { appendStatic(JSONWriter.nullBytes) }
    }

    /// Writes an integer.
    public mutating func int(_ key: String?, _ value: Int?) {
        if let key { self.key(key) } else { separator() }
        if let value { JSONWriter.appendDecimal(value, to: buffer) } else { appendStatic(JSONWriter.nullBytes) }
    }

    /// Appends `String(v)`'s bytes without making the string: digits written back to front.
    static func appendDecimal(_ v: Int, to b: Storage) {
        b.reserve(21)
        // One and two digits (counts, columns, indices: most numbers written) directly.
        if v >= 0 && v < 100 {
            if v >= 10 { b.put(UInt8(truncatingIfNeeded: v / 10) &+ 0x30) }
            b.put(UInt8(truncatingIfNeeded: v % 10) &+ 0x30)
            return
        }
        if v < 0 { b.put(0x2D) }
        var x = v.magnitude
        var n = 1
        var t = x
        while t >= 10 { t /= 10; n += 1 }
        let p = b.base + b.count
        var i = n
        repeat {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: x % 10) &+ 0x30
            x /= 10
        } while i > 0
        b.count += n
    }

    /// A string's UTF-8 bytes, as they are.
    static func appendUTF8(_ s: String, to b: Storage) {
        if s.utf8.withContiguousStorageIfAvailable({ b.append($0) }) == nil {
            var s = s
            s.withUTF8 { b.append($0) }
        }
    }

    /// Powers of ten for `number`'s `places` (the same doubles `pow(10, places)` gives).
    private static let scales: [Double] = (0...9).map { pow(10.0, Double($0)) }

    /// Writes a number rounded to `places` decimals (NaN and infinities as null).
    public mutating func number(_ key: String?, _ value: Double?, places: Int = 2) {
        if let key { self.key(key) } else { separator() }
        numberValue(value, places: places)
    }

    private mutating func numberValue(_ value: Double?, places: Int) {
        JSONWriter.appendNumber(value, places: places, to: buffer)
    }

    /// Appends `value` rounded to `places` decimals, as `number` writes it.
    static func appendNumber(_ value: Double?, places: Int, to buffer: Storage) {
        guard let v = value, v.isFinite else {
            buffer.append(UnsafeBufferPointer(start: JSONWriter.nullBytes.utf8Start, count: JSONWriter.nullBytes.utf8CodeUnitCount))
            return
        }
        let scale: Double
        switch places {
        // (The places written: the same doubles `pow(10, places)` gives, with no table read.)
        case 2: scale = 100
        case 4: scale = 10000
        case 3: scale = 1000
        default: scale = places >= 0 && places < JSONWriter.scales.count ? JSONWriter.scales[places] : pow(10.0, Double(places))
        }
        let k = (v * scale).rounded()
        if places >= 1, places <= 4, abs(k) < 1e12 {
            // In integers: `r = k / 10^places` is a whole number exactly when `k` is a
            // multiple of 10^places (a fraction of at least 10^-4 survives the division's
            // rounding for values this small), and then it is `k / 10^places`.
            var q = Int(k)
            var pow10 = 1
            for _ in 0..<places { pow10 *= 10 }
            if q % pow10 == 0 {
                JSONWriter.appendDecimal(q / pow10, to: buffer)
                return
            }
            // Not whole: `r` is the double nearest k / 10^places, and no shorter decimal is
            // that near (doubles this small are far closer together than 10^-places), so its
            // shortest form, which `String(r)` prints, is that decimal without trailing
            // zeros. Written directly: Double's description costs a thousand instructions
            // and an allocation.
            if q < 0 { buffer.append(0x2D); q = -q }
            var p = places
            while p > 0, q % 10 == 0 { q /= 10; p -= 1 }
            pow10 = 1
            for _ in 0..<p { pow10 *= 10 }
            JSONWriter.appendDecimal(q / pow10, to: buffer)
            buffer.reserve(p + 1)
            buffer.put(0x2E)
            let frac = q % pow10
            var d = pow10 / 10
            while d > 0 { buffer.put(UInt8(frac / d % 10) + 0x30); d /= 10 }
            return
        }
        let r = k / scale
        if r == r.rounded() && abs(r) < 1e15 {
            JSONWriter.appendDecimal(Int(r), to: buffer)
        } else {
            JSONWriter.appendUTF8(String(r), to: buffer)
        }
    }

    /// Members laid out by the caller (`JSONReporter`'s document object): the returned
    /// `JSONDirect` appends them to the bytes as JSON, the first with no comma before it
    /// (one is put in here when the current level already has members); afterwards the
    /// level has members. Use it before writing through this writer again.
    mutating func members() -> JSONDirect {
        let b = buffer
        if takeComma() { b.append(0x2C) }
        return JSONDirect(b)
    }

    /// A writer over the calling thread's reusable bytes (emptied), for output copied out
    /// with `bytes` and then handed back with `recycle()`: no buffer allocated per document.
    static func reusing() -> JSONWriter {
        var w = JSONWriter(storage: Storage.take())
        w.needsComma = 0
        return w
    }

    private init(storage: Storage) { self.storage = storage }

    /// Hands this writer's bytes back to the calling thread (see `reusing()`); the writer
    /// must not be used again.
    mutating func recycle() {
        let s = storage
        storage = Storage.empty
        Storage.give(s)
    }

    /// Writes a Boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        if let key { self.key(key) } else { separator() }
        appendStatic(value ? JSONWriter.trueBytes : JSONWriter.falseBytes)
    }

    /// Writes raw, already-encoded JSON.
    public mutating func raw(_ key: String?, _ json: String) {
        if let key { self.key(key) } else { separator() }
        JSONWriter.appendUTF8(json, to: buffer)
    }

    /// Appends `s` as a JSON string literal: its bytes as they are when nothing needs
    /// escaping (the common case), else escaped.
    static func appendQuoted(_ s: String, to buffer: Storage) {
        // Native strings lend their bytes in place; others are copied to contiguous storage.
        if s.utf8.withContiguousStorageIfAvailable({ appendQuoted(utf8: $0, to: buffer) }) == nil {
            var s = s
            s.withUTF8 { appendQuoted(utf8: $0, to: buffer) }
        }
    }

    @inline(__always)
    private static func appendQuoted(utf8 b: UnsafeBufferPointer<UInt8>, to buffer: Storage) {
        if needsEscaping(b) {
            buffer.reserve(b.count * 6 + 2)
            buffer.count += escape(utf8: b, into: buffer.base + buffer.count)
            return
        }
        buffer.reserve(b.count + 2)
        buffer.put(0x22)
        buffer.put(b)
        buffer.put(0x22)
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
            @inline(__always) func suspect(_ x: UInt64) -> Bool {
                // A byte below 0x20 (exact for bytes below 0x80; bytes from 0x80 never match).
                (x &- ones &* 0x20) & ~x & highs != 0 || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C)) || hasZero(x ^ (ones &* 0xE2))
            }
            while i + 8 <= n {
                if suspect(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { break }
                i += 8
            }
            // Every whole group clean, a partial one left: the final eight bytes (overlapping
            // bytes already found clean) decide it at once.
            if i < n, i + 8 > n, n >= 8 {
                return suspect(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
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
        String(unsafeUninitializedCapacity: b.count * 6 + 2) { escape(utf8: b, into: $0.baseAddress!) }
    }

    /// Writes `b` as a JSON string literal at `out` (room for `b.count * 6 + 2` bytes);
    /// returns the number of bytes written.
    static func escape(utf8 b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        @inline(__always) func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
        do {
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
                    out[o + 4] = hex(c >> 4)
                    out[o + 5] = hex(c & 0xF)
                    o += 6
                }
                i += 1
            }
            out[o] = 0x22
            return o + 1
        }
    }
}

/// Appends JSON text straight to a writer's bytes, with no nesting or comma bookkeeping:
/// for output whose layout is fixed in code (`JSONReporter`'s document object), where
/// the commas are known where they are written. Strings are escaped and numbers formatted
/// exactly as `JSONWriter` does.
struct JSONDirect {
    let b: JSONWriter.Storage

    init(_ b: JSONWriter.Storage) { self.b = b }

    /// JSON text written in the code (keys with their quotes, colons, commas, brackets).
    @inline(__always)
    func raw(_ s: StaticString) {
        b.append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// One byte of JSON text.
    @inline(__always)
    func byte(_ c: UInt8) { b.append(c) }

    /// A string value (`null` for nil).
    @inline(__always)
    func string(_ s: String?) {
        if let s { JSONWriter.appendQuoted(s, to: b) } else { raw(JSONWriter.nullBytes) }
    }

    /// A string value known when the code was written (an enum's `jsonName`): never escaped.
    @inline(__always)
    func name(_ v: StaticString) {
        let n = v.utf8CodeUnitCount
        assert(!JSONWriter.needsEscaping(UnsafeBufferPointer(start: v.utf8Start, count: n)), "a static JSON value must not need escaping")
        b.reserve(n + 2)
        b.put(0x22)
        b.put(UnsafeBufferPointer(start: v.utf8Start, count: n))
        b.put(0x22)
    }

    /// An integer value (`null` for nil).
    @inline(__always)
    func int(_ v: Int?) {
        if let v { JSONWriter.appendDecimal(v, to: b) } else { raw(JSONWriter.nullBytes) }
    }

    /// A number rounded to `places` decimals (`null` for nil, NaN and infinities).
    @inline(__always)
    func number(_ v: Double?, places: Int = 2) { JSONWriter.appendNumber(v, places: places, to: b) }

    /// `true` or `false`.
    @inline(__always)
    func bool(_ v: Bool) { raw(v ? "true" : "false") }

    // The same, each after its member's text (`,"line":`): one call per member.

    @inline(__always)
    func string(_ key: StaticString, _ s: String?) {
        raw(key)
        string(s)
    }

    @inline(__always)
    func name(_ key: StaticString, _ v: StaticString) {
        raw(key)
        name(v)
    }

    @inline(__always)
    func int(_ key: StaticString, _ v: Int?) {
        raw(key)
        int(v)
    }

    @inline(__always)
    func number(_ key: StaticString, _ v: Double?, places: Int = 2) {
        raw(key)
        number(v, places: places)
    }

    /// A date as `ISO8601.string(date, offset:)`, quoted (its bytes never need escaping).
    func date(_ date: Date, offset: Int?) {
        b.reserve(ISO8601.maxLength + 2)
        b.put(0x22)
        b.count += ISO8601.write(date, offset: offset, into: b.base + b.count)
        b.put(0x22)
    }
}
