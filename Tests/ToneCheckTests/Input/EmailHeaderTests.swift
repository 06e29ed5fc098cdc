import Foundation
import Testing
@testable import ToneCheck

@Suite struct EmailHeaderTests {
    @Test func foldedHeadersAreUnfolded() {
        let m = EmailTestSupport.message(["Subject: a long", "  subject line", "\tover three lines", "From: a@b.example", "", "body"], crlf: true)
        let h = HeaderBlock.parse(m, start: 0, end: m.count)
        #expect(h["Subject"] == "a long subject line over three lines")
        #expect(h.first("subject")?.folded == true)
        #expect(h.first("From")?.line == 4)
        #expect(h.bodyLine == 6)
        #expect(Array(m[h.bodyOffset...]) == Array("body".utf8))
    }

    @Test func missingBlankLineEndsHeaderAtFirstNonHeaderLine() {
        let m = EmailTestSupport.message(["From: a@b.example", "Subject: x", "this is the body", "more"])
        let h = HeaderBlock.parse(m, start: 0, end: m.count)
        #expect(h.fields.count == 2)
        #expect(h.bodyLine == 3)
        #expect(h.malformedLines == 1)
    }

    @Test func truncatedHeaderIsFlagged() {
        let m = EmailTestSupport.message(["From: a@b.example", "Subject: cut off"])
        let h = HeaderBlock.parse(m, start: 0, end: m.count)
        #expect(h.truncated)
        #expect(h["Subject"] == "cut off")
    }

