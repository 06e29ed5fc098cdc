import Foundation
import Testing
@testable import ToneCheck

@Suite struct MIMETests {
    @Test func htmlTagKindsByPackedNameMatchTheTable() {
        let names = Array(HTMLText.tagKinds.keys) + ["", "span", "a", "b", "font", "o:p", "blockquotes", "brr", "h7", "tbody2", "x-custom-tag"]
        for n in names {
            #expect(HTMLText.tagKind(n) == (HTMLText.tagKinds[n] ?? []), "\(n)")
        }
    }

    static let nested = EmailTestSupport.message([
        "From: ops@x.example", "Subject: nested", "Content-Type: multipart/mixed; boundary=outer", "",
        "preamble is ignored",
        "--outer",
        "Content-Type: multipart/alternative; boundary=\"inner\"", "",
        "--inner",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable", "",
        "Plain caf=C3=A9 text.",
        "--inner",
        "Content-Type: text/html", "",
        "<p>HTML text.</p>",
        "--inner--",
        "--outer",
        "Content-Type: image/png; name=\"chart.png\"",
        "Content-Transfer-Encoding: base64", "",
        "iVBORw0KGgo=",
        "--outer",
        "Content-Type: text/plain", "Content-Disposition: attachment; filename=\"notes.txt\"", "",
        "attached notes, not checked",
        "--outer--",
        "epilogue is ignored",
    ])

    @Test func nestedMultipartTree() {
        var p = MIMEParser()
        let root = p.parse(Self.nested)
        #expect(root.contentType == "multipart/mixed")
        #expect(root.children.map(\.contentType) == ["multipart/alternative", "image/png", "text/plain"])
        #expect(root.children[0].children.map(\.contentType) == ["text/plain", "text/html"])
        #expect(p.warnings.isEmpty)
        #expect(MIMEParser.plainTextParts(root, in: Self.nested) == ["Plain café text.", "attached notes, not checked"])
    }

    @Test func alternativePrefersPlainAndAttachmentsAreListed() {
        let d = EmailReader.read(Self.nested)
        let body = d.segments.filter { $0.role == .body }.map(\.string)
        #expect(body == ["Plain café text."])
        #expect(d.metadata.attachments == ["chart.png", "notes.txt"])
        #expect(!d.segments.contains { $0.string.contains("attached notes") })
        #expect(d.warnings.isEmpty)
    }

    @Test func alternativeFallsBackToHTML() {
        let m = EmailTestSupport.message([
            "Content-Type: multipart/alternative; boundary=b", "", "--b", "Content-Type: text/html; charset=utf-8", "",
            "<div>Only &amp; HTML<br>here</div>", "--b--",
        ])
        let d = EmailReader.read(m)
        #expect(d.segments.map(\.string) == ["Only & HTML\nhere\n"])
        #expect(d.segments[0].sourceMap.anchors[0].byteOffset == nil)
        #expect(d.segments[0].sourceMap.anchors[0].line == 6)  // the HTML part's first body line
    }

    @Test func messageRFC822IsForwarded() {
        let m = EmailTestSupport.message([
            "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", "See below.",
            "--b", "Content-Type: message/rfc822", "", "From: someone@x.example", "Subject: inner", "", "Inner text.", "--b--",
        ])
        let d = EmailReader.read(m)
        #expect(d.segments.map(\.role) == [.body, .forwarded])
        #expect(d.segments[1].string == "Inner text.")
    }

    @Test func plainBodyPositionsAreExact() {
        let m = EmailTestSupport.message(["From: a@x.example", "Subject: s", "", "Line one.", "Line two."], crlf: true)
        let d = EmailReader.read(m)
        let body = d.segments[1]
        #expect(body.role == .body)
        let p = body.sourceMap.position(of: 5, in: body.text)  // "one."
        #expect(p.line == 4)
        #expect(p.column == 6)
        #expect(p.byteOffset.map { String(decoding: m[$0..<($0 + 4)], as: UTF8.self) } == "one.")
        // The subject maps to its header line and column.
        #expect(d.segments[0].sourceMap.position(of: 0, in: d.segments[0].text) == SourcePosition(line: 2, column: 10, byteOffset: 28))
    }

    @Test func missingBoundaryRecoversText() {
        let m = EmailTestSupport.message(["Subject: x", "Content-Type: multipart/mixed", "", "Just text."])
        let d = EmailReader.read(m)
        #expect(d.segments.last?.string == "Just text.")
        #expect(d.warnings.contains { $0.message.contains("no boundary") })
    }

    @Test func wrongBoundaryRecoversText() {
        let m = EmailTestSupport.message(["Content-Type: multipart/mixed; boundary=right", "", "--wrong", "Content-Type: text/plain", "", "Text.", "--wrong--"])
        let d = EmailReader.read(m)
        #expect(d.segments.map(\.string).joined().contains("Text."))
        #expect(d.warnings.contains { $0.message.contains("not found in the body") })
    }

