import Testing
@testable import ToneCheck

/// The byte searches the readers and checkers share, against plain loops, at every length
/// and position (the word-at-a-time and `memchr` paths have edges at 8-byte boundaries).
@Suite struct ByteTextTests {
    @Test(arguments: 0..<40)  // (past two blocks of sixteen)
    func skipASCIIFindsTheFirstHighByte(length: Int) {
        for at in 0...length {
            var bytes = [UInt8](repeating: 0x61, count: length)
            if at < length { bytes[at] = 0xC3 }
            for from in 0...length {
                let got = bytes.withUnsafeBufferPointer { ByteText.skipASCII($0, from: from) }
                let want = (from..<length).first { bytes[$0] >= 0x80 } ?? length
                #expect(got == want, "length \(length), high byte at \(at), from \(from)")
            }
            #expect(bytes.withUnsafeBufferPointer { ByteText.skipASCII($0, from: length + 3) } == length)
            #expect(bytes.withUnsafeBufferPointer { ByteText.firstIndex(of: 0xC3, in: $0, from: length + 3) } == nil)
        }
    }

    @Test(arguments: 0..<20)
    func firstIndexOfAByteAndOfANeedle(length: Int) {
        let needle = Array("ab".utf8)
        for at in 0...length {
            var bytes = [UInt8](repeating: 0x78, count: length)
            if at < length { bytes[at] = 0x61 }
            if at + 1 < length { bytes[at + 1] = 0x62 }
            for from in 0...length {
                let byte = bytes.withUnsafeBufferPointer { ByteText.firstIndex(of: 0x61, in: $0, from: from) }
                #expect(byte == (from..<length).first { bytes[$0] == 0x61 })
                let found = bytes.withUnsafeBufferPointer { ByteText.firstIndex(of: needle, in: $0, from: from) }
                let want = (from..<max(from, length - 1)).first { bytes[$0] == 0x61 && bytes[$0 + 1] == 0x62 }
                #expect(found == want, "length \(length), needle at \(at), from \(from)")
            }
        }
    }
}

@Suite struct AnyByteFinderTests {
    /// Sets of one to eight values, searched from every start in random lines of every
    /// length up to 50 (so hits land in whole blocks of sixteen and in the tail): the
    /// vector search finds the index a plain loop finds.
    @Test func findsWhatAPlainLoopFinds() {
        var x: UInt64 = 4242
        func next() -> UInt64 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return x >> 33
        }
        for size in 1...8 {
            let values = (0..<size).map { _ in UInt8(truncatingIfNeeded: next()) }
            let finder = AnyByteFinder(values)
            for length in 0...50 {
                for _ in 0..<10 {
                    let line = (0..<length).map { _ in next() % 12 == 0 ? values[Int(next()) % size] : UInt8(truncatingIfNeeded: next()) }
                    line.withUnsafeBufferPointer { b in
                        for from in 0...length {
                            let expected = (from..<length).first { values.contains(b[$0]) } ?? length
                            #expect(finder.firstIndex(in: b, from: from) == expected, "\(values) \(line) from \(from)")
                        }
                    }
                }
            }
        }
    }
}
