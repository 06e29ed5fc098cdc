import Testing

@testable import ToneCheck

/// `GrowableBuffer`: the checker's reusable lists (kept in `CheckScratch` between segments).
@Suite struct GrowableBufferTests {
    /// A placeholder has no memory; its first append allocates, and it grows as needed.
    @Test func aPlaceholderGrowsFromNothing() {
        var b = GrowableBuffer<Int32>()
        #expect(b.room == 0)
        #expect(b.popLast() == nil)
        for k in 0..<100 { b.append(Int32(k)) }
        #expect(Array(b.elements) == (0..<100).map { Int32($0) })
        #expect(b.room >= 100)
        #expect(b.popLast() == 99)
        b.deallocate()
        GrowableBuffer<Int32>().deallocate()  // a placeholder frees nothing
    }

    /// Emptied for reuse, a buffer keeps its memory, or makes room for more when asked.
    @Test func reuseKeepsOrMakesRoom() {
        var b = GrowableBuffer<Int32>(capacity: 16)
        for k in 0..<10 { b.append(Int32(k)) }
        b.removeAll()
        #expect(b.elements.isEmpty)
        #expect(b.room == 16)
        b.removeAll(keepingRoomFor: 8)
        #expect(b.room == 16)
        b.removeAll(keepingRoomFor: 1000)
        #expect(b.room == 1000)
        #expect(b.elements.isEmpty)
        b.append(7)
        #expect(Array(b.elements) == [7])
        b.deallocate()
    }
}
