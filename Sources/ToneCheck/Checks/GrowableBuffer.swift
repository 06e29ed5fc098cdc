/// A growable list of trivial values in memory it manages itself, for the checker's inner
/// loops: an append checks only the capacity, where an array passed `inout` or held by a
/// class also checks on every append that its storage is not shared.
///
/// A value, not a reference: keep it in one variable (or move it, with `swap`, between a
/// holder such as `CheckScratch` and a local) and call `deallocate()` when done (copies
/// would share, and free, the same memory).
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` elements (at least 16).
    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// An empty buffer with no memory yet (it allocates on the first append): a placeholder
    /// to swap with a buffer that is held elsewhere.
    init() {
        capacity = 0
        base = UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: e)
        count += 1
    }

    /// Empties the buffer, keeping its memory.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Empties the buffer and makes room for at least `minimum` elements.
    mutating func removeAll(keepingRoomFor minimum: Int) {
        count = 0
        if capacity < minimum {
            deallocate()
            capacity = minimum
            base = .allocate(capacity: capacity)
        }
    }

    /// How many elements fit before it grows.
    var room: Int { capacity }

    /// Removes and returns the last element, or nil when empty.
    @inline(__always)
    mutating func popLast() -> Element? {
        if count == 0 { return nil }
        count -= 1
        return base[count]
    }

    /// Twice the room, the elements kept. (Never inlined: it is the rare path of `append`,
    /// and inlined it takes registers from the loops that append.)
    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: max(16, capacity * 2))
        bigger.initialize(from: base, count: count)
        deallocate()
        base = bigger
        capacity = max(16, capacity * 2)
    }

    /// The elements, valid until the next append or `deallocate()`.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Frees the memory (if it has any).
    func deallocate() { if capacity > 0 { base.deallocate() } }
}
