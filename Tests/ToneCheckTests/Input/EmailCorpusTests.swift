import Foundation
import Testing
@testable import ToneCheck

/// The project's own email corpus (`Corpus/email/`): each `NAME.eml` has `NAME.expect.json5`
/// with a score band, rules that must / must not be reported, phrases that must stay out of
/// the author's zones (`notAuthored`) or in them (`authored`). `week.mbox` has per-message
/// expectations in `week.expect.json5`. Above all: nothing in quoted text, forwards,
/// signatures or disclaimers is reported.
@Suite struct EmailCorpusTests {
    static let folder = EmailTestSupport.root.appendingPathComponent("Corpus/email")
    static let checker = ToneChecker(ruleSet: try! RuleSet.standard())
    static let everything = ToneChecker(ruleSet: try! RuleSet.standard(), options: CheckOptions(includeQuoted: true))

    static var messages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func expectation(_ name: String) throws -> [String: JSONValue] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONValue.parseJSON5(data).objectValue ?? [:]
    }

    static func strings(_ v: JSONValue?) -> [String] { v?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// Checks one document against one expectation object.
    static func check(_ doc: Document, _ e: [String: JSONValue], file: [UInt8], label: String) {
        let report = checker.report(doc)
        let ids = Set(report.problems.map(\.ruleID))
        if let band = e["band"]?.arrayValue?.compactMap(\.numberValue), band.count == 2 {
            #expect(report.score.overall >= band[0] && report.score.overall <= band[1], "\(label): score \(report.score.overall) outside \(band)")
        }
        for id in strings(e["must"]) { #expect(ids.contains(id), "\(label): expected \(id), got \(ids.sorted())") }
        for id in strings(e["mustNot"]) { #expect(!ids.contains(id), "\(label): \(id) must not be reported") }

        let authoredText = doc.segments.filter { SegmentRole.authored.contains($0.role) }.map(\.string).joined(separator: "\n")
        let allText = doc.segments.map(\.string).joined(separator: "\n")
        func squash(_ s: String) -> String { ByteText.collapse(s) }
        for p in strings(e["notAuthored"]) {
            #expect(squash(allText).contains(p), "\(label): '\(p)' is missing from the document")
            #expect(!squash(authoredText).contains(p), "\(label): '\(p)' was zoned as the author's own text")
        }
        for p in strings(e["authored"]) {
            #expect(squash(authoredText).contains(p), "\(label): '\(p)' should be the author's text")
        }
        for a in strings(e["attachments"]) { #expect(doc.metadata.attachments.contains(a), "\(label): attachment \(a)") }
        if let s = e["subject"]?.stringValue { #expect(doc.metadata.subject == s, "\(label): subject") }
        if let s = e["from"]?.stringValue { #expect(doc.metadata.from == s, "\(label): from") }

        // Nothing reported outside the author's zones, by role or by line.
        var otherLines = Set<Int>()
        for s in doc.segments where !SegmentRole.authored.contains(s.role) {
            let a = s.sourceMap.position(of: 0, in: s.text).line
            var b = s.sourceMap.position(of: s.text.count, in: s.text).line
            if s.text.last == 0x0A { b -= 1 }
            if b >= a { otherLines.formUnion(a...b) }
        }
        for f in report.findings {
            #expect(SegmentRole.authored.contains(f.role), "\(label): finding \(f.ruleID) in a \(f.role) segment")
            #expect(!otherLines.contains(f.start.line), "\(label): finding \(f.ruleID) on line \(f.start.line), which is quoted/signature/disclaimer")
            // Exact positions point at the matched bytes of the original file.
            if let a = f.start.byteOffset, let b = f.end.byteOffset {
                #expect(String(decoding: file[a..<b], as: UTF8.self) == f.match, "\(label): offsets \(a)..<\(b) do not hold '\(f.match)'")
            }
        }
        // The hostile text in the other zones is really there: checking everything finds it.
        if strings(e["notAuthored"]).contains(where: { $0.lowercased().contains("obviously") }) {
            let all = everything.report(doc)
            #expect(all.findings.contains { !SegmentRole.authored.contains($0.role) }, "\(label): --include-quoted should report the quoted text")
        }
    }

    @Test func corpusHasFifteenMessagesWithExpectations() {
        #expect(Self.messages.count >= 15)
        for m in Self.messages {
            let exp = m.replacingOccurrences(of: ".eml", with: ".expect.json5")
            #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(exp).path), "\(m) has no \(exp)")
        }
    }

    @Test(arguments: messages)
    func message(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        #expect(InputFormat.detect(bytes.prefix(4096), path: nil) == .email, "\(name) is detected as an email from its content")
        var docs: [Document] = []
        InputReader.read(bytes, path: name, format: nil) { if case .document(let d) = $0 { docs.append(d) } }
        #expect(docs.count == 1)
        guard let doc = docs.first else { return }
        #expect(doc.warnings.isEmpty, "\(name): \(doc.warnings)")
        Self.check(doc, try Self.expectation(name.replacingOccurrences(of: ".eml", with: ".expect.json5")), file: bytes, label: name)
    }

    @Test func weekMbox() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("week.mbox")))
        #expect(InputFormat.detect(bytes.prefix(4096), path: nil) == .mbox)
        let e = try Self.expectation("week.expect.json5")
        var docs: [Document] = []
        InputReader.read(bytes, path: "week.mbox", format: nil) { if case .document(let d) = $0 { docs.append(d) } }
        #expect(Double(docs.count) == e["messages"]?.numberValue)
        let per = e["perMessage"]?.objectValue ?? [:]
        var days = Set<Int>()
        for doc in docs {
            let index = doc.metadata.extra["index"] ?? "?"
            #expect(doc.metadata.messageID != nil && doc.metadata.date != nil)
            if let d = doc.metadata.date { days.insert(Int(d.timeIntervalSince1970 / 86400)) }
            if let x = per[index]?.objectValue { Self.check(doc, x, file: bytes, label: "week.mbox#\(index)") }
        }
        #expect(days.count == 5, "a week: Monday to Friday")
    }
}
