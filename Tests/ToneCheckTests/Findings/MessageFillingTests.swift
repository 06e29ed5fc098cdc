import Testing

@testable import ToneCheck

@Suite struct MessageFillingTests {
    @Test(arguments: [
        ("“{match}” talks down", "match", "obviously", "“obviously” talks down"),
        ("{match} and {match}", "match", "x", "x and x"),
        ("{count}{count}", "count", "3", "33"),
        ("no placeholder", "match", "x", "no placeholder"),
        ("{other} stays", "match", "x", "{other} stays"),
        ("a { b } {match", "match", "x", "a { b } {match"),
        ("{match}", "match", "", ""),
        ("é {match} ü", "match", "“ñ”", "é “ñ” ü"),
        ("", "match", "x", ""),
    ])
    func fillsEveryPlaceholderAndNothingElse(_ template: String, _ key: String, _ value: String, _ expected: String) {
        #expect(template.filling(key, with: value) == expected)
    }
}
