import Foundation
import Testing
@testable import ToneCheck

/// Hostile and broken input: every case gives a document (with a warning where something
/// was lost) and finishes — the parsers are linear, nesting and part counts are capped.
/// (No timing assertions: a quadratic algorithm shows up as a test that does not finish.)
@Suite struct HostileEmailTests {
    @Test func tenMegabyteLine() {
        var m = Array("From: a@x.example\nSubject: long\nContent-Type: text/plain\n\nStart ".utf8)
        m += [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        m += Array(" obviously end\n".utf8)
        let d = EmailReader.read(m)
        #expect(d.segments.last?.text.count == 10 << 20 + 21)
        let r = ToneChecker(ruleSet: try! RuleSet.standard()).report(d)
        #expect(r.findings.contains { $0.ruleID == "tone.condescension" })
    }

    @Test func tenMegabyteHTMLLineAndHeader() {
        var m = Array("Subject: ".utf8) + [UInt8](repeating: UInt8(ascii: "s"), count: 1 << 20)
        m += Array("\nContent-Type: text/html\n\n<div class=\"".utf8)
        m += [UInt8](repeating: UInt8(ascii: "<"), count: 10 << 20)
        let d = EmailReader.read(m)
        #expect(d.metadata.subject?.count == 1 << 20)
        #expect(!d.segments.isEmpty)
    }

    @Test func tenThousandNestedParts() {
        var m = Array("From: a@x.example\nMessage-ID: <deep@x>\nContent-Type: multipart/mixed; boundary=b0\n\n".utf8)
        let depth = 10_000
        for i in 0..<depth {
            m += Array("--b\(i)\nContent-Type: multipart/mixed; boundary=b\(i + 1)\n\n".utf8)
        }
        m += Array("--b\(depth)\nContent-Type: text/plain\n\ndeep text\n--b\(depth)--\n".utf8)
        for i in stride(from: depth - 1, through: 0, by: -1) { m += Array("--b\(i)--\n".utf8) }
        let d = EmailReader.read(m)
        #expect(d.warnings.contains { $0.message.contains("nested deeper than") })
        #expect(d.metadata.messageID == "<deep@x>")
    }

    @Test func tenThousandSiblingParts() {
        var m = Array("Content-Type: multipart/mixed; boundary=b\n\n".utf8)
        for i in 0..<10_000 { m += Array("--b\nContent-Type: text/plain\n\npart \(i)\n".utf8) }
        m += Array("--b--\n".utf8)
        let d = EmailReader.read(m)
        #expect(d.warnings.contains { $0.message.contains("more than 5000 MIME parts") })
        #expect(d.segments.count >= 4000)
        #expect(d.segments.first?.string == "part 0")
    }

    @Test func tenThousandNestedHTMLElements() {
        let html = String(repeating: "<blockquote><div>", count: 10_000) + "x" + String(repeating: "</div></blockquote>", count: 10_000)
        let r = HTMLText.convert(Array(html.utf8))
        #expect(String(decoding: r.text, as: UTF8.self) == "x\n")
    }

    @Test func tenThousandSiblingQuoteContainers() {
        let html = String(repeating: "<blockquote>quoted line</blockquote><div>own line</div>", count: 10_000)
        let r = HTMLText.convert(Array(html.utf8))
        let zones = EmailZoner.zones(r.text, forced: r.zones)
        #expect(zones.count == 20_000)
        #expect(zones.first?.role == .quoted && zones.last?.role == .body)
    }

    @Test func nulBytesAndGarbage() {
        var m = Array("Subject: nul\u{0}here\nContent-Type: text/plain; charset=utf-8\n\n".utf8)
        for i in 0..<100_000 { m.append(UInt8(truncatingIfNeeded: i &* 2654435761 >> 7)) }
        let d = EmailReader.read(m)
        #expect(!d.segments.isEmpty)
        #expect(!d.warnings.isEmpty)
    }

    @Test func truncatedMessagesInAnMboxNameTheMessage() {
        let mbox = "From a@x Mon Nov 23 09:00:00 2026\nMessage-ID: <ok@x>\nSubject: fine\n\nFine.\n\nFrom b@x Mon Nov 23 10:00:00 2026\nMessage-ID: <cut@x>\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nhalf a mess"
        var docs: [Document] = []
        InputReader.read(Array(mbox.utf8), path: "t.mbox", format: nil) { if case .document(let d) = $0 { docs.append(d) } }
        #expect(docs.count == 2)
        #expect(docs[0].warnings.isEmpty)
        let w = docs[1].warnings.first?.description ?? ""
        #expect(w.contains("message 2 <cut@x>"))
        #expect(w.contains("never closed"))
        #expect(docs[1].segments.last?.string == "half a mess")
    }

    @Test func emptyAndHeaderOnlyInputs() {
        #expect(EmailReader.read([]).segments.isEmpty)
        let d = EmailReader.read(Array("Subject: only".utf8))
        #expect(d.metadata.subject == "only")
        #expect(d.warnings.contains { $0.message.contains("ends inside its header") })
        var s = MboxSplitter(path: nil)
        var n = 0
        s.feed([][...]) { _ in n += 1 }
        s.finish { _ in n += 1 }
        #expect(n == 0)
    }

    @Test func hugeMboxLineWithoutNewlineStreams() {
        var s = MboxSplitter(path: nil)
        var got: [Int] = []
        s.feed(Array("From a@x Mon Nov 23 09:00:00 2026\nSubject: x\n\n".utf8)[...]) { got.append($0.bytes.count) }
        let chunk = [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 20)
        for _ in 0..<10 { s.feed(chunk[...]) { got.append($0.bytes.count) } }
        s.feed(Array("\n\nFrom b@x Mon Nov 23 09:00:00 2026\nSubject: y\n\nz\n".utf8)[...]) { got.append($0.bytes.count) }
        s.finish { got.append($0.bytes.count) }
        #expect(got.count == 2)
        #expect(got.first == 12 + (10 << 20) + 1)
    }
}
