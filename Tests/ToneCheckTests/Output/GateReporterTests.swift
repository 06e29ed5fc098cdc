import Foundation
import Testing
@testable import ToneCheck
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct GateReporterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/sarif/sarif-2.1.0.json` relative to the package root (or, for a
    /// git worktree one level deeper, the folder above that), when present.
    static var sarifSchema: URL? {
        for up in ["..", "../.."] {
            let u = root.appendingPathComponent(up).appendingPathComponent("shared/data/sarif/sarif-2.1.0.json").standardizedFileURL
            if FileManager.default.fileExists(atPath: u.path) { return u }
        }
        return nil
    }

    func reports() -> [DocumentReport] {
        let a = "Hi {{ name }},\nIt is obviously your fault.\nReply ASAP, \"now\" & <soon>.\n"
        let docA = TemplateReader.read(Array(a.utf8), path: "replies/100% done, really: yes.hbs")
        var r = [GateSupport.checker().report(docA)]
        r.append(GateSupport.checker().report(TemplateReader.read(Array("All good here.".utf8), path: "ok.txt")))
        r.append(DocumentReport.failed(id: "x", path: "broken.jsonl", line: 3, message: "not valid JSON"))
        return r
    }

    func render(_ reporter: inout some Reporter) -> String {
        var out = reporter.begin()
        var summary = RunSummary()
        for r in reports() {
            summary.add(r)
            out += reporter.document(r)
        }
        return out + reporter.end(summary)
    }

    @Test func sarifHasRulesLevelsRegionsAndFixes() throws {
        var rep = SARIFReporter(catalog: RuleCatalog(GateSupport.ruleSet))
        let out = render(&rep)
        let obj = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(obj["version"] as? String == "2.1.0")
        let run = (obj["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == ["tone.condescension", "tone.blame", "demand.asap"])
        #expect((rules[1]["fullDescription"] as? [String: Any])?["text"] as? String == "Blame puts people on the defensive.")
        let results = run["results"] as! [[String: Any]]
        #expect(results.map { $0["level"] as! String } == ["warning", "error", "warning"])
        let loc = ((results[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
        #expect((loc["artifactLocation"] as! [String: Any])["uri"] as? String == "replies/100%25%20done,%20really%3A%20yes.hbs")
        let region = loc["region"] as! [String: Any]
        #expect(region["startLine"] as? Int == 2)
        #expect(region["startColumn"] as? Int == 7)
        #expect(region["endColumn"] as? Int == 16)
        #expect(region["byteOffset"] as? Int == 21)
        #expect(region["byteLength"] as? Int == 9)
        let fix = (results[2]["fixes"] as! [[String: Any]])[0]
        let replacement = (((fix["artifactChanges"] as! [[String: Any]])[0]["replacements"] as! [[String: Any]])[0])
        #expect((replacement["insertedContent"] as! [String: Any])["text"] as? String == "BY FRIDAY")
        #expect((replacement["deletedRegion"] as! [String: Any])["byteLength"] as? Int == 4)
        let invocation = (run["invocations"] as! [[String: Any]])[0]
        #expect(invocation["executionSuccessful"] as? Bool == false)
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        guard let schema = GateReporterTests.sarifSchema else {
            print("note: ../shared/data/sarif/sarif-2.1.0.json is absent; SARIF schema validation skipped")
            return
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import jsonschema"]
        check.standardError = FileHandle.nullDevice
        try? check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            print("note: python3 with jsonschema is not available (pip install jsonschema); SARIF schema validation skipped")
            return
        }
        var rep = SARIFReporter(catalog: RuleCatalog(GateSupport.ruleSet))
        let out = render(&rep)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-\(UUID().uuidString).sarif")
        try Data(out.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))", file.path, schema.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(message.suffix(2000))")
    }

    @Test func githubCommandsAreEscaped() {
        var rep = GitHubReporter()
        let lines = render(&rep).split(separator: "\n").map(String.init)
        #expect(lines.contains("::warning file=replies/100%25 done%2C really%3A yes.hbs,line=2,col=7,endLine=2,endColumn=15,title=tone.condescension::“obviously” talks down"))
        #expect(lines.contains { $0.hasPrefix("::error file=replies/100%25 done%2C really%3A yes.hbs,line=2,col=17,") && $0.contains("title=tone.blame::") })
        #expect(lines.contains("::error file=broken.jsonl,line=3,title=tonecheck::not valid JSON"))
        #expect(GitHubReporter.data("50%\r\nx") == "50%25%0D%0Ax")
        var stdin = GitHubReporter()
        let doc = TemplateReader.read(Array("Obviously.".utf8), path: nil)
        #expect(stdin.document(GateSupport.checker().report(doc)).hasPrefix("::warning line=1,col=1,endLine=1,endColumn=9,title=tone.condescension::"))
        #expect(GitHubReporter.command(.info) == "notice")
    }

    #if canImport(FoundationXML) || os(macOS)
    @Test func junitIsWellFormedWithFailuresPerFinding() throws {
        var rep = JUnitReporter(failOn: .warning)
        let out = render(&rep)
        let xml = try XMLDocument(data: Data(out.utf8))
        let suite = try xml.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement
        #expect(suite?.attribute(forName: "tests")?.stringValue == "3")
        #expect(suite?.attribute(forName: "failures")?.stringValue == "3")
        #expect(suite?.attribute(forName: "errors")?.stringValue == "1")
        let cases = try xml.nodes(forXPath: "//testcase")
        #expect(cases.count == 3)
        #expect((cases[0] as? XMLElement)?.attribute(forName: "name")?.stringValue == "replies/100% done, really: yes.hbs")
        #expect(try xml.nodes(forXPath: "//testcase[1]/failure").count == 3)
        #expect(try xml.nodes(forXPath: "//testcase[2]/failure").isEmpty)
        #expect(try xml.nodes(forXPath: "//testcase[3]/error").count == 1)
        var errorsOnly = JUnitReporter(failOn: .error)
        let xml2 = try XMLDocument(data: Data(render(&errorsOnly).utf8))
        #expect(try xml2.nodes(forXPath: "//failure").count == 1)
    }

    @Test func checkstyleIsWellFormed() throws {
        var rep = CheckstyleReporter()
        let xml = try XMLDocument(data: Data(render(&rep).utf8))
        let errors = try xml.nodes(forXPath: "//file[1]/error").compactMap { $0 as? XMLElement }
        #expect(errors.map { $0.attribute(forName: "source")?.stringValue ?? "" } == ["tonecheck.tone.condescension", "tonecheck.tone.blame", "tonecheck.demand.asap"])
        #expect(errors.map { $0.attribute(forName: "line")?.stringValue ?? "" } == ["2", "2", "3"])
        #expect(errors[2].attribute(forName: "severity")?.stringValue == "warning")
        #expect(try xml.nodes(forXPath: "//file").count == 3)
    }
    #endif

    @Test func sarifURIs() {
        #expect(SARIFReporter.uri("./a b/c.hbs") == "a%20b/c.hbs")
        #expect(SARIFReporter.uri("/srv/t/x.md") == "file:///srv/t/x.md")
        #expect(SARIFReporter.uri("<stdin>") == "stdin")
    }

    @Test func xmlEscaping() {
        #expect(XML.escape("a<b>&\"c'\u{1}\n") == "a&lt;b&gt;&amp;&quot;c&apos;&#10;")
    }
}
