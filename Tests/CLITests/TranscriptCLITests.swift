import Foundation
import Testing

@Suite struct TranscriptCLITests {
    static func json(_ s: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    @Test func escalationAsJSON() throws {
        let r = try CLI.run(["Corpus/transcripts/escalation.vtt", "--format", "json"])
        #expect(r.status == 0)
        let doc = try #require((try Self.json(r.stdout)["documents"] as? [[String: Any]])?.first)
        #expect(doc["format"] as? String == "vtt")
        let speakers = try #require(doc["speakers"] as? [[String: Any]])
        #expect(speakers.map { $0["name"] as? String } == ["Dana", "Lee"])
        let dana = speakers[0]
        #expect(dana["interruptionsMade"] as? Int == 3)
        #expect(dana["turns"] as? Int == 5)
        #expect((dana["seconds"] as? Double ?? 0) > 0)
        #expect((dana["score"] as? Double ?? 100) < (speakers[1]["score"] as? Double ?? 0))
        for key in ["words", "share", "interruptionsReceived", "questions", "demands"] { #expect(dana[key] != nil, "\(key)") }
        let trajectory = try #require(doc["trajectory"] as? [[String: Any]])
        #expect(trajectory.count == 3)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "transcript.escalation" })
        // Every finding in a transcript carries its turn; the first sigh is in turn 4, line 23.
        #expect(findings.allSatisfy { $0["turn"] is Int })
        let sigh = try #require(findings.first { $0["rule"] as? String == "transcript.sigh" })
        #expect(sigh["turn"] as? Int == 4)
        #expect(sigh["line"] as? Int == 23 && sigh["column"] as? Int == 9)
        #expect(sigh["speaker"] as? String == "Dana")
    }

    @Test func speakerRoleGroupsSides() throws {
        let r = try CLI.run(["Corpus/transcripts/escalation.vtt", "--format", "ndjson", "--speaker-role", "Dana=ops,Lee=support"])
        #expect(r.status == 0)
        let doc = try Self.json(r.stdout.split(separator: "\n").first.map(String.init) ?? "")
        let sides = try #require(doc["sides"] as? [[String: Any]])
        #expect(sides.map { $0["name"] as? String } == ["ops", "support"])
        #expect(sides[0]["speakers"] as? [String] == ["Dana"])
        #expect((sides[0]["score"] as? Double ?? 100) < (sides[1]["score"] as? Double ?? 0))
        #expect((doc["speakers"] as? [[String: Any]])?.first?["side"] as? String == "ops")
    }

    @Test func textGroupsBySpeakerAndPrintsTheTable() throws {
        let r = try CLI.run(["Corpus/transcripts/outage-bridge.txt", "--color", "never", "--speaker-role", "Alex=ops,Morgan=support,Pat=ops"])
        #expect(r.stdout.contains("Alex:\n"))
        #expect(r.stdout.contains("whole call:\n"))
        #expect(r.stdout.contains("outage-bridge.txt:5:18: warning: a sigh (sigh) reads as frustration"))
        #expect(r.stdout.contains("  speaker   side     score  words  share   time  turns  cut in  cut off  questions  demands\n  Alex      ops "))
        #expect(r.stdout.contains("side ops (Alex): score"))
        #expect(r.stdout.contains("trajectory: first third"))
        #expect(r.stderr.contains("--speaker-role names 'Pat', who does not speak in this transcript"))
    }

    @Test func inputOverrideAndStdin() throws {
        let r = try CLI.run(["--input", "transcript", "--format", "json"], stdin: "Dana: [sigh] Fine.\n")
        let doc = try #require((try Self.json(r.stdout)["documents"] as? [[String: Any]])?.first)
        #expect(doc["format"] as? String == "transcript")
        #expect((doc["findings"] as? [[String: Any]])?.first?["rule"] as? String == "transcript.sigh")
        // Detected from content on stdin.
        let d = try CLI.run(["--format", "json"], stdin: "Dana: Hi Lee.\nLee: Hi Dana, all good?\nDana: Yes.\n")
        #expect(d.stdout.contains("\"format\":\"transcript\""))
    }

    @Test(arguments: [
        ("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n", "vtt", "<stdin>:3: error: broken cue timing"),
        ("00:00:01.000 --> 00:00:02.000\nhi\n", "vtt", "<stdin>:1: error: missing 'WEBVTT' header"),
        ("{\"results\": {\"items\": [{\"start_time\": [1], \"alternatives\": [{\"content\": \"x\"}]}]}}", "transcribe-json", "results.items[0].start_time: must be seconds"),
    ])
    func badInputIsAClearErrorWithStatus2(_ input: String, _ format: String, _ message: String) throws {
        let r = try CLI.run(["--input", format, "--color", "never"], stdin: input)
        #expect(r.status == 2)
        #expect(r.stdout.contains(message), "\(r.stdout)")
    }

    @Test func badSpeakerRoleIsAUsageError() throws {
        let r = try CLI.run(["--speaker-role", "Dana"], stdin: "")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--speaker-role takes NAME=SIDE pairs"))
    }
}
