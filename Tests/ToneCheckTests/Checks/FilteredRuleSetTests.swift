import Foundation
import Testing

@testable import ToneCheck

/// Switching rules off (`--disable`, `--enable`, a config's toggles) takes them out of the
/// built-in rule set compiled ahead of time instead of compiling the rule files again: the
/// result must be what compiling gives, report for report.
@Suite struct FilteredRuleSetTests {
    static let packs = try! RuleLoader.builtinPacks()
    static let full = try! RuleSet(packs: packs)
    static let now = ReferenceTime.parse("2026-11-23T10:00:00Z", source: .dateHeader)!
    /// Every text file of `Corpus/`, and a few lines that wake the deadline, regex and
    /// inflection rules.
    static let texts: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus")
        var out: [String] = []
        if let walk = FileManager.default.enumerator(atPath: root.path) {
            for case let name as String in walk where name.hasSuffix(".txt") {
                if let text = try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8) { out.append(text) }
            }
        }
        out += [
            "Send me the report ASAP. I NEED THIS FIXED RIGHT NOW!!! You always miss the deadline, this is *unacceptable*.",
            "Could you please look at the queue by EOD Friday? Thanks so much, I know you're busy.",
            "He sends the reports late and keeps blaming the team; we blamed nobody.",
        ]
        return out.sorted()
    }()

    /// Which rules stay on, by case name.
    static func isEnabled(_ name: String) -> (Rule) -> Bool {
        switch name {
        case "tone off": return { $0.category != .tone }
        case "one rule off": return { $0.id != "tone.caps-run" }
        case "one deadline rule off": return { $0.id != "demand.deadline-past" }
        case "every deadline rule off": return { $0.kind != .deadline }
        case "politeness only": return { $0.category == .politeness }
        default: return { r in (Self.full.index[r.id] ?? 0) % 2 == 0 }  // every other rule
        }
    }

    @Test(arguments: ["tone off", "one rule off", "one deadline rule off", "every deadline rule off", "politeness only", "every other rule"])
    func filteringGivesWhatCompilingGives(_ name: String) throws {
        let isEnabled = Self.isEnabled(name)
        let compiled = try RuleSet(packs: Self.packs, isEnabled: isEnabled)
        let filtered = try #require(try Self.full.filtered(isEnabled))
        #expect(filtered.rules.map(\.id) == compiled.rules.map(\.id))
        #expect(filtered.rules.count < Self.full.rules.count)
        #expect(filtered.demandLists == compiled.demandLists)
        let a = ToneChecker(ruleSet: compiled), b = ToneChecker(ruleSet: filtered)
        var ra = JSONReporter(lines: true, ruleSet: compiled), rb = JSONReporter(lines: true, ruleSet: filtered)
        var findings = 0
        for text in Self.texts {
            let x = a.report(text: text, now: Self.now), y = b.report(text: text, now: Self.now)
            findings += x.findings.count
            #expect(ra.document(x) == rb.document(y), "\(name): \(text.prefix(60))")
        }
        #expect(findings > 0)
    }

    /// Switching a rule off leaves what the others match as it was with every rule on,
    /// inflection groups included: "annoyed" and "annoying", inflected in two rules, make one
    /// group, and the first rule keeps matching its forms when the second is off.
    @Test func aRuleMatchesAsWithEveryRuleOn() throws {
        let pack = try RuleLoader.parse(
            Data(
                """
                { pack: "t", rules: [
                  { id: "tone.a", category: "tone", severity: "warning", kind: "phrase", inflect: true, phrases: ["annoyed"], message: "m", why: "w", weight: 1 },
                  { id: "tone.b", category: "tone", severity: "warning", kind: "phrase", inflect: true, phrases: ["annoying"], message: "m", why: "w", weight: 1 },
                ] }
                """.utf8), path: "t.json5")
        let all = try RuleSet(packs: [pack])
        let onlyA = try #require(try all.filtered { $0.id == "tone.a" })
        #expect(onlyA.rules.map(\.id) == ["tone.a"])
        for text in ["I am annoyed.", "That is annoying.", "It annoys me.", "No match here."] {
            let with = ToneChecker(ruleSet: all).report(text: text).findings.filter { $0.ruleID == "tone.a" }.map(\.match)
            let without = ToneChecker(ruleSet: onlyA).report(text: text).findings.map(\.match)
            #expect(with == without, "\(text)")
        }
    }

    /// Deadline rules from two files: their word lists cannot be told apart, so the rule
    /// set is compiled rather than filtered.
    @Test func deadlineRulesFromTwoFilesAreNotFiltered() throws {
        let packs = Self.packs.filter { $0.rules.contains { $0.kind == .deadline } }
        let copy = try RuleLoader.parse(Data(BuiltinRuleFiles.files.first { $0.name == "deadlines.json5" }!.text.utf8), path: "other.json5")
        var renamed = copy
        renamed.rules = copy.rules.map { r in
            var r = r
            r.id = "demand.x-" + r.id.split(separator: ".").last!
            return r
        }
        let rs = try RuleSet(packs: packs + [renamed])
        #expect(try rs.filtered { _ in true } != nil)
        #expect(try rs.filtered { $0.id != "demand.deadline-past" } == nil)
    }
}
