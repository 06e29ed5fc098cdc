import Foundation
import Testing
@testable import ToneCheck

/// Broken input never crashes or hangs the transcript readers: the corpus transcripts (and
/// the shared caption files when present) are cut short and have bytes changed by a seeded
/// generator, then read in every transcript format and checked. Every turn that comes out
/// has text, a speaker summary, and positions inside the file.
@Suite struct TranscriptFuzzTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static var seeds: [URL] {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { root.deleteLastPathComponent() }
        var out: [URL] = []
        let corpus = root.appendingPathComponent("Corpus/transcripts")
        for n in (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [] where !n.hasSuffix(".json5") {
            out.append(corpus.appendingPathComponent(n))
        }
        if let shared = CaptionConformanceTests.folder {
            for n in ["sample.vtt", "comments.vtt", "cue_tags.vtt", "youtube_dl.vtt", "styles.vtt", "sample.srt", "sample.sbv"] {
                out.append(shared.appendingPathComponent(n))
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    static let specials: [UInt8] = Array("<>&;:[]()*-\n\r\t ,.0123456789WEBVTT-->\"{}\u{FF}".utf8) + [0xE2, 0x80, 0x94, 0xC3, 0xEF, 0xBB, 0xBF]

    @Test(arguments: seeds)
    func mutatedInputNeverCrashes(_ url: URL) throws {
        let original = [UInt8](try Data(contentsOf: url))
        var rng = RNG(state: UInt64(truncatingIfNeeded: original.count) &* 31 &+ 7)
        let checker = try ToneChecker.standard()
        for round in 0..<40 {
            var b = original
            if round % 3 == 0, !b.isEmpty { b = Array(b.prefix(rng.below(b.count))) }
            for _ in 0..<(1 + rng.below(6)) where !b.isEmpty {
                let i = rng.below(b.count)
                switch rng.below(3) {
                case 0: b[i] = Self.specials[rng.below(Self.specials.count)]
                case 1: b.remove(at: i)
                default: b.insert(Self.specials[rng.below(Self.specials.count)], at: i)
                }
            }
            let lines = b.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            for format: InputFormat in [.transcript, .vtt, .srt, .sbv, .transcribeJSON] {
                guard case .success(let doc) = TranscriptReader.read(b, format: format, path: nil) else { continue }
                for s in doc.segments {
                    #expect(!s.text.isEmpty)
                    let p = s.sourceMap.position(of: 0, in: s.text)
                    #expect(p.line >= 1 && p.line <= lines, "\(url.lastPathComponent) round \(round) \(format)")
                }
                let r = checker.report(doc)
                #expect(r.score.overall.isFinite)
                #expect(r.speakers?.turns == doc.segments.count)
            }
        }
    }
}
