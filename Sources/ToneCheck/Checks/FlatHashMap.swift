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

    private var slots: [Slot]
    /// Per slot: 0 when empty, else `tag(mixed:)` of its key. (Emptiness is the tag's, not a
    /// reserved key's: any 64-bit key can be stored, and a probe tests no key for a sentinel.)
    private var tags: [UInt8]
    private var mask: Int
    /// Number of entries.
    private(set) var count = 0

    /// An empty map with room for `capacity` entries at a load factor of at most ½.
    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        // Slots are left uninitialised: a slot is read only once its tag says it was written
        // (and the large vocabulary tables would cost a fill each at start-up).
        slots = [Slot](unsafeUninitializedCapacity: size) { _, count in count = size }
        tags = [UInt8](repeating: 0, count: size)
        mask = size - 1
    }

    /// The key mixed: its bits from the 20th up give the first slot to probe, its top seven
    /// the tag (one multiply for both).
    @inline(__always)
    fileprivate static func mix(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    /// The first slot to probe for a key mixed to `m` in a table of `mask + 1` slots.
    @inline(__always)
    fileprivate static func slot(mixed m: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: m >> 20) & mask }

    /// The tag of a key mixed to `m`: its top seven bits, never 0.
    @inline(__always)
    fileprivate static func tag(mixed m: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: m >> 57) | 0x80 }

    /// Inserts or replaces.
    mutating func set(_ key: UInt64, _ value: Int64) {
        precondition(count * 2 < slots.count, "FlatHashMap capacity exceeded")
        let m = FlatHashMap.mix(key), tag = FlatHashMap.tag(mixed: m), mask = mask
        let added = tags.withUnsafeMutableBufferPointer { tags in
            slots.withUnsafeMutableBufferPointer { slots in
                var i = FlatHashMap.slot(mixed: m, mask)
                while tags[i] != 0 {
                    if tags[i] == tag && slots[i].key == key {
                        slots[i].value = value
                        return false
                    }
                    i = (i + 1) & mask
                }
                slots[i] = Slot(key: key, value: value)
                tags[i] = tag
                return true
            }
        }
        if added { count += 1 }
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

        /// The value for `key`, or nil.
        @inline(__always)
        func get(_ key: UInt64) -> Int64? {
            let m = FlatHashMap.mix(key)
            let tag = FlatHashMap.tag(mixed: m)
            var i = FlatHashMap.slot(mixed: m, mask)
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
            try slots.withUnsafeBufferPointer { s in try body(Lookup(tags: t, slots: s, mask: mask)) }
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
        tags.withUnsafeBufferPointer { tags in
            slots.withUnsafeBufferPointer { slots in
                for i in slots.indices where tags[i] != 0 { body(slots[i].key, slots[i].value) }
            }
        }
    }

    /// Every entry, in slot order.
    var entries: [(key: UInt64, value: Int64)] {
        var out: [(key: UInt64, value: Int64)] = []
        out.reserveCapacity(count)
        forEach { out.append(($0, $1)) }
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
