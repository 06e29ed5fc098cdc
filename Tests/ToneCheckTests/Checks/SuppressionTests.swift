import Testing
@testable import ToneCheck

@Suite struct SuppressionTests {
    /// Findings left after suppression, as "line:rule", and the unused directives' lines.
    func run(_ source: String, path: String) -> (kept: [String], unused: [Int]) {
        let bytes = Array(source.utf8)
        let doc = TemplateReader.read(bytes, path: path)
        let s = Suppressions(bytes: bytes, path: path)
        var used: [Int] = []
        let r = GateSupport.checker().report(doc) { f in
            let a = s.apply(f)
            used = a.used
            return a.kept
        }
        return (r.problems.map { "\($0.start.line):\($0.ruleID)" }, s.unused(used, path: path).compactMap(\.line))
    }

    @Test(arguments: [
        ("a.html", "<!-- tonecheck-disable-next-line tone.condescension -->"),
        ("a.md", "<!--tonecheck-disable-next-line tone-->"),
        ("a.liquid", "{# tonecheck-disable-next-line tone.condescension #}"),
        ("a.j2", "{% comment %}tonecheck-disable-next-line tone.condescension{% endcomment %}"),
        ("a.hbs", "{{! tonecheck-disable-next-line tone.condescension }}"),
        ("a.mustache", "{{!-- tonecheck-disable-next-line tone.condescension -- reason --}}"),
        ("a.txt", "# tonecheck-disable-next-line tone.condescension"),
        ("a.txt", "// tonecheck-disable-next-line tone.condescension"),
        ("a.txt", "tonecheck-disable-next-line tone.condescension"),
    ])
    func nextLineInEachCommentStyle(path: String, comment: String) {
        let r = run("Obviously one.\n\(comment)\nObviously two. ASAP.\nObviously three.\n", path: path)
        #expect(r.kept == ["1:tone.condescension", "3:demand.asap", "4:tone.condescension"])
        #expect(r.unused.isEmpty)
    }

    @Test func blockDisableEnableAndAll() {
        let source = """
            <!-- tonecheck-disable tone.condescension, demand.asap -->
            Obviously. ASAP. Your fault.
            <!-- tonecheck-enable tone.condescension -->
            Obviously. ASAP.
            <!-- tonecheck-enable demand.asap -->
            ASAP.
            <!-- tonecheck-disable -->
            Obviously your fault.
            """
        #expect(run(source, path: "a.html").kept == ["2:tone.blame", "4:tone.condescension", "6:demand.asap"])
    }

    @Test func disableFileAndUnusedReports() {
        #expect(run("Obviously.\n{{! tonecheck-disable-file }}\nYour fault.\n", path: "a.hbs").kept.isEmpty)
        let r = run("Fine.\n<!-- tonecheck-disable-next-line demand.asap -->\nObviously.\n<!-- tonecheck-disable-file tone.blame -->\n", path: "a.md")
        #expect(r.kept == ["3:tone.condescension"])
        #expect(r.unused == [2, 4])
    }

    @Test func directivesAreNotLintedAndUnknownOnesWarn() {
        let s = Suppressions(bytes: Array("<!-- tonecheck-disabel tone -->\n".utf8), path: "a.html")
        #expect(s.directives.isEmpty)
        #expect(s.diagnostics.first?.message.contains("unknown directive 'tonecheck-disabel'") == true)
        // The rule id inside a comment is never a finding itself.
        #expect(run("<!-- tonecheck-disable-next-line obviously -->\nHi.\n", path: "a.html").kept.isEmpty)
    }

    @Test func allowListMatchesWholeWordsOnly() {
        let allow = AllowList(["your fault line"])
        let doc = TemplateReader.read(Array("The San Andreas is your fault line. It is your fault.".utf8), path: "a.txt")
        let r = GateSupport.checker().report(doc) { allow.filter($0, in: doc) }
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.start.column == 43)
        let partial = AllowList(["fault lines"])
        let r2 = GateSupport.checker().report(doc) { partial.filter($0, in: doc) }
        #expect(r2.problems.count == 2)
    }

    @Test func droppingFindingsRaisesTheScore() {
        let doc = TemplateReader.read(Array("It is obviously your fault.".utf8), path: "a.txt")
        let all = GateSupport.checker().report(doc)
        let some = GateSupport.checker().report(doc) { $0.filter { $0.ruleID != "tone.blame" } }
        #expect(some.score.overall > all.score.overall)
        #expect(some.problems.count == 1)
    }
}
