import Foundation
import Testing
@testable import ToneCheck

/// Every transcript in Corpus/transcripts meets its NAME.expect.json5: the score band,
/// rules that must and must not fire, and per-speaker expectations (band, turns,
/// interruptions made and received, questions, demands).
@Suite struct TranscriptCorpusTests {
    static let folder: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("Corpus/transcripts")
    }()

    static var transcripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasSuffix(".expect.json5") && !$0.hasPrefix(".") }.sorted()
    }

    static let checker = try! ToneChecker.standard()

    @Test func corpusCoversEveryFormat() {
        let names = Self.transcripts
        #expect(names.count >= 10)
        var formats = Set<String>()
        for n in names {
            let bytes = [UInt8]((try? Data(contentsOf: Self.folder.appendingPathComponent(n))) ?? Data())
            formats.insert(InputFormat.detect(bytes.prefix(4096), path: n).rawValue)
        }
        #expect(formats == ["transcript", "vtt", "srt", "sbv", "transcribe-json"])
    }

    @Test(arguments: transcripts)
    func meetsExpectations(_ name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let expectURL = url.deletingPathExtension().appendingPathExtension("expect.json5")
        let expect = try #require(try JSONValue.parseJSON5(Data(contentsOf: expectURL)).objectValue, "\(name) needs an .expect.json5")
        let bytes = [UInt8](try Data(contentsOf: url))
        var reports: [DocumentReport] = []
        InputReader.read(bytes, path: name, format: nil) { item in
            if case .document(let d) = item { reports.append(Self.checker.report(d)) }
        }
        let r = try #require(reports.first, "\(name) did not read")
        let t = try #require(r.speakers, "\(name) has no speaker summary")
        #expect(r.document.format != "text", "\(name) was not detected as a transcript")
        let ids = Set(r.findings.map(\.ruleID))
        func band(_ v: JSONValue?) -> ClosedRange<Double>? {
            guard let a = v?.arrayValue, a.count == 2, let lo = a[0].numberValue, let hi = a[1].numberValue else { return nil }
            return lo...hi
        }
        if let b = band(expect["band"]) { #expect(b.contains(r.score.overall), "\(name): score \(r.score.overall) not in \(b)") }
        for id in expect["must"]?.arrayValue?.compactMap(\.stringValue) ?? [] { #expect(ids.contains(id), "\(name): \(id) did not fire") }
        for id in expect["mustNot"]?.arrayValue?.compactMap(\.stringValue) ?? [] { #expect(!ids.contains(id), "\(name): \(id) fired") }
        for (speaker, v) in expect["speakers"]?.objectValue ?? [:] {
            let s = try #require(t.speakers.first { $0.name == speaker }, "\(name): no speaker \(speaker) in \(t.speakers.map(\.name))")
            let e = v.objectValue ?? [:]
            if let b = band(e["band"]) { #expect(b.contains(s.score), "\(name): \(speaker) scored \(s.score), not in \(b)") }
            let counts: [(String, Int)] = [
                ("turns", s.turns), ("interruptionsMade", s.interruptionsMade), ("interruptionsReceived", s.interruptionsReceived),
                ("questions", s.questions), ("demands", s.demands),
            ]
            for (key, actual) in counts {
                if let want = e[key]?.numberValue { #expect(actual == Int(want), "\(name): \(speaker).\(key) is \(actual), expected \(Int(want))") }
            }
        }
    }
}
