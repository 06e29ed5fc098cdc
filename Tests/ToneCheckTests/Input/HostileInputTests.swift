import Foundation
import Testing
@testable import ToneCheck

/// Hostile input, generated here rather than stored: every case is read, checked and
/// reported (JSON that parses) without a crash, with a warning where something was lost
/// or skipped. Email-specific cases are in HostileEmailTests. (No timing assertions: a
/// quadratic path shows up as a test that does not finish.)
@Suite struct HostileInputTests {
    static let checker = try! ToneChecker.standard()

    /// Reads `bytes` as `format` (nil: detect), checks every document and renders it as
    /// NDJSON; returns the reports. Fails the test when the JSON does not parse.
    @discardableResult
    func run(_ bytes: [UInt8], format: InputFormat?, path: String? = nil) -> [DocumentReport] {
        var reports: [DocumentReport] = []
        var reporter = JSONReporter(lines: true, ruleSet: Self.checker.ruleSet)
        InputReader.read(bytes, path: path, format: format) { item in
            let r: DocumentReport
            switch item {
            case .document(let d): r = Self.checker.report(d)
            case .failure(let id, let line, let message): r = DocumentReport.failed(id: id, path: path, line: line, message: message)
            }
            let json = reporter.document(r)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(format?.rawValue ?? "detect"): NDJSON does not parse")
            reports.append(r)
        }
        return reports
    }

    // MARK: invalid and overlong UTF-8, NUL bytes

    /// Overlong encodings (C0 AF, E0 80 AF, F0 80 80 AF), UTF-16 surrogates (ED A0 80),
    /// bytes that never appear in UTF-8 (F5–FF), lone continuation bytes, truncated
    /// sequences, NUL bytes.
    static let badUTF8: [UInt8] = [0xC0, 0xAF, 0x20, 0xE0, 0x80, 0xAF, 0x20, 0xF0, 0x80, 0x80, 0xAF, 0x20, 0xED, 0xA0, 0x80, 0x20,
                                   0xF5, 0xFF, 0xFE, 0x20, 0x80, 0xBF, 0x20, 0xE2, 0x82, 0x20, 0xF0, 0x9F, 0x98, 0x00, 0x00, 0x20]

    static func hostileText(_ wrap: (String) -> String = { $0 }) -> [UInt8] {
        let parts = wrap("Send me the numbers ASAP. @@BAD@@This is obviously wrong.@@BAD@@ Thanks").components(separatedBy: "@@BAD@@")
        var out: [UInt8] = []
        for (i, p) in parts.enumerated() {
            if i > 0 { out += badUTF8 }
            out += Array(p.utf8)
        }
        return out
    }

