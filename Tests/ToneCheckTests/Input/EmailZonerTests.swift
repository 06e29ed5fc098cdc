import Foundation
import Testing
@testable import ToneCheck

@Suite struct EmailZonerTests {
    /// Roles with the first words of each zone.
    static func zoned(_ text: String) -> [(SegmentRole, String)] {
        let b = Array(text.utf8)
        return EmailZoner.zones(b).map { ($0.role, String(decoding: b[$0.range], as: UTF8.self)) }
    }

    static func roleOf(_ needle: String, in text: String) -> SegmentRole? {
        zoned(text).first { $0.1.contains(needle) }?.0
    }

    @Test func quotedLines() {
        let t = "Answer.\n> their line\n>> older\nMore answer.\n"
        #expect(Self.zoned(t).map(\.0) == [.body, .quoted, .body])
    }

    @Test(arguments: [
        "On Mon, 23 Nov 2026 at 09:14, Dana <dana@x.example> wrote:\nTheir text.\n",
        "On Mon, Nov 23, 2026 at 9:14 AM Dana Whitfield <dana.whitfield@x.example>\nwrote:\n\nTheir text.\n",
        "On Monday, 23 November 2026,\nDana Whitfield <dana@x.example>\nwrote:\nTheir text.\n",
        "-----Original Message-----\nFrom: Dana\nTheir text.\n",
        "-------- Original Message --------\nTheir text.\n",
        "From: Dana Whitfield\nSent: Monday, November 23, 2026 9:14 AM\nTo: Ops\nSubject: Re: x\n\nTheir text.\n",
        "________________________________\nFrom: Dana Whitfield <dana@x.example>\nDate: Monday\nSubject: x\n\nTheir text.\n",
        "*From:* Dana\n*Sent:* Monday\n*To:* Ops\n\nTheir text.\n",
    ])
    func replyHeadersQuoteEverythingAfter(_ tail: String) {
        let z = Self.zoned("My answer.\n\n" + tail)
        #expect(z.first?.0 == .body)
        #expect(z.first?.1.contains("Their text") == false)
        #expect(Self.roleOf("Their text", in: "My answer.\n\n" + tail) == .quoted)
        #expect(z.count == 2)
    }

    @Test func interleavedReplyKeepsAnswers() {
        let t = "Hi.\n\nOn Mon, Dana wrote:\n> question one?\nAnswer one.\n> question two?\nAnswer two.\n"
        let z = Self.zoned(t)
        #expect(Self.roleOf("On Mon, Dana wrote:", in: t) == .quoted)
        #expect(Self.roleOf("Answer one.", in: t) == .body)
        #expect(Self.roleOf("Answer two.", in: t) == .body)
        #expect(z.filter { $0.0 == .quoted }.count == 2)
    }

    @Test(arguments: [
        "---------- Forwarded message ---------\nFrom: x\nTheir text.\n",
        "Begin forwarded message:\n\n> From: x\n> Their text.\n",
        "----- Forwarded by Dana/Ops on 11/23/2026 -----\nTheir text.\n",
    ])
    func forwards(_ tail: String) {
        #expect(Self.roleOf("Their text", in: "FYI.\n\n" + tail) == .forwarded)
        #expect(Self.roleOf("FYI.", in: "FYI.\n\n" + tail) == .body)
    }

