/// An open-addressing hash map from 64-bit keys to 64-bit values, built once and then only
/// read. Token hashes are already well mixed, so lookups cost a multiply, a mask and
/// usually one probe: much cheaper than `Dictionary` with its seeded `Hasher`.
struct FlatHashMap: Sendable, Equatable {
    private var keys: [UInt64]
    private var values: [Int64]
    private var used: [Bool]
    private var mask: Int
    /// Number of entries.
    private(set) var count = 0

    /// An empty map with room for `capacity` entries at a load factor of at most ½.
    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int64](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    /// Inserts or replaces.
    mutating func set(_ key: UInt64, _ value: Int64) {
        precondition(count * 2 < keys.count, "FlatHashMap capacity exceeded")
        var i = slot(key)
        while used[i] {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        used[i] = true
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// The value for `key`, or nil.
    @inline(__always)
    func get(_ key: UInt64) -> Int64? {
        var i = slot(key)
        while used[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts or replaces, doubling the table first when it would be more than half full.
    mutating func insertGrowing(_ key: UInt64, _ value: Int64) {
        if (count + 1) * 2 >= keys.count {
            var bigger = FlatHashMap(capacity: keys.count)
            for i in keys.indices where used[i] { bigger.set(keys[i], values[i]) }
            self = bigger
        }
        set(key, value)
    }

    /// Every entry, in slot order.
    var entries: [(key: UInt64, value: Int64)] { keys.indices.filter { used[$0] }.map { (keys[$0], values[$0]) } }

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
        let mask = self.mask
        // Filled through raw buffers: this runs for every edge at start-up.
        try keys.withUnsafeMutableBufferPointer { keys in
            try values.withUnsafeMutableBufferPointer { values in
                try used.withUnsafeMutableBufferPointer { used in
                    for _ in 0..<n {
                        let k = try r.uint()
                        let v = Int64(try r.int())
                        var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
                        while used[i] && keys[i] != k { i = (i + 1) & mask }
                        if !used[i] { count += 1 }
                        used[i] = true
                        keys[i] = k
                        values[i] = v
                    }
                }
            }
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