    @Test(arguments: [
        ("=?UTF-8?Q?Tomorrow=E2=80=99s_window?=", "Tomorrow’s window"),
        ("=?iso-8859-1?q?Ren=E9e?= Dupont", "Renée Dupont"),
        ("=?ISO-8859-1?B?UulzdW3p?=", "Résumé"),
        ("=?utf-8?b?8J+YgA==?= smile", "😀 smile"),
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),  // whitespace between encoded words is dropped
        ("=?UTF-8?Q?a?= plain =?UTF-8?Q?b?=", "a plain b"),
        ("=?windows-1252?Q?it=92s?=", "it’s"),
        ("=?iso-8859-15?Q?=A4uro?=", "€uro"),
        ("=?UTF-8*en?Q?lang_tag?=", "lang tag"),
        ("=?bogus", "=?bogus"),
        ("no words here", "no words here"),
    ])
    func encodedWords(_ raw: String, _ expected: String) {
        #expect(EncodedWords.decode(Array(raw.utf8)[...]) == expected)
    }

    @Test func rawUTF8AndLatin1HeadersAreDecoded() {
        #expect(EncodedWords.decode(Array("Café".utf8)[...]) == "Café")
        #expect(EncodedWords.decode([0x43, 0x61, 0x66, 0xE9][...]) == "Café")  // 8-bit Latin-1 in a header
    }

    @Test func contentTypeParameters() {
        let p = HeaderParameters(Array("Multipart/Mixed; Boundary=\"==a b;c==\"; charset=UTF-8 (comment)".utf8))
        #expect(p.value == "multipart/mixed")
        #expect(p.params["boundary"] == "==a b;c==")
        let q = HeaderParameters(Array("attachment; filename*0*=utf-8''r%C3%A9sum; filename*1=\"e.pdf\"".utf8))
        #expect(q.value == "attachment")
        #expect(q.params["filename"] == "résume.pdf")
    }

    @Test(arguments: [
        ("Mon, 23 Nov 2026 09:15:00 +0100", "2026-11-23T08:15:00Z", 3600),
        ("23 Nov 2026 09:15 -0500", "2026-11-23T14:15:00Z", -18000),
        ("Mon, 23 Nov 26 09:15:00 GMT", "2026-11-23T09:15:00Z", 0),
        ("Tue, 1 Dec 2026 9:05:07 PST", "2026-12-01T17:05:07Z", -28800),
        ("Mon, 23 Nov 2026 09:15:00 +0000 (UTC)", "2026-11-23T09:15:00Z", 0),
        ("Monday, November 23, 2026 9:15 AM +0000", "2026-11-23T09:15:00Z", 0),
        ("2026-11-23T09:15:00Z", "2026-11-23T09:15:00Z", 0),
        ("2026-11-23T09:15:00+05:30", "2026-11-23T03:45:00Z", 19800),
        ("Sun, 11 Jul 2004 16:09:27 -0300", "2004-07-11T19:09:27Z", -10800),
    ])
    func dates(_ text: String, _ utc: String, _ offset: Int) throws {
        let p = try #require(EmailDate.parse(text))
        #expect(ISO8601.string(p.date, offset: nil) == utc)
        #expect(p.offsetSeconds == offset)
    }

    @Test func dateWithoutZoneHasNoOffsetAndNonsenseIsNil() {
        #expect(EmailDate.parse("23 Nov 2026 09:15:00")?.offsetSeconds == nil)
        #expect(EmailDate.parse("next tuesday") == nil)
        #expect(EmailDate.parse("") == nil)
    }

    @Test func strictDateReaderAgreesWithTheWordByWordOne() {
        // The fast path takes only the strict form, and must answer exactly as the general
        // reader does; near misses (every one of these) must fall through to it.
        var texts = [
            "Mon, 23 Nov 2026 09:15:00 +0100", "23 Nov 2026 09:15 -0500", "  Tue, 1 Dec 2026 23:59:59 -0000  ",
            "Sun, 11 Jul 2004 16:09:27 -0300 (BRT)", "Mon, 23 Nov 2026 09:15:00 +0000 (UTC)", "Wed, 31 Dec 1999 00:00:00 +1400",
            "Mon, 23 Nov 2026 09:15:60 +0100", "Mon, 23 Nov 2026 24:15:00 +0100", "Mon, 23 Nov 2026 09:75:00 +0100",
            "Mon, 0 Nov 2026 09:15:00 +0100", "Mon, 32 Nov 2026 09:15:00 +0100", "Mon, 23 Nov 0999 09:15:00 +0100",
            "Mon, 23 Nov 26 09:15:00 +0100", "Mon,  23 Nov 2026 09:15:00 +0100", "Mon 23 Nov 2026 09:15:00 +0100",
            "Xyz, 23 Nov 2026 09:15:00 +0100", "Mon, 23 November 2026 09:15:00 +0100", "Mon, 23 Nov 2026 9:15:00 +0100",
            "Mon, 23 Nov 2026 09:15:00 GMT", "Mon, 23 Nov 2026 09:15:00 +0100 GMT", "Mon, 23 Nov 2026 09:15:00 +0100 (a (b) c)",
            "Mon, 23 Nov 2026 09:15:00 +01000", "Mon, 23 Nov 2026 09:15:00 +0199", "MON, 23 NOV 2026 09:15:00 -0800",
            "Mon, 23 Xyz 2026 09:15:00 +0100", "Mon, 23 Nov 2026 09:15:00.5 +0100", "Mon, 23 Nov 2026 09:15:00 +0100 (UTC",
        ]
        for d in [1, 9, 10, 28, 31] { for m in ["Jan", "feb", "MAR", "Sep", "Dec"] { texts.append("Fri, \(d) \(m) 2026 07:08:09 +0530") } }
        for t in texts {
            let fast = t.utf8.withContiguousStorageIfAvailable { EmailDate.strict($0) } ?? nil
            let slow = EmailDate.parseWords(t)
            if let fast {
                #expect(fast.date == slow?.date && fast.offsetSeconds == slow?.offsetSeconds, "\(t)")
            }
            #expect(EmailDate.parse(t)?.date == slow?.date && EmailDate.parse(t)?.offsetSeconds == slow?.offsetSeconds, "\(t)")
        }
        #expect(("Mon, 23 Nov 2026 09:15:00 +0100".utf8.withContiguousStorageIfAvailable { EmailDate.strict($0) } ?? nil) != nil)
    }

    @Test(arguments: [
        "Dana Ops <dana@x.example>", "dana@x.example", "\"Dana Ops\" <dana@x.example>", "dana@x.example (Dana Ops)", "<dana@x.example>",
        " Dana <d@x>", "Dana  <d@x>", "Dana < d@x>", "Dana <d@x >", "Dana <d@x> ", "Dana <>", "D <d@x>", "a<b <c@d>", "Dana <d>x>",
        "Dana\t<d@x>", "x <", "<", ">", "Dana <d@x", "d@x (", "d@x ()", "\"Dana\"<d@x>", "Dana \"D\" Ops <d@x>", "(c) d@x",
    ])
    func displayFastPathChangesNothing(_ s: String) {
        #expect(EmailReader.display(s) == EmailReader.rebuiltDisplay(s))
        if s.utf8.withContiguousStorageIfAvailable({ EmailReader.isDisplayForm($0) }) == true {
            #expect(EmailReader.rebuiltDisplay(s) == s)
        }
    }

    @Test func addresses() {
        #expect(EmailReader.addresses("\"Lee, Marcus\" <m@x.example>, dana@x.example; (ops, team) kim@x.example") == ["\"Lee, Marcus\" <m@x.example>", "dana@x.example", "(ops, team) kim@x.example"])
        #expect(EmailReader.display("\"Dana Ops\" <dana@x.example>") == "Dana Ops <dana@x.example>")
        #expect(EmailReader.display("dana@x.example (Dana Ops)") == "Dana Ops <dana@x.example>")
        #expect(EmailReader.display("<dana@x.example>") == "dana@x.example")
    }

    @Test func metadataFromHeaders() {
        let m = EmailTestSupport.message([
            "From: =?UTF-8?Q?Ren=C3=A9e?= <renee@x.example>", "To: a@x.example, \"B, C\" <b@x.example>", "Cc: c@x.example",
            "Subject: =?UTF-8?Q?Caf=C3=A9?= plan", "Date: Tue, 24 Nov 2026 16:50:00 -0500", "Message-ID: <id-1@x.example>",
            "In-Reply-To: <id-0@x.example>", "", "Hello.",
        ])
        let d = EmailReader.read(m)
        #expect(d.metadata.from == "Renée <renee@x.example>")
        #expect(d.metadata.to == ["a@x.example", "B, C <b@x.example>"])
        #expect(d.metadata.cc == ["c@x.example"])
        #expect(d.metadata.subject == "Café plan")
        #expect(d.metadata.dateText == "Tue, 24 Nov 2026 16:50:00 -0500")
        #expect(d.metadata.dateOffsetSeconds == -18000)
        #expect(d.metadata.date.map { ISO8601.string($0, offset: nil) } == "2026-11-24T21:50:00Z")
        #expect(d.metadata.messageID == "<id-1@x.example>")
        #expect(d.metadata.inReplyTo == "<id-0@x.example>")
        #expect(d.id == "<id-1@x.example>")
        #expect(d.format == "email")
        // The subject is a segment (scored), decoded, not byte-exact.
        #expect(d.segments.first?.role == .subject)
        #expect(d.segments.first?.string == "Café plan")
        #expect(d.segments.first?.sourceMap.anchors.first?.byteOffset == nil)
    }
}

