// Fuzz target: the streaming mbox splitter and each message it hands out. The first byte
// picks a chunk size; feeding the rest in chunks must give exactly the messages that
// feeding it whole gives.
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMbox(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = Fuzz.bytes(data, size)
    guard let first = all.first else { return 0 }
    let b = Array(all.dropFirst())
    let chunk = 1 + Int(first) * 7

    var whole: [MboxSplitter.Message] = []
    var s = MboxSplitter(path: "fuzz.mbox")
    s.feed(b[...]) { whole.append($0) }
    s.finish { whole.append($0) }

    var streamed: [MboxSplitter.Message] = []
    var t = MboxSplitter(path: "fuzz.mbox")
    var i = 0
    while i < b.count {
        t.feed(b[i..<min(b.count, i + chunk)]) { streamed.append($0) }
        i += chunk
    }
    t.finish { streamed.append($0) }

    Fuzz.require(whole.count == streamed.count, "\(whole.count) messages whole, \(streamed.count) streamed in chunks of \(chunk)")
    let lines = Fuzz.lineCount(b)
    for (m, n) in zip(whole, streamed) {
        Fuzz.require(m.bytes == n.bytes, "message \(m.origin.index ?? 0) differs when streamed in chunks of \(chunk)")
        Fuzz.require(m.origin.byteOffset == n.origin.byteOffset && m.origin.line == n.origin.line, "message origin differs when streamed")
        Fuzz.require(m.origin.byteOffset >= 0 && m.origin.byteOffset <= b.count, "message offset \(m.origin.byteOffset) outside the input")
        let doc = EmailReader.read(m.bytes, origin: m.origin)
        Fuzz.checkPositions(doc, inputBytes: b.count, lines: lines)
    }
    return 0
}
