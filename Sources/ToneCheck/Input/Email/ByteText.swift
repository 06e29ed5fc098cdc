import Foundation

/// Small byte helpers shared by the email readers (ASCII case folding, trimming, search).
enum ByteText {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) static func isWS(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// Whether every byte is below 0x80 (eight bytes at a time).
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool { skipASCII(b, from: 0) == b.count }

    /// The index of the first LF in `bytes[from..<to]`, or `to` (memchr).
    static func lineEnd(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        guard from < to else { return to }
        return bytes.withUnsafeBufferPointer { firstIndex(of: 0x0A, in: UnsafeBufferPointer(rebasing: $0[..<to]), from: from) ?? to }
    }

    /// Whether `bytes` holds `byte` (memchr).
    static func contains(_ bytes: [UInt8], byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { firstIndex(of: byte, in: $0, from: 0) != nil }
    }

    /// Whether `bytes` starts with ASCII `prefix`, ignoring case.
    static func hasPrefix<C: Collection>(_ bytes: C, _ prefix: String) -> Bool where C.Element == UInt8 {
        var it = bytes.makeIterator()
        for p in prefix.utf8 {
            guard let b = it.next(), lower(b) == lower(p) else { return false }
        }
        return true
    }

    /// Whether `bytes` equals ASCII `s`, ignoring case.
    static func equals<C: Collection>(_ bytes: C, _ s: String) -> Bool where C.Element == UInt8 {
        bytes.count == s.utf8.count && hasPrefix(bytes, s)
    }

    /// `bytes` without leading and trailing spaces, tabs, CR and LF.
    static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes
        while let f = s.first, isWS(f) { s = s.dropFirst() }
        while let l = s.last, isWS(l) { s = s.dropLast() }
        return s
    }

    /// Lowercased ASCII string of `bytes` (non-ASCII bytes decoded leniently).
    static func lowerString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // Written straight into the string's storage (no intermediate array); invalid
        // UTF-8 is repaired exactly as `String(decoding:as:)` repairs it.
        let n = bytes.count
        if n == 0 { return "" }
        return String(unsafeUninitializedCapacity: n) { out in
            var i = 0
            for b in bytes { out[i] = lower(b); i += 1 }
            return i
        }
    }

    /// Whether two header names are equal ignoring ASCII case (`equals`, for two strings).
    static func sameName(_ a: String, _ b: String) -> Bool {
        // Names as written in most mail are spelled as asked (and common ones share one
        // string): equal outright. Otherwise byte by byte, ASCII case ignored.
        // (With equal byte counts and one side ASCII, as a field name always is, string
        // equality is byte equality.)
        let au = a.utf8, bu = b.utf8
        guard au.count == bu.count else { return false }
        if a == b { return true }
        var i = au.makeIterator(), j = bu.makeIterator()
        while let x = i.next(), let y = j.next() {
            if lower(x) != lower(y) { return false }
        }
        return true
    }

    /// First index of ASCII `needle` in `bytes[from..<to]`, ignoring case.
    /// Whether `needle` occurs in `s`, bytes compared exactly (Foundation's `contains` on
    /// strings costs microseconds a call).
    static func contains(_ s: String, _ needle: String) -> Bool {
        if s.isEmpty { return needle.isEmpty }
        var s = s
        return s.withUTF8 { h in
            needle.utf8.withContiguousStorageIfAvailable { firstIndex(of: $0, in: h, from: 0) != nil }
                ?? (firstIndex(of: Array(needle.utf8), in: h, from: 0) != nil)
        }
    }

    /// The first offset at or after `from` of a byte ≥ 0x80 in `h`, or `h.count`: ASCII is
    /// skipped eight bytes at a time.
    static func skipASCII(_ h: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = h.count
        var i = min(max(0, from), n)
        if let base = h.baseAddress {
            let raw = UnsafeRawPointer(base)
            // Sixteen bytes a test while the text stays ASCII, then eight.
            while i + 16 <= n,
                (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
            {
                i += 16
            }
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        }
        while i < n, h[i] < 0x80 { i += 1 }
        return i
    }

    /// The first offset at or after `from` of `byte` in `h` (`memchr`), or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in h: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = h.baseAddress, from >= 0, from < h.count else { return nil }
        guard let p = memchr(base + from, Int32(byte), h.count - from) else { return nil }
        return UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The first offset at or after `from` where `needle` starts in `h`, bytes compared exactly.
    /// (`memchr` finds each candidate first byte, so text without it is skipped at memory speed.)
    static func firstIndex(of needle: [UInt8], in h: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        needle.withUnsafeBufferPointer { firstIndex(of: $0, in: h, from: from) }
    }

    /// `firstIndex(of:in:from:)` for a needle already in a buffer.
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = needle.first else { return from }
        guard let base = h.baseAddress, from >= 0, h.count - from >= needle.count else { return nil }
        let last = h.count - needle.count  // the last offset where the needle fits
        var i = from
        while i <= last {
            guard let p = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            i = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base  // (not `firstIndex(of:)`: only up to `last`)
            var k = 1
            while k < needle.count, h[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    static func find(_ needle: String, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        let n = Array(needle.utf8).map(lower)
        guard let first = n.first, to - from >= n.count else { return nil }
        var i = from
        let last = to - n.count
        while i <= last {
            if lower(bytes[i]) == first {
                var k = 1
                while k < n.count, lower(bytes[i + k]) == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `collapse(String(decoding: bytes, as: UTF8.self))` for bytes that are valid UTF-8,
    /// without building the uncollapsed string first.
    static func collapsedString(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { collapsedString($0) }
    }

    /// `collapsedString` of a whole array.
    static func collapsedString(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { collapsedString($0) }
    }

    /// `collapsedString` of bytes in a buffer.
    static func collapsedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var pendingSpace = false
        var changed = false
        var started = false
        for b in bytes {
            // (Most bytes are above the space: one comparison for them.)
            if b > 0x20 {
                pendingSpace = false
                started = true
            } else if b == 0x20 {
                if !started || pendingSpace { changed = true; break }
                pendingSpace = true
            } else if b == 0x09 || b == 0x0D || b == 0x0A {
                changed = true
                break
            } else {
                pendingSpace = false
                started = true
            }
        }
        if pendingSpace { changed = true }
        if !changed { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        pendingSpace = false
        for b in bytes {
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses runs of whitespace to one space and trims.
    static func collapse(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var changed = false
        for b in s.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                if out.isEmpty || pendingSpace || b != 0x20 { changed = true }
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            }
        }
        if pendingSpace { changed = true }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }

    /// `s` without leading and trailing spaces and tabs (no Foundation).
    static func trimSpaces<S: StringProtocol>(_ s: S) -> String {
        let u = Array(s.utf8)
        var a = 0, b = u.count
        while a < b, isWS(u[a]) { a += 1 }
        while b > a, isWS(u[b - 1]) { b -= 1 }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}

/// Up to eight byte values searched for together, sixteen bytes at a time (one vector
/// compare per value), for scanners whose interesting bytes are rare in text.
struct AnyByteFinder {
    private let c0, c1, c2, c3, c4, c5, c6, c7: SIMD16<UInt8>
    /// The values, for the bytes past the last whole block of sixteen.
    private let table: [Bool]

    /// A finder for `bytes` (one to eight values; repeats are harmless).
    init(_ bytes: [UInt8]) {
        precondition(!bytes.isEmpty && bytes.count <= 8)
        let v = (0..<8).map { SIMD16<UInt8>(repeating: bytes[min($0, bytes.count - 1)]) }
        (c0, c1, c2, c3, c4, c5, c6, c7) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
        var t = [Bool](repeating: false, count: 256)
        for b in bytes { t[Int(b)] = true }
        table = t
    }

    /// The first index from `from` on whose byte is one of the values, or `h.count`.
    func firstIndex(in h: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = h.count
        var i = max(0, from)
        if let base = h.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 16 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let m = (v .== c0) .| (v .== c1) .| (v .== c2) .| (v .== c3) .| (v .== c4) .| (v .== c5) .| (v .== c6) .| (v .== c7)
                if any(m) {
                    // The first hit: the mask as bytes, read as two words (byte 0 lowest).
                    let words = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: m), to: SIMD2<UInt64>.self)
                    let lo = UInt64(littleEndian: words[0]), hi = UInt64(littleEndian: words[1])
                    return i + (lo != 0 ? lo.trailingZeroBitCount / 8 : 8 + hi.trailingZeroBitCount / 8)
                }
                i += 16
            }
        }
        return table.withUnsafeBufferPointer { t in
            while i < n, !t[Int(h[i])] { i += 1 }
            return i
        }
    }
}
