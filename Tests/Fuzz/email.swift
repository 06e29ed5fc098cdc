// Fuzz target: one RFC 5322 / MIME message (headers, multipart, transfer encodings,
// charsets, HTML bodies, zoning into quoted, signature and forwarded parts).
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEmail(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let b = Fuzz.bytes(data, size)
    let doc = EmailReader.read(b, origin: EmailReader.Origin(path: "fuzz.eml"))
    Fuzz.checkPositions(doc, inputBytes: b.count, lines: Fuzz.lineCount(b))
    return 0
}
