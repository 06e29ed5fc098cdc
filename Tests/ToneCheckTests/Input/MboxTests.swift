import Foundation
import Testing
@testable import ToneCheck

@Suite struct MboxTests {
    static let mbox = """
        From dana@x.example Mon Nov 23 09:00:00 2026
        From: Dana <dana@x.example>
        Subject: one
        Message-ID: <one@x.example>

        First body.
        >From the start, mboxo escaped this line.
        >>From here, mboxrd escaped this one twice.

        From kim@x.example Tue Nov 24 10:00:00 2026
        From: Kim <kim@x.example>
        Subject: two
        Message-ID: <two@x.example>

        Second body obviously.

        """

    static func split(_ text: String, chunk: Int) -> [MboxSplitter.Message] {
        let bytes = Array(text.utf8)
        var s = MboxSplitter(path: "t.mbox")
        var out: [MboxSplitter.Message] = []
        var i = 0
        while i < bytes.count {
            s.feed(bytes[i..<min(bytes.count, i + chunk)]) { out.append($0) }
            i += chunk
        }
        s.finish { out.append($0) }
        return out
    }

    @Test(arguments: [1, 7, 64, 1 << 20])
    func splitsAtFromLinesWhateverTheChunkSize(_ chunk: Int) {
        let msgs = Self.split(Self.mbox, chunk: chunk)
        #expect(msgs.count == 2)
        #expect(msgs.map { $0.origin.index } == [1, 2])
        #expect(msgs.map { $0.origin.line } == [2, 11])
        let first = String(decoding: msgs[0].bytes, as: UTF8.self)
        #expect(first.hasPrefix("From: Dana"))
        #expect(first.hasSuffix("twice.\n"))  // the separating blank line is dropped
        #expect(first.contains("\nFrom the start, mboxo"))  // >From unescaped
        #expect(first.contains("\n>From here, mboxrd"))  // >>From → >From
        #expect(msgs[0].origin.unescapedLines.count == 2)
        #expect(msgs[1].origin.byteOffset == Array(Self.mbox.utf8).count - Array("From: Kim <kim@x.example>\nSubject: two\nMessage-ID: <two@x.example>\n\nSecond body obviously.\n".utf8).count)
    }

    @Test func positionsPointIntoTheMboxFile() throws {
        let bytes = Array(Self.mbox.utf8)
        var docs: [Document] = []
        InputReader.read(bytes, path: "t.mbox", format: .mbox) { if case .document(let d) = $0 { docs.append(d) } }
        #expect(docs.count == 2)
        #expect(docs[1].metadata.extra["index"] == "2")
        #expect(docs[1].metadata.messageID == "<two@x.example>")
        let r = ToneChecker(ruleSet: try RuleSet.standard()).report(docs[1])
        let f = try #require(r.findings.first { $0.ruleID == "tone.condescension" })
        #expect(f.start.line == 15)
        #expect(f.start.column == 13)
        #expect(f.start.byteOffset.map { String(decoding: bytes[$0..<($0 + 9)], as: UTF8.self) } == "obviously")
        // An unescaped line: its segment text lost a ">", the original position still holds.
        let body = try #require(docs[0].segments.first { $0.string.contains("From the start") })
        let off = try #require(body.string.range(of: "From the start")).lowerBound.utf16Offset(in: body.string)
        let p = body.sourceMap.position(of: off + 5, in: body.text)  // "the"
        #expect(p.line == 7)
        #expect(p.column == 7)
        #expect(p.byteOffset.map { String(decoding: bytes[$0..<($0 + 3)], as: UTF8.self) } == "the")
    }

    @Test func mboxWithoutBlankLineBeforeFromUsesThePostmarkTime() {
        let t = "From a@x Mon Nov 23 09:00:00 2026\nSubject: a\n\nbody a\nFrom b@x Mon Nov 23 10:00:00 2026\nSubject: b\n\nbody b\n"
        #expect(Self.split(t, chunk: 5).count == 2)
        // A body line "From here on..." after text (no blank line, no time) is not a separator.
        let u = "From a@x Mon Nov 23 09:00:00 2026\nSubject: a\n\nbody a\nFrom here on we agree.\n"
        #expect(Self.split(u, chunk: 5).count == 1)
        // Nor is one after a blank line that names no sender and has no postmark time.
        let v = "From a@x Mon Nov 23 09:00:00 2026\nSubject: a\n\nbody a\n\nFrom the start, we agreed at 10:30.\n"
        #expect(Self.split(v, chunk: 3).count == 1)
        // A sender after a blank line is enough, even without a time.
        let w = "From a@x Mon Nov 23 2026\nSubject: a\n\nbody a\n\nFrom b@x Mon Nov 23 2026\nSubject: b\n\nbody b\n"
        #expect(Self.split(w, chunk: 3).count == 2)
    }

