import Foundation
import Testing

@Suite struct EmailCLITests {
    static func lines(_ s: String) -> [[String: Any]] {
        s.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func weekMboxAsNDJSON() throws {
        let r = try CLI.run(["Corpus/email/week.mbox", "--format", "ndjson"])
        #expect(r.status == 0, "\(r.stderr)")
        let docs = Self.lines(r.stdout)
        #expect(docs.count == 10)
        let meta = docs.compactMap { $0["metadata"] as? [String: Any] }
        #expect(meta.map { $0["index"] as? String } == (1...10).map { String($0) })
        #expect(meta.allSatisfy { $0["messageId"] is String && $0["from"] is String && $0["date"] is String && $0["subject"] is String })
        #expect(docs[3]["id"] as? String == "<week-004@northwind.example>")
        let f = (docs[3]["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "tone.condescension" }
        #expect(f != nil)
        #expect(f?["line"] as? Int == 57)
        // Quoted, forwarded, signature and disclaimer text is not reported, but roles show.
        for d in docs {
            for f in (d["findings"] as? [[String: Any]]) ?? [] {
                #expect(["body", "subject"].contains(f["role"] as? String ?? ""))
            }
        }
        let roles = Set(docs.flatMap { (($0["segments"] as? [[String: Any]]) ?? []).compactMap { $0["role"] as? String } })
        #expect(roles.isSuperset(of: ["subject", "body", "quoted", "forwarded", "signature", "disclaimer"]))
    }

    @Test func weekMboxTextHasAHeaderLinePerMessage() throws {
        let r = try CLI.run(["Corpus/email/week.mbox", "--color", "never"])
        #expect(r.stdout.contains("Corpus/email/week.mbox#4: <week-004@northwind.example> · from Jordan Mills <jordan.mills@northwind.example> · 2026-11-24T16:50:00+00:00 · “Export broken”\n"))
        #expect(r.stdout.contains("Corpus/email/week.mbox:57:15: warning:"))
        #expect(r.stdout.contains("10 documents:"))
    }

    @Test func mboxFromStdinAndForcedInput() throws {
        let data = try Data(contentsOf: CLI.root.appendingPathComponent("Corpus/email/week.mbox"))
        let r = try CLI.run(["--format", "ndjson"], stdinData: data)
        #expect(Self.lines(r.stdout).count == 10)
        let eml = try Data(contentsOf: CLI.root.appendingPathComponent("Corpus/email/curt-draft.eml"))
        let asText = try CLI.run(["--format", "ndjson", "--input", "text"], stdinData: eml)
        #expect(Self.lines(asText.stdout).first?["format"] as? String == "text")
        let asEmail = try CLI.run(["--format", "ndjson"], stdinData: eml)
        #expect(Self.lines(asEmail.stdout).first?["format"] as? String == "email")
        let bad = try CLI.run(["--input", "carrier-pigeon"], stdin: "x")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("email, mbox, maildir"))
    }

    @Test func allInputJSONWithRoles() throws {
        let r = try CLI.run(["Corpus/email/html-only-gmail.eml", "--format", "json", "--include-quoted"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let doc = (obj?["documents"] as? [[String: Any]])?.first
        let roles = ((doc?["findings"] as? [[String: Any]]) ?? []).compactMap { $0["role"] as? String }
        #expect(roles.contains("quoted"))
        #expect(roles.contains("signature"))
    }

    @Test func maildirFolder() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = dir.appendingPathComponent("Inbox")
        for sub in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(at: md.appendingPathComponent(sub), withIntermediateDirectories: true) }
        try Data("From: a@x.example\nMessage-ID: <a@x>\nSubject: a\n\nThis is obviously late.\n".utf8).write(to: md.appendingPathComponent("cur/1.M1.host:2,S"))
        try Data("From: b@x.example\nMessage-ID: <b@x>\nSubject: b\n\nThanks for the help.\n".utf8).write(to: md.appendingPathComponent("new/2.M2.host"))
        try Data("Subject: c\n\nin delivery\n".utf8).write(to: md.appendingPathComponent("tmp/3.M3.host"))
        let r = try CLI.run([md.path, "--format", "ndjson"])
        let docs = Self.lines(r.stdout)
        #expect(docs.map { $0["id"] as? String } == ["<b@x>", "<a@x>"])
        #expect(docs.allSatisfy { $0["format"] as? String == "email" })
        // A folder that contains a maildir finds its messages too.
        let r2 = try CLI.run([dir.path, "--format", "ndjson"])
        #expect(Self.lines(r2.stdout).count == 2)
    }

    @Test func fixRewritesAPlainEmailBodyInPlace() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("fix.json5")
        try Data("""
            { pack: "t", rules: [{ id: "t.asap", category: "demand", severity: "warning", kind: "substitution",
              swap: { "ASAP": "by Friday" }, message: "vague deadline", why: "Say when.", weight: 5,
              examples: { trigger: ["Send it ASAP."], clean: ["Send it by Friday."] } }] }
            """.utf8).write(to: rules)
        let eml = dir.appendingPathComponent("draft.eml")
        let original = "From: a@x.example\r\nSubject: Report asap\r\nContent-Type: text/plain\r\n\r\nPlease send the report asap.\r\n\r\nOn Mon, Dana wrote:\r\n> I need it asap.\r\n"
        try Data(original.utf8).write(to: eml)
        let r = try CLI.run([eml.path, "--fix", "--no-default-rules", "--rules", rules.path])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let fixed = try String(contentsOf: eml, encoding: .utf8)
        // Subject and body fixed; the quoted line and the headers untouched, CRLF kept.
        #expect(fixed == original.replacingOccurrences(of: "Report asap", with: "Report by Friday").replacingOccurrences(of: "report asap.", with: "report by Friday."))
    }

    @Test func badMessagesWarnAndTheBatchGoesOn() throws {
        let mbox = "From a@x Mon Nov 23 09:00:00 2026\nMessage-ID: <cut@x>\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n\nhalf\n\nFrom b@x Mon Nov 23 10:00:00 2026\nMessage-ID: <ok@x>\n\nThis is obviously fine.\n"
        let r = try CLI.run(["--format", "ndjson", "--stdin-filename", "box.mbox"], stdin: mbox)
        #expect(Self.lines(r.stdout).count == 2)
        #expect(r.stderr.contains("box.mbox:6: warning: message 1 <cut@x>: multipart boundary 'zz' is never closed"))
    }
}
