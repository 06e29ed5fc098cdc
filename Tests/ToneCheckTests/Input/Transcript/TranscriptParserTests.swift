import Foundation
import Testing
@testable import ToneCheck

/// Helpers: read a transcript and find where a word of a turn sits in the original.
enum T {
    static func doc(_ text: String, _ format: InputFormat? = nil, path: String? = nil) throws -> Document {
        let bytes = Array(text.utf8)
        let f = format ?? InputFormat.detect(bytes.prefix(4096), path: path)
        return try TranscriptReader.read(bytes, format: f, path: path).get()
    }

    static func error(_ text: String, _ format: InputFormat) -> TranscriptError? {
        if case .failure(let e) = TranscriptReader.read(Array(text.utf8), format: format, path: nil) { return e }
        return nil
    }

    /// Line and column in the original of the first occurrence of `word` in turn `i`.
    static func position(of word: String, turn i: Int, in d: Document) -> (Int, Int)? {
        let s = d.segments[i]
        let w = Array(word.utf8)
        guard w.count <= s.text.count else { return nil }
        for k in 0...(s.text.count - w.count) where Array(s.text[k..<(k + w.count)]) == w {
            let p = s.sourceMap.position(of: k, in: s.text)
            return (p.line, p.column)
        }
        return nil
    }
}

@Suite struct SpeakerLinesTests {
    @Test func plainSpeakerLines() throws {
        let d = try T.doc("Dana: Hi Lee.\nLee: Hello Dana, how are you?\nDana: Fine.\n  And you?\n")
        #expect(d.format == "transcript")
        #expect(d.segments.map(\.speaker) == ["Dana", "Lee", "Dana"])
        #expect(d.segments.allSatisfy { $0.role == .turn })
        #expect(d.segments[2].string == "Fine.\nAnd you?")
        #expect(d.metadata.speakers == ["Dana", "Lee"])
        #expect(T.position(of: "Hello", turn: 1, in: d)! == (2, 6))
        #expect(T.position(of: "And", turn: 2, in: d)! == (4, 3))
    }

    @Test(arguments: [
        "[00:01:23] Dana: Please send it.\n[00:01:30] Lee: Sure thing.\n",
        "Dana (00:01:23): Please send it.\nLee (00:01:30): Sure thing.\n",
        "00:01:23 Dana\nPlease send it.\n\n00:01:30 Lee\nSure thing.\n",
        "Dana  1:23\nPlease send it.\n\nLee  1:30\nSure thing.\n",
    ])
    func timestampedForms(_ text: String) throws {
        let d = try T.doc(text)
        #expect(d.format == "transcript")
        #expect(d.segments.map(\.speaker) == ["Dana", "Lee"])
        #expect(d.segments.map(\.string) == ["Please send it.", "Sure thing."])
        #expect(d.segments[0].startTime == 83)
        #expect(d.segments[0].endTime == 90)  // the next turn's start
        #expect(d.segments[1].startTime == 90)
        let p = try #require(T.position(of: "Please", turn: 0, in: d))
        let line = Array(text.utf8)
        // The position points at "Please" in the original.
        let offset = d.segments[0].sourceMap.position(of: 0, in: d.segments[0].text).byteOffset!
        #expect(Array(line[offset..<(offset + 6)]) == Array("Please".utf8))
        #expect(p.1 >= 1)
    }

    @Test(arguments: [
        "Subject: Queue\nFrom: Dana\n\nHi Lee: please look at this.\n",
        "Hi team,\n\nNote: the queue is down again.\nPlease check it before noon.\nThanks,\nDana\n",
        "Here is the plan: restart it, then check it.\nThe result: fine.\nNo worries.\n",
        "Status: red\nOwner: Dana\nImpact: high\n",
    ])
    func draftsAreNotTranscripts(_ text: String) {
        // Plain drafts (and header-led messages, read as email) are never transcripts.
        let detected = InputFormat.detect(Array(text.utf8).prefix(4096), path: nil)
        #expect(detected == .text || detected == .email, "\(detected)")
    }

    @Test func cuesAreNotWordsAndAreCanonicalised() throws {
        let d = try T.doc("Dana: [sigh] fine. *sighs* (laughs)\nLee: Okay [inaudible].\n")
        #expect(d.segments[0].string == "(sigh) fine. (sighs) (laughs)")
        let spans = NonVerbalCue.scan(d.segments[0].text)
        #expect(spans.map(\.kind) == [.sigh, .sigh, .laughter])
        #expect(NonVerbalCue.scan(Array("(see above) [Alba] *really*".utf8)).isEmpty)
        let named = NonVerbalCue.scan(Array("so [Dana sighs heavily] and".utf8))
        #expect(named.first?.name == "Dana")
        #expect(named.first?.range == 3..<23)
    }

    @Test func emptyTranscriptWarns() throws {
        let d = try T.doc("", .transcript)
        #expect(d.segments.isEmpty)
        #expect(d.warnings.contains { $0.message.contains("empty transcript") })
    }
}

@Suite struct WebVTTTests {
    static let vtt = """
        \u{FEFF}WEBVTT - call

        NOTE exported by the meeting tool

        STYLE
        ::cue { color: white; }

        intro
        00:00:01.000 --> 00:00:04.000 align:start
        <v Dana>Thanks for <b>joining</b> &amp; welcome.</v>

        00:00:04.000 --> 00:00:06.500
        <v.loud Lee Park>I can't hear you--

        00:00:05.000 --> 00:00:07.000
        Dana: Can you hear me now?
        Lee: Yes.
        """

