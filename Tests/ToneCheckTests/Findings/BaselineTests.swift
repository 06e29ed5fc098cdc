import Foundation
import Testing
@testable import ToneCheck

@Suite struct BaselineTests {
    func report(_ text: String) -> [Finding] {
        GateSupport.checker().report(TemplateReader.read(Array(text.utf8), path: "a.txt")).problems
    }

    @Test func survivesMovedLinesAndCatchesNewOnes() throws {
        let before = "Hi.\nIt is obviously broken.\nSend it ASAP.\n"
        var b = Baseline()
        for f in report(before) { b.record(f, file: "a.txt", source: Array(before.utf8)) }
        #expect(b.entries.count == 2)
        let round = try Baseline.parse(Data(b.json().utf8), path: "baseline.json")
        #expect(round == b)
        // Lines moved down, one new finding, one old line edited.
        let after = "Hello there.\n\nIntro.\nIt is obviously broken.\nSend it ASAP, it is obviously late.\nYour fault.\n"
        var remaining: [String: Int] = [:]
        let fresh = round.filter(report(after), file: "a.txt", source: Array(after.utf8), remaining: &remaining)
        #expect(fresh.map { "\($0.start.line):\($0.ruleID)" } == ["5:demand.asap", "5:tone.condescension", "6:tone.blame"])
        // A different file does not match.
        var r2: [String: Int] = [:]
        #expect(round.filter(report(before), file: "b.txt", source: Array(before.utf8), remaining: &r2).count == 2)
    }

    @Test func countsAreUsedUp() {
        let text = "Obviously.\nObviously.\n"
        var b = Baseline()
        for f in report(text).prefix(1) { b.record(f, file: "a.txt", source: Array(text.utf8)) }
        #expect(b.entries.first?.count == 1)
        var remaining: [String: Int] = [:]
        #expect(b.filter(report(text), file: "a.txt", source: Array(text.utf8), remaining: &remaining).count == 1)
    }

    @Test func badBaselineIsAnError() {
        #expect(throws: ToneCheckError.self) { try Baseline.parse(Data("{\"nope\": 1}".utf8), path: "b.json") }
        #expect(throws: ToneCheckError.self) { try Baseline.parse(Data("{".utf8), path: "b.json") }
    }

    @Test func lineText() {
        let s = Array("a\n  b c  \nd".utf8)
        #expect(Baseline.lineText(s, line: 2) == "b c")
        #expect(Baseline.lineText(s, line: 3) == "d")
        #expect(Baseline.lineText(s, line: 9) == "")
    }
}
