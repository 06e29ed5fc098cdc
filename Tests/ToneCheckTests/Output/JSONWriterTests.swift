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
}