    @Test func cuesVoicesPrefixesAndTags() throws {
        let d = try T.doc(Self.vtt, path: "call.vtt")
        #expect(d.format == "vtt")
        #expect(d.segments.map(\.speaker) == ["Dana", "Lee Park", "Dana", "Lee"])
        #expect(d.segments[0].string == "Thanks for joining & welcome.")
        #expect(d.segments[0].startTime == 1 && d.segments[0].endTime == 4)
        // Positions: "joining" is inside <b> on line 10; "welcome" after the entity.
        #expect(T.position(of: "joining", turn: 0, in: d)! == (10, 23))
        #expect(T.position(of: "welcome", turn: 0, in: d)! == (10, 41))
        #expect(T.position(of: "hear", turn: 2, in: d)! == (16, 15))
        #expect(T.position(of: "Yes", turn: 3, in: d)! == (17, 6))
    }

    @Test func consecutiveCuesOfOneSpeakerAreOneTurn() throws {
        let d = try T.doc("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>The queue\n\n00:00:02.000 --> 00:00:03.500\n<v Dana>is stuck.\n\n00:00:04.000 --> 00:00:05.000\n<v Lee>On it.\n")
        #expect(d.segments.count == 2)
        #expect(d.segments[0].string == "The queue\nis stuck.")
        #expect(d.segments[0].startTime == 1 && d.segments[0].endTime == 3.5)
        #expect(T.position(of: "stuck", turn: 0, in: d)! == (7, 12))
    }

    @Test func errorsNameTheLine() {
        #expect(T.error("00:00:01.000 --> 00:00:02.000\nhi\n", .vtt)?.line == 1)
        #expect(T.error("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n", .vtt)?.line == 3)
        #expect(T.error("WEBVTT\n\nhello there\n", .vtt)?.line == 3)
        #expect(T.error("", .vtt)?.message.contains("empty") == true)
    }
}

@Suite struct SubRipAndSBVTests {
    @Test func srtWithSpeakerPrefixes() throws {
        let d = try T.doc("1\n00:00:01,000 --> 00:00:03,000\nDana: Where is the report?\n\n2\n00:00:03,000 --> 00:00:05,000\n<i>Lee: Coming.</i>\n")
        #expect(d.format == "srt")
        #expect(d.segments.map(\.speaker) == ["Dana", "Lee"])
        #expect(d.segments[1].string == "Coming.")
        #expect(T.position(of: "Coming", turn: 1, in: d)! == (7, 9))
        #expect(d.segments[1].startTime == 3)
    }

    @Test func sbv() throws {
        let d = try T.doc("0:00:01.000,0:00:02.500\nDana: Hi.\n\n0:00:02.500,0:00:04.000\nLee: Hello.\n")
        #expect(d.format == "sbv")
        #expect(d.segments.map(\.speaker) == ["Dana", "Lee"])
        #expect(d.segments[1].endTime == 4)
    }

    @Test func srtErrors() {
        #expect(T.error("1\n00:00:01.000 --> 00:00:02,000\nhi\n", .srt)?.line == 2)
        #expect(T.error("x\n00:00:01,000 --> 00:00:02,000\nhi\n", .srt)?.line == 1)
    }
}

@Suite struct TranscribeJSONTests {
    static let json = """
        {"jobName": "call-42", "accountId": "1", "status": "COMPLETED",
         "results": {
          "transcripts": [{"transcript": "Fix it now. Okay."}],
          "speaker_labels": {"speakers": 2, "segments": [
            {"start_time": "0.0", "end_time": "1.5", "speaker_label": "spk_0", "items": []},
            {"start_time": "1.6", "end_time": "2.4", "speaker_label": "spk_1", "items": []}]},
          "items": [
            {"start_time": "0.1", "end_time": "0.4", "type": "pronunciation",
             "alternatives": [{"confidence": "0.99", "content": "Fix"}]},
            {"start_time": "0.4", "end_time": "0.6", "type": "pronunciation", "alternatives": [{"confidence": "0.99", "content": "it"}]},
            {"start_time": "0.6", "end_time": "1.0", "type": "pronunciation", "alternatives": [{"confidence": "0.99", "content": "now"}]},
            {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]},
            {"start_time": "1.7", "end_time": "2.1", "type": "pronunciation", "speaker_label": "spk_1", "alternatives": [{"confidence": "0.99", "content": "Okay"}]},
            {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]}
          ]}}
        """

    @Test func itemsBecomeTurns() throws {
        let d = try T.doc(Self.json)
        #expect(d.format == "transcribe-json")
        #expect(d.segments.map(\.speaker) == ["spk_0", "spk_1"])
        #expect(d.segments.map(\.string) == ["Fix it now.", "Okay."])
        #expect(d.segments[0].startTime == 0.1 && d.segments[0].endTime == 1.0)
        #expect(T.position(of: "now", turn: 0, in: d)!.0 == 11)
        #expect(T.position(of: "Okay", turn: 1, in: d)!.0 == 13)
    }

    @Test func wrongShapesNameTheJSONPath() {
        #expect(T.error(#"{"results": {"items": [{"start_time": true, "alternatives": [{"content": "x"}]}]}}"#, .transcribeJSON)?.message.hasPrefix("results.items[0].start_time") == true)
        #expect(T.error(#"{"results": {"items": {}}}"#, .transcribeJSON)?.message.hasPrefix("results.items: must be a list") == true)
        #expect(T.error(#"{"results": []}"#, .transcribeJSON)?.message.hasPrefix("results: must be an object") == true)
        #expect(T.error(#"{"nothing": 1}"#, .transcribeJSON)?.message.hasPrefix("results: missing") == true)
        #expect(T.error(#"{"results": {"items": [{"type": "pronunciation"}]}}"#, .transcribeJSON)?.message.hasPrefix("results.items[0].alternatives") == true)
        #expect(T.error("{not json", .transcribeJSON)?.message.hasPrefix("not valid JSON") == true)
    }
}
