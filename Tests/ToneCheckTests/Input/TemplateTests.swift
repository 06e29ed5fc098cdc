import Testing
@testable import ToneCheck

@Suite struct TemplateTests {
    func findings(_ source: String, path: String, syntaxes: TemplateSyntaxes = .all) -> [Finding] {
        let doc = TemplateReader.read(Array(source.utf8), path: path, syntaxes: syntaxes)
        return GateSupport.checker().report(doc).problems
    }

    @Test(arguments: [
        ("Hi {{ obviously }}, thanks.", "a.hbs"),
        ("Hi {{{ obviously }}}, thanks.", "a.hbs"),
        ("Hi {{#if obviously}}there{{/if}}.", "a.mustache"),
        ("Hi ${obviously}, thanks.", "a.txt"),
        ("Hi %OBVIOUSLY%, thanks.", "a.txt"),
        ("Hi [Obviously Name], thanks.", "a.txt"),
        ("{% if obviously %}Hi.{% endif %}", "a.liquid"),
        ("<p class=\"obviously\">Hi.</p>", "a.html"),
        ("Hi.<!-- obviously -->", "a.md"),
        ("{# obviously #}Hi.", "a.j2"),
        ("{% comment %} obviously {% endcomment %}Hi.", "a.liquid"),
        ("{{! obviously }}Hi.", "a.hbs"),
    ])
    func placeholdersAndCommentsAreNotLinted(source: String, path: String) {
        #expect(findings(source, path: path).isEmpty, "\(source)")
    }

    @Test func bothBranchesAreLintedAtTheRightPlace() {
        let source = "{% if vip %}\nYou are obviously valued.\n{% else %}\n  {{ name }}, it is obviously fine. ASAP.\n{% endif %}\n"
        let f = findings(source, path: "reply.liquid")
        #expect(f.map(\.ruleID) == ["tone.condescension", "tone.condescension", "demand.asap"])
        #expect(f.map(\.start.line) == [2, 4, 4])
        for x in f {
            #expect(GateSupport.text(in: source, line: x.start.line, column: x.start.column, count: x.match.count) == x.match)
            #expect(x.start.byteOffset.map { Array(source.utf8)[$0..<($0 + x.match.utf8.count)] }.map { String(decoding: $0, as: UTF8.self) } == x.match)
        }
    }

    @Test func columnsStayRightAfterMultibytePlaceholders() {
        let source = "Hi {{ prénom_élève }} — {{ 名前 }} obviously.\n"
        let f = findings(source, path: "a.hbs")
        #expect(f.count == 1)
        #expect(f.first?.start.column == 34)
        #expect(GateSupport.text(in: source, line: 1, column: f.first!.start.column, count: 9) == "obviously")
    }

    @Test func aSyntaxSwitchedOffIsLintedAsText() {
        #expect(findings("Hi %OBVIOUSLY%.", path: "a.txt", syntaxes: TemplateSyntaxes.all.subtracting(.percent)).count == 1)
        #expect(findings("Hi [Obviously].", path: "a.txt", syntaxes: []).count == 1)
        #expect(findings("Hi {{obviously}}.", path: "a.hbs", syntaxes: [.jinja]).count == 1)
    }

    @Test func markdownLinksAndPercentagesStayText() {
        #expect(findings("See [obviously the docs](https://x.y).", path: "a.md").count == 1)
        #expect(findings("It is 50% obviously done 20%.", path: "a.txt").count == 1)
    }

    @Test func fixesOnTemplatesApplyToTheOriginalBytes() {
        let source = "Hi {{ name }}, reply ASAP please."
        let f = findings(source, path: "a.hbs")
        let fixes = f.compactMap(\.fix)
        #expect(fixes.count == 1)
        let (fixed, applied) = FixApplier.apply(fixes, to: Array(source.utf8))
        #expect(applied == 1)
        #expect(String(decoding: fixed, as: UTF8.self) == "Hi {{ name }}, reply BY FRIDAY please.")
    }

    @Test func formatIsDetectedFromTheExtension() {
        #expect(InputFormat.detect([], path: "x/a.hbs") == .template)
        #expect(InputFormat.detect([], path: "a.txt") == .template)
        #expect(InputFormat.detect([], path: "a.jsonl") == .jsonl)
        #expect(CommentStyle.forPath("a.htm") == .html)
        #expect(CommentStyle.forPath("a.jinja") == .jinja)
        #expect(CommentStyle.forPath("a.handlebars") == .handlebars)
        #expect(CommentStyle.forPath("a.eml") == nil)
    }
}
