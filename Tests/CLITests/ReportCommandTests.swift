import Foundation
import Testing

/// End-to-end behaviour of `tonecheck report`: text summary, CSV, HTML page, team files, errors.
@Suite struct ReportCommandTests {
    static let corpus = "Corpus/report/ops-support.jsonl"
    static let teams = "Corpus/report/teams.json5"

    @Test func textSummaryOfTheCorpus() throws {
        let r = try CLI.run(["report", Self.corpus, "--teams", Self.teams])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("26 messages from 7 senders"))
        #expect(r.stdout.contains("weeks 2026-W45 to 2026-W47"))
        #expect(r.stdout.contains("change 2026-W46 → 2026-W47 (ops):"))
        // Sender teams, recipient teams and weeks are all there.
        for line in ["ops            16", "support        10", "2026-W45  2026-11-02         8", "2026-W46  2026-11-09        10", "2026-W47  2026-11-16         8"] {
            #expect(r.stdout.contains(line), "\(line)")
        }
        // The two worst are the hostile reply in the incident week and the weekend call-out
        // (both score about 0, so their order is not asserted).
        let worst = try #require(r.stdout.components(separatedBy: "Worst messages\n--------------\n").last)
        let top = worst.split(separator: "\n").filter { $0.hasPrefix("1. ") || $0.hasPrefix("2. ") }
        #expect(top.count == 2 && top.allSatisfy { $0.contains("hostile") })
        #expect(top.contains { $0.contains("Re: Outage: payments queue") } && top.contains { $0.contains("Weekend on-call") })
    }

    @Test func csvHasOneRowPerMessage() throws {
        let r = try CLI.run(["report", Self.corpus, "--teams", Self.teams, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 27)
        #expect(lines[0] == "id,message_id,date,week,from,from_team,to,to_team,subject,score,label,tone,word_choice,demand,politeness,errors,warnings,infos,top_rule")
        // Sunday 23:30 in New York counts in the sender's own week.
        let weekend = try #require(lines.first { $0.hasPrefix("opsup-08@") })
        #expect(weekend.contains(",2026-11-08T23:30:00-05:00,2026-W45,Marco Ruiz <marco@ops.example.com>,ops,Support <support@support.example.com>,support,Weekend coverage,"))
    }

    @Test func htmlPageIsWrittenAtomically() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.html")
        try Data("old".utf8).write(to: out)
        let r = try CLI.run(["report", Self.corpus, "--teams", Self.teams, "--html", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h2>Worst messages</h2>"))
        #expect(html.contains("Re: Outage: payments queue"))
        #expect(html.components(separatedBy: "<script").count == 2)
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
        // An unwritable destination is an error and leaves nothing behind.
        let bad = try CLI.run(["report", Self.corpus, "--html", dir.appendingPathComponent("missing/report.html").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("tonecheck: error: ") && bad.stderr.contains("missing/report.html"))
    }

    @Test func hostileInputOnStdinStaysText() throws {
        let input = """
            {"id": "<script>alert(1)</script>", "from": "\\"><img src=x onerror=alert(2)> <a@ops.example.com>", "subject": "<script>alert(3)</script>", "date": "2026-11-09T10:00:00Z", "text": "What is wrong with you? <a href=\\"javascript:alert(4)\\">x</a> \\"><img onerror=alert(5)>"}
            {"id": "2", "from": "b@support.example.com", "date": "2026-11-10T10:00:00Z", "text": "=HYPERLINK(\\"http://evil\\")"}
            """
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.html")
        let r = try CLI.run(["report", "-", "--input", "jsonl", "--html", out.path], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<a href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        let csv = try CLI.run(["report", "-", "--input", "jsonl", "--format", "csv"], stdin: input)
        #expect(csv.stdout.contains("\n2,,2026-11-10T10:00:00+00:00,2026-W46,b@support.example.com,other,"))
        #expect(!csv.stdout.contains(",=HYPERLINK"))
    }

    @Test func demandsAreListed() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("demand.json5")
        try Data("""
            { rules: [ {
              id: "demand.short-lead-time", category: "demand", severity: "warning", kind: "phrase",
              phrases: ["in 20 minutes", "by 9am"],
              message: "“{match}” leaves no time to do the work",
              why: "Short deadlines without a reason make people rush.", weight: 10,
              examples: { trigger: ["Send it ↓in 20 minutes."], clean: ["Send it when you can."] },
            } ] }
            """.utf8).write(to: rules)
        let r = try CLI.run(["report", Self.corpus, "--no-default-rules", "--rules", rules.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Demands with unreasonable lead times (2)"))
        #expect(r.stdout.contains("2026-11-06T16:50:00-05:00  Grant Hollis <ops-lead@example.com>  Backlog numbers"))
        #expect(r.stdout.contains("[demand.short-lead-time] “in 20 minutes” leaves no time to do the work"))
    }

    @Test(arguments: [
        (["report", "--format", "json", corpus], "tonecheck report takes --format text or csv"),
        (["--format", "csv"], "--format csv is for 'tonecheck report'"),
        (["--html", "/tmp/x.html"], "--html and --teams are for 'tonecheck report'"),
        (["report", corpus, "--teams", "Corpus/report/nope.json5"], "nope.json5"),
        (["report", "Corpus/report/missing.jsonl"], "missing.jsonl: no such file"),
    ])
    func usageAndInputErrors(_ args: [String], _ fragment: String) throws {
        let r = try CLI.run(args, stdin: "hi")
        #expect(r.status == 2)
        #expect(r.stderr.contains(fragment), "\(r.stderr)")
    }

    @Test func badTeamFileNamesTheLine() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let teams = dir.appendingPathComponent("teams.json5")
        try Data("{\n  teams: {\n    ops: [\"ops team\"],\n  },\n}\n".utf8).write(to: teams)
        let r = try CLI.run(["report", Self.corpus, "--teams", teams.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("teams.json5:3: key 'teams.ops[0]': 'ops team' is neither an address"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func malformedRecordsAreReportedAndCounted() throws {
        let input = "{\"id\": \"a\", \"text\": \"Thanks!\"}\nnot json\n"
        let r = try CLI.run(["report", "-", "--input", "jsonl"], stdin: input)
        #expect(r.status == 2)
        #expect(r.stderr.contains("<stdin>:2: not valid JSON"))
        #expect(r.stdout.contains("2 messages from 1 sender; mean score"))
        #expect(r.stdout.contains("1 unreadable"))
    }

    @Test func jsonlTwinMatchesTheMbox() throws {
        // Corpus/report/ops-support.jsonl is generated from the mbox by Scripts/mbox-to-jsonl.py.
        let mbox = try String(contentsOf: CLI.root.appendingPathComponent("Corpus/report/ops-support.mbox"), encoding: .utf8)
        let jsonl = try String(contentsOf: CLI.root.appendingPathComponent(Self.corpus), encoding: .utf8)
        let ids = mbox.split(separator: "\n").filter { $0.hasPrefix("Message-ID: ") }.map { $0.dropFirst(12) }
        let lines = jsonl.split(separator: "\n")
        #expect(ids.count == 26)
        #expect(lines.count == ids.count)
        for (id, line) in zip(ids, lines) { #expect(line.contains("\"message_id\": \"\(id)\""), "\(id)") }
    }

    /// Whether this build reads mbox files as separate messages (the email reader).
    static let readsMbox: Bool = {
        guard let r = try? CLI.run(["report", "Corpus/report/ops-support.mbox", "--format", "csv"]) else { return false }
        return r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 27
    }()

    /// The same report from the mbox as from its JSONL twin (runs once the mbox reader is in).
    @Test(.enabled(if: readsMbox, "this build reads .mbox as one text document"))
    func mboxReportMatchesTheJSONLReport() throws {
        func rows(_ path: String) throws -> [[String]] {
            let r = try CLI.run(["report", path, "--teams", Self.teams, "--format", "csv"])
            #expect(r.status == 0, "\(r.stderr)")
            // week, from_team, to_team, subject (none of these hold commas or quotes in the corpus)
            return r.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line in
                let f = line.components(separatedBy: ",")
                return [f[3], f[f.count - 14], f[f.count - 12], f[f.count - 11]]
            }
        }
        #expect(try rows("Corpus/report/ops-support.mbox") == rows(Self.corpus))
    }

    static var chromium: String? {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }

    /// Renders the corpus report in headless Chromium (skipped when Chromium is not installed).
    @Test(.enabled(if: chromium != nil, "chromium is not installed; Scripts/render-report.sh installs it"))
    func rendersInHeadlessChromium() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html"), png = dir.appendingPathComponent("report.png")
        let r = try CLI.run(["report", Self.corpus, "--teams", Self.teams, "--html", html.path])
        #expect(r.status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [CLI.root.appendingPathComponent("Scripts/render-report.sh").path, html.path, png.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(output)")
        #expect(output.contains("render-report: ok"))
        let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 10_000)
    }
}
