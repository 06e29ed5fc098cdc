/// An open-addressing hash map from 64-bit keys to 64-bit values, built once and then only
/// read. Token hashes are already well mixed, so lookups cost a multiply, a mask and
/// usually one probe: much cheaper than `Dictionary` with its seeded `Hasher`.
///
/// A probe first reads a one-byte tag per slot (seven more bits of the mixed key, 0 for an
/// empty slot), so a word that is not in the map, the usual case for the vocabulary, is
/// turned away by a table small enough to stay in the first-level cache (the built-in
/// vocabulary's 8,192 slots take 128 KB, their tags 8 KB).
struct FlatHashMap: Sendable, Equatable {
    /// A slot: key and value side by side, so a probe reads one cache line.
    fileprivate struct Slot {
        var key: UInt64
        var value: Int64
    }

    /// Marks an empty slot. A real key equal to it is kept aside in `maxKeyValue`.
    private static let empty = UInt64.max
    private var slots: [Slot]
    /// Per slot: 0 when empty, else `tag(of:)` its key.
    private var tags: [UInt8]
    private var mask: Int
    private var maxKeyValue: Int64?
    /// Number of entries.
    private(set) var count = 0

    /// An empty map with room for `capacity` entries at a load factor of at most ½.
    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: FlatHashMap.empty, value: 0), count: size)
        tags = [UInt8](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { FlatHashMap.slot(key, mask) }

    /// The first slot to probe for `key` in a table of `mask + 1` slots.
    @inline(__always)
    fileprivate static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    /// The top seven bits of the mixed key (the slot uses bits from the 20th up), never 0.
    @inline(__always)
    fileprivate static func tag(of key: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57) | 0x80 }

    /// Inserts or replaces.
    mutating func set(_ key: UInt64, _ value: Int64) {
        if key == FlatHashMap.empty {
            if maxKeyValue == nil { count += 1 }
            maxKeyValue = value
            return
        }
        precondition(count * 2 < slots.count, "FlatHashMap capacity exceeded")
        var i = slot(key)
        while slots[i].key != FlatHashMap.empty {
            if slots[i].key == key { slots[i].value = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        tags[i] = FlatHashMap.tag(of: key)
        count += 1
    }

    /// The value for `key`, or nil.
    @inline(__always)
    func get(_ key: UInt64) -> Int64? { withLookup { $0.get(key) } }

    /// `get` with the table's storage held open: for a loop of lookups (one per token), so
    /// each lookup does not look up the storage again.
    struct Lookup {
        fileprivate let tags: UnsafeBufferPointer<UInt8>
        fileprivate let slots: UnsafeBufferPointer<Slot>
        fileprivate let mask: Int
        fileprivate let maxKeyValue: Int64?

        /// The value for `key`, or nil.
        @inline(__always)
        func get(_ key: UInt64) -> Int64? {
            if key == FlatHashMap.empty { return maxKeyValue }
            let tag = FlatHashMap.tag(of: key)
            var i = FlatHashMap.slot(key, mask)
            while true {
                let g = tags[i]
                if g == tag {
                    if slots[i].key == key { return slots[i].value }
                } else if g == 0 {
                    return nil
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Runs `body` with a `Lookup` on this table.
    @inline(__always)
    func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try tags.withUnsafeBufferPointer { t in
            try slots.withUnsafeBufferPointer { s in try body(Lookup(tags: t, slots: s, mask: mask, maxKeyValue: maxKeyValue)) }
        }
    }

    /// Inserts or replaces, doubling the table first when it would be more than half full.
    mutating func insertGrowing(_ key: UInt64, _ value: Int64) {
        if (count + 1) * 2 >= slots.count {
            var bigger = FlatHashMap(capacity: slots.count)
            for (k, v) in entries { bigger.set(k, v) }
            self = bigger
        }
        set(key, value)
    }

    /// Calls `body` with every entry, in slot order, making no array.
    func forEach(_ body: (_ key: UInt64, _ value: Int64) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            for s in slots where s.key != FlatHashMap.empty { body(s.key, s.value) }
        }
        if let v = maxKeyValue { body(FlatHashMap.empty, v) }
    }

    /// Every entry, in slot order.
    var entries: [(key: UInt64, value: Int64)] {
        var out = slots.filter { $0.key != FlatHashMap.empty }.map { (key: $0.key, value: $0.value) }
        if let v = maxKeyValue { out.append((FlatHashMap.empty, v)) }
        return out
    }

    /// Same entries (whatever the table size).
    static func == (a: FlatHashMap, b: FlatHashMap) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b.get($0.key) == $0.value }
    }

    /// Writes the entries.
    func write(_ w: inout BinaryWriter) {
        w.uint(UInt64(count))
        for (k, v) in entries {
            w.uint(k)
            w.int(Int(v))
        }
    }

    /// Reads entries written by `write`.
    init(reading r: inout BinaryReader) throws {
        let n = try r.count()
        self.init(capacity: n)
        for _ in 0..<n {
            let k = try r.uint()
            set(k, Int64(try r.int()))
        }
    }
}

/// A set of token hashes with the lookup cost of `FlatHashMap` (a multiply, a mask, usually
/// one probe) instead of `Set`'s seeded hashing: for the word lists tested on every token.
struct TokenSet: Sendable, ExpressibleByArrayLiteral {
    private var table = FlatHashMap(capacity: 8)

    /// An empty set.
    init() {}

    /// The hashes of `elements`.
    init<S: Sequence>(_ elements: S) where S.Element == UInt64 {
        for h in elements { insert(h) }
    }

    init(arrayLiteral elements: UInt64...) { self.init(elements) }

    /// The hashes of words, as the tokenizer hashes them.
    init(words: [String]) { self.init(words.map { TokenHash.of($0) }) }

    /// Adds a hash.
    mutating func insert(_ h: UInt64) { table.insertGrowing(h, 1) }

    /// Whether the hash is in the set.
    @inline(__always)
    func contains(_ h: UInt64) -> Bool { table.get(h) != nil }

    var isEmpty: Bool { table.count == 0 }
}