    @Test func truncatedMultipartKeepsWhatArrived() {
        let m = EmailTestSupport.message(["Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", "First part is here.", "--b", "Content-Type: text/plain", "", "Second part is cut"])
        let d = EmailReader.read(m)
        #expect(d.segments.map(\.string) == ["First part is here.", "Second part is cut"])
        #expect(d.warnings.contains { $0.message.contains("never closed") })
    }

    @Test func unknownCharsetAndTransferEncodingWarn() {
        let m = EmailTestSupport.message(["Content-Type: text/plain; charset=x-unknown-thing", "Content-Transfer-Encoding: x-weird", "", "Hello."])
        let d = EmailReader.read(m)
        #expect(d.segments.map(\.string) == ["Hello."])
        #expect(d.warnings.contains { $0.message.contains("unknown content-transfer-encoding 'x-weird'") })
        #expect(d.warnings.contains { $0.message.contains("unknown charset 'x-unknown-thing'") })
    }

    @Test func nulBytesAreReadAsSpaces() {
        var m = EmailTestSupport.message(["Subject: nul", "", "a"])
        m += [0, 0x62]
        let d = EmailReader.read(m)
        #expect(d.segments.last?.string == "a b")
        #expect(d.warnings.contains { $0.message.contains("NUL") })
    }

    /// Found by fuzzing the pipeline: "Don't forget to" with NUL bytes between the words
    /// reads as a match, but a fix there would replace the NUL bytes too, so none is offered.
    @Test func noFixIsOfferedOverNULBytes() throws {
        var m = EmailTestSupport.message(["Subject: nul", "", "Don't"])
        m += [0x20, 0, 0, 0] + Array("forget to send it.\n".utf8)
        let r = try ToneChecker.standard().report(EmailReader.read(m))
        let swap = try #require(r.findings.first { $0.ruleID == "word-choice.positive-swap" })
        #expect(swap.match == "Don't    forget to")
        #expect(swap.fix == nil)
    }

    @Test func base64BodyIsDecodedWithBodyLineAnchor() {
        let m = EmailTestSupport.message(["Subject: b", "Content-Transfer-Encoding: base64", "", "SGVsbG8sCndvcmxkIQ=="])
        let d = EmailReader.read(m)
        #expect(d.segments[1].string == "Hello,\nworld!")
        // "world!" decodes from the one encoded line, the 4th of the message.
        let p = d.segments[1].sourceMap.position(of: 7, in: d.segments[1].text)
        #expect(p == SourcePosition(line: 4, column: 1, byteOffset: nil))
    }
}

@Suite struct HTMLTextTests {
    @Test func tagsEntitiesAndBlocks() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><!-- c --><p>One &amp; two&nbsp;&lt;3&#8217;s &#x41;</p><div>Block</div>inline <b>bold</b><br/>next<ul><li>a</li><li>b</li></ul><script>var x = '<p>';</script><table><tr><td>c1</td><td>c2</td></tr></table></body></html>"
        let r = HTMLText.convert(Array(html.utf8))
        #expect(String(decoding: r.text, as: UTF8.self) == "One & two <3’s A\n\nBlock\ninline bold\nnext\na\nb\nc1 c2\n")
    }

    @Test func quoteContainersBecomeZones() {
        let html = "<div>Mine.</div><div class=\"gmail_signature\">Dana</div><div class=\"gmail_quote\"><div>On Mon, X wrote:</div><blockquote>Theirs.</blockquote></div>"
        let r = HTMLText.convert(Array(html.utf8))
        let text = String(decoding: r.text, as: UTF8.self)
        #expect(text == "Mine.\nDana\nOn Mon, X wrote:\nTheirs.\n")
        let zones = EmailZoner.zones(r.text, forced: r.zones)
        let roles = zones.map { ($0.role, String(decoding: r.text[$0.range], as: UTF8.self)) }
        #expect(roles.map(\.0) == [.body, .signature, .quoted])
        #expect(roles[2].1 == "On Mon, X wrote:\nTheirs.\n")
    }

    @Test func outlookReplyDivQuotesToTheEnd() {
        let html = "<p>Approved.</p><div id=\"divRplyFwdMsg\"><b>From:</b> Kim</div><div>Old text.</div>"
        let r = HTMLText.convert(Array(html.utf8))
        let zones = EmailZoner.zones(r.text, forced: r.zones)
        #expect(zones.map(\.role) == [.body, .quoted])
        #expect(String(decoding: r.text[zones[1].range], as: UTF8.self) == "From: Kim\nOld text.\n")
    }

    @Test func brokenHTMLIsReadable() {
        let r = HTMLText.convert(Array("a < b and <unclosed <div>c &bogus; &amp".utf8))
        // "<unclosed <div>" is one tag (its attributes run to ">"), as in browsers.
        #expect(String(decoding: r.text, as: UTF8.self) == "a < b and c &bogus; &\n")
    }
}
