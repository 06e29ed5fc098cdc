import Foundation
import Testing
@testable import ToneCheck

/// Every caption file of webvtt-py's test suite (in ../shared/data/transcripts/webvtt-py-tests,
/// never copied into this repository) parses to the cues that project's own tests expect,
/// and every broken one gives a diagnostic naming the right line. Skipped when the folder is absent.
@Suite struct CaptionConformanceTests {
    static let folder: URL? = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { dir.deleteLastPathComponent() }  // the package root
        for up in ["../shared", "../../shared"] {
            let u = dir.appendingPathComponent(up).appendingPathComponent("data/transcripts/webvtt-py-tests").standardized
            if FileManager.default.fileExists(atPath: u.path) { return u }
        }
        return nil
    }()

    struct Cue: Sendable {
        var text: String
        var start: Double
        var end: Double
    }

    enum Expect: Sendable {
        /// Count, first cue, last cue, and extra cues by index.
        case cues(Int, first: Cue?, last: Cue?, more: [Int: String] = [:])
        /// An error naming this line.
        case error(line: Int)
        /// Parses, with a warning naming this line.
        case warning(line: Int, cues: Int)
    }

    static let expectations: [String: Expect] = [
        "captions_with_bom.vtt": .cues(4, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #4", start: 16.32, end: 21.58)),
        "comments.vtt": .cues(3, first: Cue(text: "- Ta en kopp varmt te.\n- Det är inte varmt.", start: 135, end: 140), last: Cue(text: "- Ta en kopp", start: 145, end: 150)),
        "cue_tags.vtt": .cues(3, first: Cue(text: "When the moon hits your eye", start: 16.5, end: 18.5), last: Cue(text: "That's amore", start: 20.5, end: 21.5), more: [1: "Like a big-a pizza pie"]),
        "metadata_headers.vtt": .cues(2, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #2", start: 7, end: 11.89)),
        "metadata_headers_multiline.vtt": .cues(2, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #2", start: 7, end: 11.89)),
        "netflix_chicas_del_cable.vtt": .cues(865, first: Cue(text: "[Alba] En 1928,", start: 7.96, end: 9.48), last: Cue(text: "Alba.", start: 3147.32, end: 3148.6), more: [863: "Diez años no son suficientes\npara olvidarte..."]),
        "no_captions.vtt": .cues(0, first: nil, last: nil),
        "one_caption.vtt": .cues(1, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: nil),
        "sample.vtt": .cues(16, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #16", start: 61.35, end: 64.3), more: [2: "Caption text #3"]),
        "styles.vtt": .cues(1, first: Cue(text: "- Hello world.", start: 0, end: 10), last: nil),
        "using_identifiers.vtt": .cues(6, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #6", start: 23.88, end: 27.28)),
        "youtube_dl.vtt": .cues(4, first: Cue(text: "yeah", start: 286.07, end: 286.47), last: nil, more: [1: "yeah\nwhat", 2: "this will happen is I'm telling"]),
        "invalid_timeframe_in_cue_text.vtt": .warning(line: 6, cues: 4),
        "missing_caption_text.vtt": .warning(line: 6, cues: 5),
        "empty.vtt": .error(line: 1),
        "invalid.vtt": .error(line: 1),
        "invalid_timeframe.vtt": .error(line: 6),
        "missing_timeframe.vtt": .error(line: 6),
        "sample.srt": .cues(5, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: Cue(text: "Caption text #5", start: 21.58, end: 23.88), more: [2: "Caption text #3"]),
        "one_caption.srt": .cues(1, first: Cue(text: "Caption text #1", start: 0.5, end: 7), last: nil),
        "missing_caption_text.srt": .warning(line: 6, cues: 5),
        "invalid_format1.srt": .error(line: 1),
        "invalid_format2.srt": .error(line: 1),
        "invalid_format3.srt": .error(line: 2),
        "invalid_format4.srt": .error(line: 1),
        "invalid_timeframe.srt": .error(line: 6),
        "missing_timeframe.srt": .error(line: 6),
        "sample.sbv": .cues(5, first: Cue(text: "Caption text #1", start: 0.378, end: 11.378), last: nil, more: [1: "Caption text #2", 2: "Caption text #3 (line 1)\nCaption text #3 (line 2)"]),
        "two_captions.sbv": .cues(2, first: Cue(text: "Caption text #1", start: 0.378, end: 11.378), last: Cue(text: "Caption text #2 (line 1)\nCaption text #2 (line 2)", start: 11.378, end: 12.305)),
        "missing_caption_text.sbv": .warning(line: 4, cues: 5),
        "invalid_format.sbv": .error(line: 1),
        "invalid_timeframe.sbv": .error(line: 7),
        "missing_timeframe.sbv": .error(line: 4),
    ]

    static func parse(_ url: URL) -> Result<ParsedTranscript, TranscriptError> {
        let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
        do {
            switch url.pathExtension {
            case "srt": return .success(try CaptionParser.parseSRT(bytes))
            case "sbv": return .success(try CaptionParser.parseSBV(bytes))
            default: return .success(try CaptionParser.parseWebVTT(bytes))
            }
        } catch {
            return .failure(error)
        }
    }

    static var files: [String] {
        guard let folder else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    @Test func folderPresentOrSkipped() {
        if Self.folder == nil {
            print("note: ../shared/data/transcripts/webvtt-py-tests is absent; caption conformance skipped")
        }
        #expect(Self.folder == nil || !Self.files.isEmpty)
    }

    @Test(arguments: files)
    func conforms(_ name: String) throws {
        let folder = try #require(Self.folder)
        let expect = try #require(Self.expectations[name], "no expectation written for \(name)")
        let result = Self.parse(folder.appendingPathComponent(name))
        switch expect {
        case let .cues(count, first, last, more):
            let parsed = try result.get()
            #expect(parsed.cues.count == count, "\(name): \(parsed.cues.count) cues")
            if name != "sample.sbv" { #expect(parsed.warnings.isEmpty, "\(name): \(parsed.warnings)") }
            func check(_ c: TranscriptCue?, _ e: Cue?) {
                guard let e else { return }
                #expect(c?.string == e.text, "\(name)")
                #expect(abs((c?.start ?? -1) - e.start) < 0.0005, "\(name) start")
                #expect(abs((c?.end ?? -1) - e.end) < 0.0005, "\(name) end")
            }
            check(parsed.cues.first, first)
            check(parsed.cues.last, last)
            for (i, text) in more { #expect(i < parsed.cues.count && parsed.cues[i].string == text, "\(name) cue \(i)") }
        case let .error(line):
            guard case .failure(let e) = result else {
                Issue.record("\(name) should not parse")
                return
            }
            #expect(e.line == line, "\(name): \(e)")
            #expect(e.message.count > 20, "\(name): \(e.message)")
        case let .warning(line, cues):
            let parsed = try result.get()
            #expect(parsed.cues.count == cues, "\(name)")
            #expect(parsed.warnings.contains { $0.line == line }, "\(name): \(parsed.warnings)")
        }
    }

    @Test(.enabled(if: CaptionConformanceTests.folder != nil, "../shared/data/transcripts is absent"))
    func identifiersAreKept() throws {
        let folder = try #require(Self.folder)
        let parsed = try Self.parse(folder.appendingPathComponent("using_identifiers.vtt")).get()
        #expect(parsed.cues[1].identifier == "second caption")
        #expect(parsed.cues[2].identifier == nil)
        #expect(parsed.cues[3].identifier == "4")
    }

    @Test(.enabled(if: CaptionConformanceTests.folder != nil, "../shared/data/transcripts is absent"))
    func validFilesAreDetectedByContent() throws {
        let folder = try #require(Self.folder)
        for name in ["sample.vtt", "captions_with_bom.vtt", "sample.srt", "sample.sbv", "two_captions.sbv", "one_caption.srt"] {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let want = InputFormat(rawValue: String(name.split(separator: ".").last!))
            #expect(InputFormat.detect(bytes.prefix(4096), path: nil) == want, "\(name)")
        }
    }

    @Test(.enabled(if: CaptionConformanceTests.folder != nil, "../shared/data/transcripts is absent"))
    func sbvEndBeforeStartIsAWarningNamingTheLine() throws {
        let folder = try #require(Self.folder)
        let parsed = try Self.parse(folder.appendingPathComponent("sample.sbv")).get()
        #expect(parsed.warnings.map(\.line) == [14])
    }
}
