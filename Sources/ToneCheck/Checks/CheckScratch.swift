/// The checker's working arrays, kept per thread and reused for every segment and document
/// it checks, so a mailbox of short messages does not allocate and free a dozen arrays per
/// part (in a 1 MB mailbox of 1,214 messages that was 8% of the instructions).
///
/// `Checker.check` takes the calling thread's scratch for the length of the call (`take`)
/// and gives it back (`give`); a nested or concurrent call on the same thread, which the
/// checker never makes, would simply get a fresh one.
final class CheckScratch {
    /// Tokens of the current chunk.
    var tokens: [Token] = []
    /// Per token: its vocabulary keys (-1: not in the vocabulary), sentence and flags.
    var exact: [Int32] = []
    var group: [Int32] = []
    var sentence: [Int32] = []
    var flags: [UInt8] = []
    /// Per sentence: whether it ends with "?".
    var questions: [Bool] = []
    var sorted: [Checker.Match] = []
    var unlessHits: [(sentence: Int32, rule: Int32)] = []
    var counts: [Int] = []
    /// Words in the chunk last checked, and those of them inside a penalty the checker found.
    var chunkWords = 0, chunkCovered = 0
    /// Demand analysis: each token's `wordInfo` (`DemandAnalyzer.analyze`).
    var demandLists: [UInt64] = []
    /// The trie walk's matches and its stack, the matches kept, and the token indices of
    /// contrast words, all-caps words and '!'/'?' marks (`Checker.checkSegment`): reused,
    /// not allocated per segment.
    var matchList = GrowableBuffer<Checker.Match>(capacity: 256)
    var walkStack = GrowableBuffer<(node: Int32, pos: Int32)>(capacity: 64)
    var kept: [Checker.Match] = []
    var contrastWords = GrowableBuffer<Int32>(capacity: 64)
    var capsWords = GrowableBuffer<Int32>(capacity: 64)
    var marks = GrowableBuffer<Int32>(capacity: 64)

    deinit {
        matchList.deallocate()
        walkStack.deallocate()
        contrastWords.deallocate()
        capsWords.deallocate()
        marks.deallocate()
    }

    /// Flag bits in `flags`.
    static let sentenceStart: UInt8 = 1, negator: UInt8 = 2, contrastWord: UInt8 = 4, inPenalty: UInt8 = 8
    static let contrastBefore: UInt8 = 16, contrastFrom: UInt8 = 32, intensifier: UInt8 = 64
    /// Inside a penalty (a problem, or a negated credit): not a clean word.
    static let counted: UInt8 = 128

    /// Buffers past this many elements are dropped when given back, so one huge document
    /// does not keep its working memory for the rest of the run.
    static let keepLimit = 1 << 16

    private static let slot = ThreadSlot<CheckScratch>()

    /// The calling thread's scratch, now owned by the caller (a new one if it has none).
    static func take() -> CheckScratch { slot.take() ?? CheckScratch() }

    /// Hands `scratch` back to the calling thread for its next check.
    static func give(_ scratch: CheckScratch) {
        scratch.trim()
        slot.give(scratch)
    }

    /// Makes `array` `count` copies of `value`, in the storage it has.
    @inline(__always)
    static func fill<T>(_ array: inout [T], _ value: T, _ count: Int) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(value, count: count))
    }

    /// Makes `array` `count` long, in the storage it has, for a caller that writes every
    /// element before reading it: elements it keeps are left as they are.
    @inline(__always)
    static func resize<T: BinaryInteger>(_ array: inout [T], _ count: Int) {
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(0, count: count - array.count))
        }
    }

    /// Drops buffers grown past `keepLimit`.
    private func trim() {
        func cap<T>(_ a: inout [T]) { if a.capacity > CheckScratch.keepLimit { a = [] } }
        cap(&tokens)
        cap(&exact)
        cap(&group)
        cap(&sentence)
        cap(&flags)
        cap(&questions)
        cap(&sorted)
        cap(&unlessHits)
        cap(&counts)
        cap(&demandLists)
        cap(&kept)
        func cap<T>(_ b: inout GrowableBuffer<T>) {
            if b.room > CheckScratch.keepLimit {
                b.deallocate()
                b = GrowableBuffer(capacity: 64)
            }
        }
        cap(&matchList)
        cap(&walkStack)
        cap(&contrastWords)
        cap(&capsWords)
        cap(&marks)
    }
}
