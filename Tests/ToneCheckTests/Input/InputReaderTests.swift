import Foundation
import Testing

@testable import ToneCheck

@Suite struct InputReaderTests {
    /// A file read in chunks (straight into arrays) comes back whole, byte for byte; each
    /// chunk is full but the last, and the end of the input is an empty chunk.
    @Test func chunksOfAFileMakeTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-chunks-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: url)
        let fh = try FileHandle(forReadingFrom: url)
        defer { try? fh.close() }
        var chunks: [[UInt8]] = []
        while case let c = try InputReader.chunk(of: fh, upTo: 4096), !c.isEmpty { chunks.append(c) }
        #expect(chunks.map(\.count) == [4096, 4096, 1808])
        #expect(Array(chunks.joined()) == bytes)
    }

    /// From a pipe written a little at a time, a chunk waits for its bytes (or the end).
    @Test func aChunkOfAPipeIsFull() throws {
        let pipe = Pipe()
        let writer = Thread {
            for k in 0..<50 { pipe.fileHandleForWriting.write(Data(repeating: UInt8(k), count: 100)) }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let first = try InputReader.chunk(of: pipe.fileHandleForReading, upTo: 3000)
        let rest = try InputReader.chunk(of: pipe.fileHandleForReading, upTo: 3000)
        #expect(first.count == 3000 && rest.count == 2000)
        #expect(first[0] == 0 && first[2999] == 29 && rest[1999] == 49)
        #expect(try InputReader.chunk(of: pipe.fileHandleForReading, upTo: 3000).isEmpty)
    }

    /// A text file larger than a chunk is read whole.
    @Test func aTextFileLargerThanAChunkIsReadWhole() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-whole-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = Array(String(repeating: "A plain line of a draft.\n", count: InputReader.chunkSize / 20).utf8)
        try Data(text).write(to: url)
        let fh = try FileHandle(forReadingFrom: url)
        defer { try? fh.close() }
        let whole = try InputReader.read(fileHandle: fh, path: url.path, format: nil) { _ in }
        #expect(whole == text)
    }
}
