import Foundation
import Testing

@testable import ToneCheck

@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("a\\b", #""a\\b""#),
        ("line\nnext\r\ttab", #""line\nnext\r\ttab""#),
        ("bell\u{07}nul\u{00}", #""bell\u0007nul\u0000""#),
        ("sep\u{2028}para\u{2029}", #""sep\u2028para\u2029""#),
        ("“curly” — dash’s €", "\"“curly” — dash’s €\""),
        ("", #""""#),
    ])
    func quoteEscapesExactlyWhatJSONNeeds(_ input: String, _ expected: String) {
        #expect(JSONWriter.quote(input) == expected)
    }

    @Test func quoteRoundTripsEveryScalarClass() throws {
        var s = ""
        for v in Array(0..<0x80) + [0xA0, 0x2027, 0x2028, 0x2029, 0x202A, 0xFEFF, 0x1F600] {
            s.unicodeScalars.append(Unicode.Scalar(UInt32(v))!)
        }
        let json = "[" + JSONWriter.quote(s) + "]"
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(back == [s])
    }

    @Test(arguments: [UInt8(0x00), 0x09, 0x0A, 0x1F, 0x22, 0x5C, 0xE2])
    func escapingIsFoundAtEveryPosition(_ special: UInt8) {
        // The scan reads eight bytes at a time: a special byte in any lane, or in the tail, counts.
        for length in 1...20 {
            for at in 0..<length {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[at] = special
                #expect(bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) }, "length \(length), at \(at)")
            }
        }
        let plain = Array("plain text, 100% ASCII ~ and café €".utf8).filter { $0 != 0xE2 }
        #expect(!plain.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) })
    }

    @Test func numbersPrintAsDoubleDescriptionWould() {
        // The fast path for 1–4 places must write exactly what `String(Double)` writes.
        var values: [Double] = [0, 0.5, 0.05, 0.0001, 0.00005, 73.45, 99.995, 1.005, 2.675, -0.004, -0.006, 9.9999, 123456789.125, 1e11 + 0.25]
        for k in -2000...2000 { values.append(Double(k) / 997) }
        for v in values {
            for places in 0...4 {
                let scale = pow(10.0, Double(places))
                let r = (v * scale).rounded() / scale
                let expected = r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
                var w = JSONWriter()
                w.number(nil, v, places: places)
                #expect(w.output == expected, "\(v) at \(places) places")
            }
        }
    }
}