    @Test(arguments: [InputFormat?.none] + InputFormat.allCases.map { Optional($0) })
    func invalidOverlongUTF8AndNULsInEveryFormat(_ format: InputFormat?) {
        let inputs: [[UInt8]] = [
            Self.hostileText(),
            Self.hostileText { "From: a@x.example\nSubject: x\n\n\($0)\n" },
            Self.hostileText { "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>\($0)\n" },
            Self.hostileText { "{\"id\": \"1\", \"text\": \"\($0)\"}\n" },
            Self.badUTF8 + Self.badUTF8,
        ]
        for input in inputs {
            let reports = run(input, format: format)
            for r in reports { #expect(r.score.overall.isFinite || r.error != nil) }
        }
    }

    @Test func invalidUTF8InPlainTextWarnsAndStillChecks() throws {
        let r = try #require(run(Self.hostileText(), format: .text).first)
        #expect(r.warnings.contains { $0.message.contains("invalid UTF-8") })
        #expect(r.findings.contains { $0.ruleID == "tone.condescension" })
        // Findings after the bad bytes still point at the right bytes.
        let bytes = Self.hostileText()
        for f in r.findings {
            if let a = f.start.byteOffset, let b = f.end.byteOffset {
                #expect(String(decoding: bytes[a..<b], as: UTF8.self) == f.match)
            }
        }
    }

    @Test func nulBytesInTextAndTranscripts() throws {
        let text = Array("Please\u{0} send\u{0}\u{0} this, it is obviously wrong\u{0}\n".utf8)
        let r = try #require(run(text, format: .text).first)
        #expect(r.findings.contains { $0.ruleID == "tone.condescension" })
        let transcript = Array("Dana: hi\u{0}\u{0} there\nSam: obviously\u{0} not\n".utf8)
        let t = try #require(run(transcript, format: .transcript).first)
        #expect(t.document.segments.count == 2)
    }

    // MARK: very long lines and very large inputs

    /// A 10 MB line in each format that keeps a line whole: it is read and checked (a
    /// phrase after it is still found), and regex rules skip it with a warning.
    @Test func tenMegabyteLineInTextTranscriptAndCaptions() throws {
        let long = String(repeating: "b", count: 10 << 20)
        let cases: [(InputFormat, String)] = [
            (.text, "Start \(long) this is obviously wrong\n"),
            (.transcript, "Dana: \(long) this is obviously wrong\n"),
            (.vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>\(long) this is obviously wrong\n"),
            (.srt, "1\n00:00:01,000 --> 00:00:02,000\n\(long) this is obviously wrong\n"),
        ]
        for (format, text) in cases {
            let r = try #require(run(Array(text.utf8), format: format).first)
            #expect(r.findings.contains { $0.ruleID == "tone.condescension" }, "\(format)")
            #expect(r.warnings.contains { $0.message.contains("regex rules skipped") }, "\(format)")
        }
    }

    /// 100 MB of one repeated character, no newline: a single 100 MB word. Read, checked
    /// (nothing to find) and warned about; each stage is linear, so this takes seconds
    /// even in a debug build.
    @Test func hundredMegabytesOfOneCharacter() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        let r = try #require(run(bytes, format: nil, path: "big.txt").first)
        #expect(r.findings.filter { !$0.isCredit }.isEmpty)
        #expect(r.warnings.contains { $0.message.contains("regex rules skipped") })
        #expect(r.score.overall.isFinite)
    }

    // MARK: MIME

    /// 100,000 boundary lines in one multipart body: parts past the cap are skipped with
    /// a warning; the first parts are read.
    @Test func hundredThousandBoundaries() throws {
        var m = Array("From: a@x.example\nContent-Type: multipart/mixed; boundary=\"b\"\n\n".utf8)
        let part = Array("--b\nContent-Type: text/plain\n\nok\n".utf8)
        m.reserveCapacity(m.count + part.count * 100_000 + 8)
        for _ in 0..<100_000 { m += part }
        m += Array("--b--\n".utf8)
        let r = try #require(run(m, format: .email).first)
        #expect(r.warnings.contains { $0.message.contains("MIME parts") })
        #expect(!r.document.segments.isEmpty)
    }

    /// 100,000 boundaries with nothing between them (empty parts, no headers).
    @Test func hundredThousandEmptyParts() throws {
        var m = Array("Content-Type: multipart/alternative; boundary=z\n\n".utf8)
        for _ in 0..<100_000 { m += Array("--z\n".utf8) }
        let r = try #require(run(m, format: .email).first)
        #expect(!r.warnings.isEmpty)
    }

    // MARK: transcripts

    /// A WebVTT file with `count` cues (a million: about 45 MB), built byte by byte.
    static func millionCueVTT(count: Int) -> [UInt8] {
        var b = Array("WEBVTT\n\n".utf8)
        b.reserveCapacity(48 << 20)
        func two(_ n: Int) { b.append(0x30 + UInt8(n / 10)); b.append(0x30 + UInt8(n % 10)) }
        func time(_ i: Int) {
            let s = i % 36_000
            two(s / 3600); b.append(0x3A); two(s / 60 % 60); b.append(0x3A); two(s % 60)
            b.append(0x2E); b.append(0x30 + UInt8(i % 1000 / 100)); two(i % 100)
        }
        let arrow = Array(" --> ".utf8), voice = Array("<v S".utf8), text = Array(">ok then\n\n".utf8)
        for i in 0..<count {
            time(i); b += arrow; time(i); b.append(0x0A)
            b += voice; b.append(0x30 + UInt8(i % 7)); b += text
        }
        return b
    }

    /// A million cues are read into a million turns of one document, which is checked
    /// (linear: under a minute in a debug build, most of it the checker's per-turn passes).
    @Test func vttWithAMillionCues() throws {
        guard case .success(let doc) = TranscriptReader.read(Self.millionCueVTT(count: 1_000_000), format: .vtt, path: "big.vtt") else {
            Issue.record("a million-cue VTT did not parse")
            return
        }
        #expect(doc.segments.count == 1_000_000)
        #expect(doc.segments.last?.speaker == "S\(999_999 % 7)")
        #expect(doc.segments.last?.string == "ok then")
        let r = Self.checker.report(doc)
        #expect(r.score.overall.isFinite)
        #expect(r.speakers?.turns == 1_000_000)
        #expect(r.speakers?.speakers.count == 7)
    }

    // MARK: deeply nested JSON

    static func nested(_ depth: Int, open: String, close: String, inner: String = "1") -> String {
        String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
    }

    /// JSON lines nested 100,000 deep (arrays, objects, and inside "text"'s neighbour):
    /// each line is an error naming the line, the other lines are still read.
    @Test func deeplyNestedJSONLines() {
        let lines = [
            "{\"id\": \"ok1\", \"text\": \"This is obviously wrong\"}",
            Self.nested(100_000, open: "[", close: "]"),
            Self.nested(100_000, open: "{\"a\":", close: "}"),
            "{\"id\": \"deep\", \"text\": \"x\", \"meta\": \(Self.nested(100_000, open: "[", close: "]"))}",
            "{\"id\": \"ok2\", \"text\": \"fine\"}",
        ]
        let reports = run(Array(lines.joined(separator: "\n").utf8), format: .jsonl, path: "deep.jsonl")
        #expect(reports.count == 5)
        #expect(reports.first?.document.id == "ok1" && reports.last?.document.id == "ok2")
        for r in reports[1...3] { #expect(r.error != nil) }
    }

    /// A rule file nested 100,000 deep is a clear error naming the file, not a crash.
    @Test(arguments: ["[", "{\"a\":", "{rules: ["])
    func deeplyNestedRuleFile(_ open: String) {
        let close = open == "[" ? "]" : open == "{\"a\":" ? "}" : "]}"
        let text = Self.nested(100_000, open: open, close: close, inner: open == "{rules: [" ? "" : "1")
        do {
            _ = try RuleSet(packs: [try RuleLoader.parse(Data(text.utf8), path: "deep.json5")])
            Issue.record("a 100,000-deep rule file was accepted")
        } catch {
            #expect(error.localizedDescription.hasPrefix("deep.json5"), "got: \(error.localizedDescription)")
        }
    }

    /// Transcribe JSON nested 100,000 deep is an error, not a crash.
    @Test func deeplyNestedTranscribeJSON() {
        let text = "{\"results\": {\"items\": " + Self.nested(100_000, open: "[", close: "]") + "}}"
        let reports = run(Array(text.utf8), format: .transcribeJSON)
        #expect(reports.count == 1)
        #expect(reports.first?.error != nil)
    }

    // MARK: mbox

    /// An mbox whose messages have no headers at all: each is still a document, its text
    /// checked as the body, with a warning.
    @Test func mboxMessagesWithoutHeaders() throws {
        var box = ""
        for i in 0..<1000 {
            box += "From sender\(i)@example.com Mon Nov 23 09:15:00 2026\n"
            box += i % 2 == 0 ? "This is obviously wrong, message \(i).\n\n" : "\nNo header block either, \(i).\n\n"
        }
        let reports = run(Array(box.utf8), format: nil, path: "no-headers.mbox")
        #expect(reports.count == 1000)
        #expect(reports[0].findings.contains { $0.ruleID == "tone.condescension" })
        #expect(reports.allSatisfy { !$0.document.segments.isEmpty })
        #expect(reports.allSatisfy { !$0.warnings.isEmpty })
    }
}
