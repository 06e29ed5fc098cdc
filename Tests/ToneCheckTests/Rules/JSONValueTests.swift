import Foundation
import Testing
@testable import ToneCheck

/// JSON and JSON5 with invalid UTF-8 are clear errors naming where the bad byte is.
@Suite struct JSONValueTests {
    /// Found by fuzzing (rules target): invalid UTF-8 in an unquoted JSON5 key made
    /// Foundation's JSON5 scanner stop the process with a fatal error.
    @Test func invalidUTF8InAnUnquotedRuleFileKeyIsAnErrorNotACrash() {
        var text = Array("{\n  lis".utf8) + [UInt8](repeating: 0xFC, count: 20)
        text += Array(": {},\n  rules: [] }".utf8)
        do {
            _ = try RuleLoader.parse(Data(text), path: "bad.json5")
            Issue.record("accepted")
        } catch {
            let e = error.localizedDescription
            #expect(e.hasPrefix("bad.json5:2"), "got: \(e)")
            #expect(e.contains("invalid UTF-8 (byte 0xFC) at line 2, column 6"), "got: \(e)")
        }
    }

    @Test(arguments: [
        [0x7B, 0x22, 0x61, 0xFF, 0x22, 0x3A, 0x31, 0x7D] as [UInt8],  // {"a\xFF":1}
        Array("{\"text\": \"caf".utf8) + [0xC3] + Array("\"}".utf8),  // truncated sequence in a string
        Array("{\"text\": \"".utf8) + [0xE0, 0x80, 0xAF] + Array("\"}".utf8),  // overlong
        Array("{text: 'x', ".utf8) + [0xED, 0xA0, 0x80] + Array(": 1}".utf8),  // surrogate, unquoted key
    ])
    func invalidUTF8IsASyntaxErrorInJSONAndJSON5(_ bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parseJSON(Data(bytes)) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parseJSON5(Data(bytes)) }
    }

    @Test func validUTF8StillParses() throws {
        let v = try JSONValue.parseJSON5(Data("{ key: 'Café ☕ 😀', 'clé': 1 }".utf8))
        #expect(v.objectValue?["key"]?.stringValue == "Café ☕ 😀")
        #expect(JSONValue.firstInvalidUTF8(Data("plain ascii".utf8)) == nil)
        #expect(JSONValue.firstInvalidUTF8(Data([0x61, 0xC3, 0xA9, 0x62, 0xFF])) == 4)
    }
}
