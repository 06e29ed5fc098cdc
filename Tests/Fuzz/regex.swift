// Fuzz target: `ByteRegex` against ICU. The input's first byte picks case sensitivity (odd:
// case-insensitive), the rest of its first line is a pattern, and every later line is text:
// on each ASCII line (and each line whose non-ASCII characters are inert or plain letters,
// for a pattern that reads ASCII only), whenever `ByteRegex` reads the pattern (and the rule loader accepts
// it), it must find exactly the non-empty matches `NSRegularExpression` finds.
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let b = Fuzz.bytes(data, size)
    guard let nl = b.firstIndex(of: 0x0A), nl >= 1 else { return 0 }
    let caseSensitive = b[0] & 1 == 0
    guard let pattern = String(validating: b[1..<nl], as: UTF8.self) else { return 0 }
    guard let mine = ByteRegex.compile(pattern, caseSensitive: caseSensitive) else { return 0 }
    // Only what tonecheck would run: patterns the rule loader accepts.
    guard RegexGuard.problem(in: pattern) == nil,
        let icu = try? NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
    else { return 0 }
    var vm = ByteRegex.VM()
    for line in b[(nl + 1)...].split(separator: 0x0A, omittingEmptySubsequences: false) where line.count <= 256 {
        // ASCII lines; and, for a pattern that reads ASCII only, lines whose other
        // characters are inert or plain letters.
        let bytes = Array(line)
        guard let (found, complete) = bytes.withUnsafeBufferPointer({ mine.matches(in: $0, text: ByteRegex.lineText($0), vm: &vm) }) else { continue }
        let text = String(decoding: line, as: UTF8.self)
        let expected = icu.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).compactMap { m -> Range<Int>? in
            guard m.range.length > 0, let r = Range(m.range, in: text) else { return nil }
            return text.utf8.distance(from: text.startIndex, to: r.lowerBound)..<text.utf8.distance(from: text.startIndex, to: r.upperBound)
        }
        Fuzz.require(
            !complete || found == expected,
            "pattern \(pattern.debugDescription), case-sensitive \(caseSensitive), on \(text.debugDescription): \(found), ICU \(expected)")
    }
    return 0
}
