import Foundation
import Testing

@testable import ToneCheck

/// Findings in decoded bodies (base64, quoted-printable, HTML) point at the file line where
/// their text is written, never past the end of the file.
@Suite struct BodyLinesTests {
    static let headers = ["From: a@example.com", "To: b@example.com", "Subject: x", "MIME-Version: 1.0"]

    /// The file line (1-based) of the first finding of `rule` in `message`.
    static func line(of rule: String, in message: String) -> Int? {
        let report = ToneChecker(ruleSet: try! RuleSet.builtin()).report(EmailReader.read(Array(message.utf8)))
        return report.findings.first { $0.ruleID == rule }?.start.line
    }

    /// The 1-based line of the first line of `message` containing `needle`.
    static func fileLine(of needle: String, in message: String) -> Int {
        message.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    @Test func quotedPrintableSoftBreaksDoNotShiftLines() throws {
        let message = (Self.headers + [
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
            "Hi team, this line is long enough to be wrapped by the mail client with a =",
            "soft break, and =", "another.", "", "Send me the report ASAP=2E", "Thanks",
        ]).joined(separator: "\n")
        #expect(Self.line(of: "demand.urgency", in: message) == Self.fileLine(of: "ASAP", in: message))
    }

    @Test func base64LinesAreTheEncodedLinesHoldingTheText() throws {
        // Many short decoded lines in few encoded ones: counting decoded lines ran past
        // the end of the file.
        let body = "Hi team,\n\nSend me the report ASAP.\n\nThanks\n" + (1...20).map { "line \($0)\n" }.joined() + "Send it NOW!!!\n"
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let message = (Self.headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]).joined(separator: "\n")
            + "\n" + encoded + "\n"
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        let encodedLines = lines.indices.filter { !lines[$0].isEmpty && !lines[$0].contains(":") }.map { $0 + 1 }
        // The encoded line (76 characters, 57 bytes) holding the group a decoded byte is in.
        func encodedLine(of needle: String) -> Int {
            let offset = body.utf8.count - body[body.range(of: needle)!.lowerBound...].utf8.count
            return encodedLines[offset / 3 * 4 / 76]
        }
        #expect(Self.line(of: "demand.urgency", in: message) == encodedLine(of: "ASAP"))
        #expect(Self.line(of: "tone.punctuation-run", in: message) == encodedLine(of: "!!!"))
        #expect(encodedLine(of: "!!!") > encodedLines.first!)
    }

    @Test func htmlLinesFollowTheMarkup() throws {
        let message = (Self.headers + [
            "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
            "<html><head><style>p { color: red; }</style></head>", "<body>", "<p>Hi team,</p>",
            "<p>Thanks for the quick turnaround on the refund queue this morning, it made a real diff=",
            "erence to the customers waiting.</p>", "<div>Send me the report ASAP.</div>", "<div><br></div>",
            "<div>Send it NOW!!!</div>", "</body></html>",
        ]).joined(separator: "\n")
        #expect(Self.line(of: "demand.urgency", in: message) == Self.fileLine(of: "ASAP", in: message))
        #expect(Self.line(of: "tone.punctuation-run", in: message) == Self.fileLine(of: "NOW!!!", in: message))
    }

    /// A long decoded line spans several encoded lines: each part of it gets its own.
    @Test func aLongBase64LineSpansItsEncodedLines() throws {
        let body = "Hi team, " + String(repeating: "the queue is long today and everyone is working through it. ", count: 6) + "Send me the report ASAP.\n"
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let message = (Self.headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]).joined(separator: "\n")
            + "\n" + encoded + "\n"
        let offset = body.utf8.count - body[body.range(of: "ASAP")!.lowerBound...].utf8.count
        let first = Self.headers.count + 4  // the first encoded line
        #expect(Self.line(of: "demand.urgency", in: message) == first + offset / 3 * 4 / 76)
        #expect(offset / 3 * 4 / 76 >= 4)
    }

    @Test func plainBodiesInAnotherCharsetKeepTheirLines() throws {
        var bytes = Array((Self.headers + ["Content-Type: text/plain; charset=iso-8859-1", "", "Caf\u{E9} team,", "", "Send me the report ASAP.", ""]).joined(separator: "\n").utf8)
        // The é as one Latin-1 byte.
        let e = bytes.firstIndex(of: 0xC3)!
        bytes.replaceSubrange(e...(e + 1), with: [0xE9])
        let report = ToneChecker(ruleSet: try RuleSet.builtin()).report(EmailReader.read(bytes))
        #expect(report.findings.first { $0.ruleID == "demand.urgency" }?.start.line == 9)  // the 9th line: 5 headers, a blank, 2 body lines
    }

    /// Every message of the corpus and of the shared email data: no finding lies past the
    /// last line of its file.
    @Test func noFindingLiesPastTheEndOfItsFile() throws {
        var files = try FileManager.default.subpathsOfDirectory(atPath: EmailTestSupport.root.appendingPathComponent("Corpus").path)
            .filter { $0.hasSuffix(".eml") }.map { EmailTestSupport.root.appendingPathComponent("Corpus").appendingPathComponent($0) }
        if let shared = EmailTestSupport.sharedData("email") {
            files += try FileManager.default.subpathsOfDirectory(atPath: shared.path).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".eml") }
                .map { shared.appendingPathComponent($0) }
        }
        #expect(files.count > 10)
        let checker = ToneChecker(ruleSet: try RuleSet.builtin())
        var checked = 0
        for url in files {
            let bytes = try [UInt8](Data(contentsOf: url))
            let lineCount = bytes.filter { $0 == 0x0A }.count + (bytes.last == 0x0A ? 0 : 1)
            let report = checker.report(EmailReader.read(bytes))
            for f in report.findings {
                checked += 1
                #expect(f.start.line >= 1 && f.start.line <= max(1, lineCount), "\(url.lastPathComponent): \(f.ruleID) at line \(f.start.line) of \(lineCount)")
            }
        }
        #expect(checked > 0)
    }
}
