/// An open-addressing hash map from 64-bit keys to 64-bit values, built once and then only
/// read. Token hashes are already well mixed, so lookups cost a multiply, a mask and
/// usually one probe: much cheaper than `Dictionary` with its seeded `Hasher`.
struct FlatHashMap: Sendable {
    private var keys: [UInt64]
    private var values: [Int64]
    private var used: [Bool]
    private let mask: Int
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
}
