import Foundation
import Testing

@testable import ToneCheck

/// The checker's per-thread working arrays are reused from one segment and document to the
/// next: what was left in them must never change a later result.
@Suite struct CheckScratchTests {
    static let checker = try! ToneChecker.standard()

    /// Short, long and hostile texts, with negation, contrast and questions, so every array
    /// is used.
    static let texts = [
        "Could you please send the report by Friday? Thanks so much!",
        "This is NOT acceptable. I need it NOW, but honestly it is not a problem if you can't.",
        String(repeating: "Why haven't you fixed this yet? It is really unacceptable, however I appreciate the effort. ", count: 400),
        "ok",
        // Question-shaped sentences without "?": rules that need one must not fire.
        "Can you send the file. Why is it late. Could you check it",
        "",
        "Hi Dana,\nSend me the numbers ASAP.\n\n> quoted: you always do this\n-- \nLee",
    ]

    static func signature(_ r: DocumentReport) -> String {
        "\(r.score.overall) \(r.findings.map { "\($0.ruleID)@\($0.segmentRange)x\($0.multiplier)" })"
    }

    /// Each text checked on a thread that has just checked every other text (in both orders)
    /// gives what it gives on a fresh thread.
    @Test func leftoversNeverChangeAResult() throws {
        final class Box: @unchecked Sendable { var value = "" }
        func onFreshThread(_ text: String) -> String {
            let out = Box()
            let done = DispatchSemaphore(value: 0)
            let t = Thread {
                out.value = Self.signature(Self.checker.report(text: text))
                done.signal()
            }
            t.start()
            done.wait()
            return out.value
        }
        let fresh = Self.texts.map(onFreshThread)
        for order in [Array(Self.texts.indices), Array(Self.texts.indices.reversed())] {
            for i in order {
                #expect(Self.signature(Self.checker.report(text: Self.texts[i])) == fresh[i], "text \(i)")
            }
        }
    }

    @Test func fillMakesCopiesInPlace() {
        var a = [Int32](repeating: 7, count: 100)
        a.reserveCapacity(1000)
        let capacity = a.capacity
        CheckScratch.fill(&a, -1, 10)
        #expect(a == [Int32](repeating: -1, count: 10))
        #expect(a.capacity == capacity)
        CheckScratch.fill(&a, 3, 0)
        #expect(a.isEmpty)
    }
}

@Suite struct CheckScratchReuseTests {
    /// What a thread gives back is what it takes next; a second taker on the same thread
    /// (never the checker's case) gets a fresh one rather than sharing.
    @Test func aThreadGetsItsOwnScratchBack() {
        let a = CheckScratch.take()
        let other = CheckScratch.take()
        #expect(a !== other)
        CheckScratch.give(a)
        CheckScratch.give(other)  // the thread already holds one: this one is dropped
        let b = CheckScratch.take()
        #expect(a === b)
        CheckScratch.give(b)
    }
}
