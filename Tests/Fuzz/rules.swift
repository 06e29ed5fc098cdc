// Fuzz target: the rule-file loader (JSON5 → rules with precise errors), compiling the
// rules into a rule set, and running each rule's examples with the checker.
import Foundation
@testable import ToneCheck

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let b = Fuzz.bytes(data, size)
    do {
        let pack = try RuleLoader.parse(Data(b), path: "fuzz.json5")
        let set = try RuleSet(packs: [pack])
        _ = RuleExamples.run(set)
        let r = ToneChecker(ruleSet: set).report(text: "Please send the numbers ASAP!!! This is OBVIOUSLY wrong, thanks a lot.\n> quoted\n-- \nsig")
        Fuzz.require(r.score.overall.isFinite, "score \(r.score.overall)")
    } catch let e as ToneCheckError {
        Fuzz.require(!e.localizedDescription.isEmpty, "an error without a message")
    } catch {
        Fuzz.require(false, "an error that is not a ToneCheckError: \(error)")
    }
    return 0
}
