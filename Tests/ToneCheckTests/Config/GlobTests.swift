import Testing
@testable import ToneCheck

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.hbs", "a.hbs", true), ("*.hbs", "x/y/a.hbs", true), ("*.hbs", "a.html", false),
        ("legacy/*", "legacy/a.txt", true), ("legacy/*", "legacy/x/a.txt", false),
        ("legacy/**", "legacy/x/a.txt", true), ("legacy/**", "other/a.txt", false),
        ("**/urgent/*.md", "urgent/a.md", true), ("**/urgent/*.md", "x/urgent/a.md", true), ("**/urgent/*.md", "x/urgenta.md", false),
        ("a?c.txt", "abc.txt", true), ("a?c.txt", "ac.txt", false), ("a?c.txt", "a/c.txt", false), ("a?c.txt", "aéc.txt", true),
        ("*.{md,html}", "x/page.html", true), ("*.{md,html}", "page.md", true), ("*.{md,html}", "page.txt", false),
        ("{macros,replies}/**/*.liquid", "replies/refunds/late.liquid", true), ("{macros,replies}/**/*.liquid", "other/late.liquid", false),
        ("./docs/*.md", "docs/a.md", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }
}
