import Testing
@testable import ToneCheck

@Suite struct JSONNamesTests {
    static func text(_ s: StaticString) -> String { s.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }

    @Test(arguments: SegmentRole.allCases) func segmentRoleNameIsItsRawValue(_ role: SegmentRole) {
        #expect(Self.text(role.jsonName) == role.rawValue)
    }

    @Test(arguments: Category.allCases) func categoryNameIsItsRawValue(_ category: Category) {
        #expect(Self.text(category.jsonName) == category.rawValue)
    }

    @Test(arguments: Severity.allCases) func severityNameIsItsRawValue(_ severity: Severity) {
        #expect(Self.text(severity.jsonName) == severity.rawValue)
    }

    @Test func diagnosticLevelNameIsItsRawValue() {
        for level in [Diagnostic.Level.warning, .error] { #expect(Self.text(level.jsonName) == level.rawValue) }
    }

    @Test func staticStringValueIsWrittenLikeAString() {
        var a = JSONWriter(), b = JSONWriter()
        a.beginObject(); a.string(k: "role", static: SegmentRole.disclaimer.jsonName); a.int(k: "n", 1); a.endObject()
        b.beginObject(); b.string("role", "disclaimer"); b.int("n", 1); b.endObject()
        #expect(a.output == b.output)
        #expect(a.output == #"{"role":"disclaimer","n":1}"#)
    }
}