    @Test func detection() {
        #expect(InputFormat.detect(Array("From a@x Mon Nov 23 09:00:00 2026\n".utf8)[...], path: nil) == .mbox)
        #expect(InputFormat.detect(Array("Return-Path: <a@x>\nReceived: by x\nSubject: y\n\nbody".utf8)[...], path: nil) == .email)
        #expect(InputFormat.detect(Array("MIME-Version: 1.0\nContent-Type: text/plain\n\nbody".utf8)[...], path: nil) == .email)
        #expect(InputFormat.detect(Array("From: Dana\nI think this is fine.\n".utf8)[...], path: nil) == .text)
        #expect(InputFormat.detect(Array("Subject: just one header line\n\nbody".utf8)[...], path: nil) == .text)
        #expect(InputFormat.detect(Array("Hello team,\nplease look.\n".utf8)[...], path: nil) == .text)
        #expect(InputFormat.detect(Array("Hello".utf8)[...], path: "a.eml") == .email)
    }

    @Test func streamingFromAFileHandleKeepsOnlyOneMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-mbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("big.mbox")
        var text = ""
        for i in 1...300 { text += "From a@x Mon Nov 23 09:00:00 2026\nMessage-ID: <m\(i)@x>\nSubject: \(i)\n\n" + String(repeating: "Body line for message \(i).\n", count: 200) + "\n" }
        try Data(text.utf8).write(to: url)
        let fh = try FileHandle(forReadingFrom: url)
        var ids: [String] = []
        let whole = try InputReader.read(fileHandle: fh, path: url.path, format: nil) { if case .document(let d) = $0 { ids.append(d.metadata.messageID ?? "") } }
        #expect(whole == nil)  // streamed, not read whole
        #expect(ids.count == 300)
        #expect(ids.first == "<m1@x>" && ids.last == "<m300@x>")
    }
}

@Suite struct MaildirTests {
    @Test func readsCurAndNewNotTmp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-maildir-\(UUID().uuidString)")
        let fm = FileManager.default
        for sub in ["cur", "new", "tmp"] { try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
        defer { try? fm.removeItem(at: dir) }
        try Data("Subject: a\n\nA.\n".utf8).write(to: dir.appendingPathComponent("cur/1700000000.M1P1.host:2,S"))
        try Data("Subject: b\n\nB.\n".utf8).write(to: dir.appendingPathComponent("new/1700000001.M2P2.host"))
        try Data("Subject: c\n\nC.\n".utf8).write(to: dir.appendingPathComponent("tmp/1700000002.M3P3.host"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("cur/.hidden"))
        #expect(Maildir.isMaildir(dir.path))
        #expect(!Maildir.isMaildir(dir.appendingPathComponent("cur").path))
        let paths = Maildir.messagePaths(in: dir.path)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["1700000001.M2P2.host", "1700000000.M1P1.host:2,S"])
    }

    /// Messages when fed whole, and when fed in chunks of `size`.
    static func split(_ bytes: [UInt8], chunk size: Int?) -> [MboxSplitter.Message] {
        var out: [MboxSplitter.Message] = []
        var s = MboxSplitter(path: "t.mbox")
        var i = 0
        let step = size ?? max(1, bytes.count)
        while i < bytes.count {
            s.feed(bytes[i..<min(bytes.count, i + step)]) { out.append($0) }
            i += step
        }
        s.finish { out.append($0) }
        return out
    }

    /// Found by the mbox fuzzer: a first line over 1 KB, before any separator, was skipped
    /// when it arrived in pieces, so the leading message lost its first line. A `>From `
    /// line over 1 KB lost its unescaping the same way.
    @Test(arguments: [1, 71, 500, 1023, 1025, 4096])
    func longLinesSplitTheSameInChunks(_ size: Int) {
        let long = String(repeating: "x@dot.ca.gov, ", count: 100)
        let texts = [
            "Frg.python.org \(long)\nmore content\n\nFrom a@b.c Mon Nov 23 09:00:00 2026\nSubject: two\n\nbody\n",
            "From a@b.c Mon Nov 23 09:00:00 2026\nSubject: one\n\n>From here \(long)\nend\n\nFrom a@b.c Mon Nov 23 09:00:00 2026\n\nlast\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let whole = Self.split(bytes, chunk: nil), pieces = Self.split(bytes, chunk: size)
            #expect(whole.count == pieces.count)
            for (a, b) in zip(whole, pieces) {
                #expect(a.bytes == b.bytes, "chunks of \(size)")
                #expect(a.origin.line == b.origin.line && a.origin.byteOffset == b.origin.byteOffset)
                #expect(a.origin.unescapedLines == b.origin.unescapedLines)
            }
        }
        // The leading content is a message of its own, from its first line.
        #expect(Self.split(Array(texts[0].utf8), chunk: size).first.map { $0.bytes.starts(with: Array("Frg.".utf8)) } == true)
        // The `>From ` line is unescaped whether or not it arrived whole.
        #expect(Self.split(Array(texts[1].utf8), chunk: size).first.map { String(decoding: $0.bytes, as: UTF8.self).contains("\nFrom here") } == true)
    }
}
