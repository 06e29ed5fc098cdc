import Foundation
import Testing
@testable import ToneCheck

@Suite struct SpeakerAnalysisTests {
    static let checker = try! ToneChecker.standard()

    static func report(_ text: String, sides: [String: String] = [:]) -> DocumentReport {
        var c = checker
        c.options.speakerSides = sides
        return c.report(TranscriptReader.document(text: text))
    }

    @Test func talkShareQuestionsAndTurns() throws {
        let r = Self.report("Dana: Can you check the queue? Is it stuck?\nLee: Yes.\nDana: [sigh] Thanks.\n")
        let t = try #require(r.speakers)
        #expect(t.turns == 3)
        #expect(t.speakers.map(\.name) == ["Dana", "Lee"])
        let dana = t.speakers[0], lee = t.speakers[1]
        #expect(dana.words == 9)  // the cue is not a word
        #expect(lee.words == 1)
        #expect(abs(dana.share - 0.9) < 1e-9)
        #expect(dana.questions == 2 && lee.questions == 0)
        #expect(dana.turns == 2)
        #expect(dana.seconds == nil)
    }

    @Test func cutOffTurnsAreInterruptions() throws {
        for ending in ["--", "—", "…", "...", "-"] {
            let r = Self.report("Lee: The job failed because\(ending)\nDana: Just restart it.\n")
            let t = try #require(r.speakers)
            #expect(t.interruptions == [.init(by: "Dana", of: "Lee", turn: 1, kind: "cut-off")], "\(ending)")
            #expect(t.speakers.first { $0.name == "Dana" }?.interruptionsMade == 1)
            #expect(t.speakers.first { $0.name == "Lee" }?.interruptionsReceived == 1)
            let f = try #require(r.findings.first { $0.ruleID == "transcript.interruption" })
            #expect(f.message == "Dana cuts Lee off")
            #expect(f.match == "Just")
        }
        let calm = try #require(Self.report("Lee: The job failed.\nDana: Just restart it.\n").speakers)
        #expect(calm.interruptions.isEmpty)
    }

    @Test func overlappingTimesAreInterruptions() throws {
        let vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Lee>The job failed overnight and we\n\n00:00:03.000 --> 00:00:06.000\n<v Dana>Restart it.\n\n00:00:06.000 --> 00:00:07.000\n<v Lee>Okay.\n"
        let d = try TranscriptReader.read(Array(vtt.utf8), format: .vtt, path: nil).get()
        let t = try #require(Self.checker.report(d).speakers)
        #expect(t.interruptions == [.init(by: "Dana", of: "Lee", turn: 1, kind: "overlap")])
        #expect(t.speakers.map(\.seconds) == [6, 3])
        #expect(abs((t.speakers[0].timeShare ?? 0) - 6.0 / 9.0) < 1e-9)
    }

    @Test func aSighWhileTheOtherSideTalksCountsMore() throws {
        // Dana's sigh sits between two of Lee's turns: she sighed while Lee was talking.
        let during = Self.report("Lee: So the backlog is forty tickets.\nDana: [sigh]\nLee: And growing.\n")
        let alone = Self.report("Lee: So the backlog is forty tickets.\nDana: [sigh]\n")
        let a = try #require(during.findings.first { $0.ruleID == "transcript.sigh" })
        let b = try #require(alone.findings.first { $0.ruleID == "transcript.sigh" })
        #expect(a.weight == b.weight * SpeakerAnalysis.sighWhileOtherTalks)
        #expect(a.message.hasSuffix("while Lee was talking"))
        #expect(during.speakers!.speakers[1].score < 88)
    }

    @Test func aNamedSighIsTheNamedSpeakers() throws {
        let r = Self.report("Dana: What is the status?\nLee: The backlog is forty tickets [Dana sighs] and growing.\n")
        let f = try #require(r.findings.first { $0.ruleID == "transcript.sigh" })
        #expect(f.speaker == "Dana")
        #expect(f.message.hasSuffix("while Lee was talking"))
        let t = try #require(r.speakers)
        #expect(t.speakers.first { $0.name == "Dana" }!.findings == 1)
        #expect(t.speakers.first { $0.name == "Lee" }!.findings == 0)
        #expect(t.speakers.first { $0.name == "Lee" }!.words == 7)  // "[Dana sighs]" is not words
    }

    @Test func laughterCostsNothing() {
        let with = Self.report("Dana: That's great news [laughs].\nLee: Thanks!\n")
        let without = Self.report("Dana: That's great news.\nLee: Thanks!\n")
        #expect(with.score.overall == without.score.overall)
        #expect(with.findings.filter { $0.ruleID.hasPrefix("transcript.") }.isEmpty)
    }

    @Test func sidesGroupSpeakersAndWarnAboutUnknownNames() throws {
        let r = Self.report("Dana Reyes: [sigh] Again?\nLee: Sorry.\nSam: I'll look.\n", sides: ["dana": "ops", "Lee": "support", "Kim": "ops"])
        let t = try #require(r.speakers)
        #expect(t.speakers.map(\.side) == ["ops", "support", "unassigned"])
        #expect(t.sides.map(\.name) == ["ops", "support", "unassigned"])
        #expect(t.sides[0].speakers == ["Dana Reyes"])
        #expect(t.sides[0].score < t.sides[1].score)
        #expect(r.warnings.contains { $0.message.contains("'Kim', who does not speak") })
    }

    @Test func trajectoryAndEscalation() throws {
        let calmStart = "Dana: Thanks for joining, Lee.\nLee: Happy to help.\nDana: Can we look at the queue together?\n"
        let bad = Self.report(calmStart + "Lee: Sure.\nDana: [sigh] Still stuck.\nLee: I know, the job--\nDana: [shouting] Fix it. [sighs]\nLee: Okay.\nDana: [raised voice] Today.\n")
        let t = try #require(bad.speakers)
        #expect(t.trajectory.map(\.name) == ["first third", "middle third", "last third"])
        #expect(t.trajectory.map(\.firstTurn) == [0, 3, 6])
        #expect(t.trajectory[0].score > t.trajectory[2].score + 15)
        let esc = try #require(bad.findings.first { $0.ruleID == "transcript.escalation" })
        #expect(esc.speaker == nil)
        #expect(esc.message.contains("in the first third"))
        let good = Self.report(calmStart + "Lee: Sure.\nDana: Still stuck, I see.\nLee: I'll restart the job.\nDana: Thanks.\nLee: Done.\nDana: Great.\n")
        #expect(!good.findings.contains { $0.ruleID == "transcript.escalation" })
        #expect(good.speakers!.trajectory.count == 3)
        // Too short a call has no thirds.
        #expect(Self.report("Dana: Hi.\nLee: Hi.\n").speakers!.trajectory.isEmpty)
    }

    @Test func scoresAreMonotoneInCues() throws {
        let base = Self.report("Dana: The queue is stuck.\nLee: I will look now.\n")
        let worse = Self.report("Dana: [sigh] The queue is stuck.\nLee: I will look now.\n")
        #expect(worse.score.overall < base.score.overall)
        #expect(worse.speakers!.speakers[0].score < base.speakers!.speakers[0].score)
        #expect(worse.speakers!.speakers[1].score == base.speakers!.speakers[1].score)
    }

    @Test func emailsHaveNoSpeakerSummary() {
        #expect(Self.checker.report(text: "Hi Lee,\nThe queue is stuck.\nDana\n").speakers == nil)
    }
}