    @Test func signatures() {
        #expect(Self.roleOf("Dana Whitfield", in: "Please review.\n\nThanks,\nDana Whitfield\nOps Lead | Support\n") == .signature)
        #expect(Self.roleOf("Thanks,", in: "Please review.\n\nThanks,\nDana Whitfield\n") == .body)  // the sign-off stays the author's
        #expect(Self.roleOf("Dana", in: "Please review.\n\nBest regards\nDana\n") == .signature)
        #expect(Self.roleOf("tagline", in: "Please review.\n-- \nDana\nsome tagline\n") == .signature)
        #expect(Self.roleOf("Sent from my iPhone", in: "Please review.\n\nSent from my iPhone\n") == .signature)
        // Not a signature: no sign-off, or too many lines, or sentences.
        #expect(Self.roleOf("Dana", in: "Please review.\nDana\n") == .body)
        #expect(Self.roleOf("I will check the queue", in: "Thanks,\nI will check the queue again tomorrow and tell you what I find there.\n") == .body)
        #expect(Self.roleOf("e", in: "Thanks,\na\nb\nc\nd\ne\n") == .body)
    }

    @Test func disclaimers() {
        let t = "Please review.\n\nKim\n\nCONFIDENTIALITY NOTICE: This email is private.\nIf you are not the intended recipient, delete it.\n"
        #expect(Self.roleOf("CONFIDENTIALITY", in: t) == .disclaimer)
        #expect(Self.roleOf("intended recipient", in: t) == .disclaimer)
        #expect(Self.roleOf("Please review.", in: t) == .body)
        let u = "Please review.\n\nThis email and any attachments are confidential and intended solely for the addressee.\n"
        #expect(Self.roleOf("any attachments", in: u) == .disclaimer)
    }

    @Test func plainTextDraftsGetTheSameZoning() {
        let d = PlainTextReader.read(Array("Sure, done.\n\nThanks,\nDana\n\n-----Original Message-----\nobviously wrong\n".utf8))
        #expect(d.segments.map(\.role) == [.body, .signature, .quoted])
        // Positions stay exact.
        let q = d.segments[2]
        #expect(q.sourceMap.position(of: 0, in: q.text) == SourcePosition(line: 6, column: 1, byteOffset: 27))
    }

    @Test func longLinesAreNotHeaders() {
        let long = String(repeating: "x", count: 5000)
        let t = "On " + long + " wrote:\nnext\n"
        #expect(Self.zoned(t).map(\.0) == [.body])
    }

    /// A long text's line table is built in one pass when its lines average 24 bytes or
    /// more, and counted first otherwise: either way the zones are those of a table with
    /// room for exactly its lines, and a table one line short is refused.
    @Test(arguments: [70, 3])
    func aLongTextIsZonedAsWithAnExactTable(_ lineLength: Int) {
        var text = ""
        while text.utf8.count < 100_000 { text += String(repeating: "w", count: lineLength - 1) + "\n" }
        text += "> quoted\n\nThanks,\nDana\n\n-- \nDana Smith\n"
        let bytes = Array(text.utf8)
        let lines = bytes.filter { $0 == 0x0A }.count  // (the text ends with a newline)
        bytes.withUnsafeBufferPointer { b in
            let exact = EmailZoner.zones(bytes, b, lineCapacity: lines, forced: [])
            #expect(exact != nil && EmailZoner.zones(bytes) == exact!)
            #expect(exact.map { $0.map(\.role) } == [.body, .quoted, .body, .signature])
            #expect(EmailZoner.zones(bytes, b, lineCapacity: lines - 1, forced: []) == nil)
        }
    }

    /// Every notice's first four bytes are among the heads a line is screened with, in
    /// either case, and a line that starts a notice is zoned a disclaimer when it starts
    /// with capitals too.
    @Test func everyNoticeStartsWithAHead() {
        for p in EmailZoner.disclaimerBytes {
            let head = (0..<4).reduce(UInt32(0)) { $0 | UInt32(p[$1] | 0x20) << (8 * UInt32($1)) }
            #expect(EmailZoner.disclaimerHeads.contains(head), "\(String(decoding: p, as: UTF8.self))")
        }
        for notice in EmailZoner.disclaimerStarts {
            let t = "Hi,\nplease see below.\n\n" + notice.uppercased() + " and so on.\n"
            #expect(Self.roleOf("and so on", in: t) == .disclaimer, "\(notice)")
        }
    }
}