@Suite struct TransferEncodingTests {
    @Test func quotedPrintable() {
        let qp = "caf=C3=A9 soft=\nbreak=20\ntrailing   \n=3D sign, bad =ZZ, lower =e2=80=99\r\nend="
        let out = String(decoding: TransferEncoding.quotedPrintable(Array(qp.utf8)[...]), as: UTF8.self)
        #expect(out == "café softbreak \ntrailing\n= sign, bad =ZZ, lower ’\nend")
    }

    @Test func base64() {
        let r = TransferEncoding.base64(Array("SGVs\r\nbG8s IHdv\ncmxk IQ==".utf8)[...])
        #expect(String(decoding: r.bytes, as: UTF8.self) == "Hello, world!")
        #expect(r.clean)
        let bad = TransferEncoding.base64(Array("SGVsbG8*".utf8)[...])
        #expect(String(decoding: bad.bytes, as: UTF8.self) == "Hello")
        #expect(!bad.clean)
        // Unpadded input still decodes.
        #expect(TransferEncoding.base64(Array("SGk".utf8)[...]).bytes == Array("Hi".utf8))
    }
}

@Suite struct CharsetTests {
    /// The sized-array decoder writes each byte's code point as UTF-8 exactly as the
    /// standard library encodes it.
    @Test func singleByteCharsetsDecodeEveryByteToItsCodePoint() {
        let all: [UInt8] = (0...255).map { UInt8($0) }
        let mixed: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0x80, 0x92, 0xA4, 0xBE, 0xFF, 0x0A, 0x9D]
        let inputs: [[UInt8]] = [all, mixed, Array(all.reversed()), [0x80]]
        for s in [Charset.Single.latin1, .latin9, .cp1252] {
            for bytes in inputs {
                let scalars = bytes.map { Unicode.Scalar(Charset.codePoint($0, s))! }
                #expect(Charset.decodeSingle(bytes[...], s, name: "x").text == Array(String(String.UnicodeScalarView(scalars)).utf8), "\(s)")
            }
        }
    }

    @Test func singleByteCodePoints() {
        #expect(Charset.codePoint(0x41, .latin1) == 0x41)
        #expect(Charset.codePoint(0xE9, .latin1) == 0xE9)
        #expect(Charset.codePoint(0x92, .latin1) == 0x2019)  // C1 read as Windows-1252
        #expect(Charset.codePoint(0x81, .cp1252) == 0xFFFD)  // unassigned in Windows-1252
        #expect(Charset.codePoint(0xA4, .latin9) == 0x20AC)
        #expect(Charset.codePoint(0xA4, .latin1) == 0xA4)
        #expect(Charset.codePoint(0x92, .latin9) == 0x92)
    }

    @Test(arguments: ["UTF-8", " \"ISO-8859-1\" ", "utf-8*en", "'Windows-1252'", "", "*", "x*y*z", "Ünïcode*x", "*\u{301}a"])
    func charsetNamesNormaliseAsCharactersWould(_ name: String) {
        var n = ByteText.lowerString(ByteText.trim(Array(name.utf8)[...]).filter { $0 != 0x22 && $0 != 0x27 })
        if let star = n.firstIndex(of: "*") { n = String(n[..<star]) }
        #expect(Charset.normalise(name) == n)
    }

    @Test(arguments: [
        ("utf-8", [0x63, 0x61, 0x66, 0xC3, 0xA9] as [UInt8], "café", true),
        ("US-ASCII", [0x68, 0x69], "hi", true),
        ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9], "café", false),
        ("ISO-8859-15", [0xA4, 0x35], "€5", false),
        ("windows-1252", [0x93, 0x68, 0x69, 0x94], "“hi”", false),
        ("\"Latin1\"", [0xE9], "é", false),
        ("iso-8859-2", [0xB1], "ą", false),
        ("windows-1251", [0xCF, 0xF0, 0xE8], "При", false),
        ("koi8-r", [0xF0, 0xD2, 0xC9], "При", false),
        ("Big5", [0xA4, 0xA4], "中", false),
    ])
    func decodes(_ charset: String, _ bytes: [UInt8], _ expected: String, _ exact: Bool) {
        let d = Charset.decode(bytes[...], charset: charset)
        #expect(String(decoding: d.text, as: UTF8.self) == expected)
        #expect(d.exact == exact)
        #expect(d.warning == nil)
    }

    @Test func unknownCharsetWarnsAndFallsBack() {
        let d = Charset.decode([0x63, 0x61, 0x66, 0xE9][...], charset: "x-klingon")
        #expect(String(decoding: d.text, as: UTF8.self) == "café")
        #expect(d.warning?.contains("unknown charset 'x-klingon'") == true)
        let u = Charset.decode(Array("café".utf8)[...], charset: "x-klingon")
        #expect(String(decoding: u.text, as: UTF8.self) == "café")
    }

    @Test func mislabelledUTF8Warns() {
        let d = Charset.decode([0x63, 0x61, 0x66, 0xE9][...], charset: "utf-8")
        #expect(String(decoding: d.text, as: UTF8.self) == "café")
        #expect(d.warning != nil)
        #expect(!d.exact)
    }
}
