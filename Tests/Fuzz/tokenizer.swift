// Fuzz target: the UTF-8 byte tokenizer. Tokens are in order, inside the text, never empty.
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let b = Fuzz.bytes(data, size)
    let tokens = Tokenizer.tokenize(b)
    var last: Int32 = 0
    for t in tokens {
        Fuzz.require(t.start >= last, "token at \(t.start) before the previous end \(last)")
        Fuzz.require(t.start <= t.end && Int(t.end) <= b.count, "token \(t.start)..<\(t.end) outside 0..<\(b.count)")
        last = t.end
    }
    return 0
}
