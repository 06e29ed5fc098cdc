import Foundation
import ToneCheck

/// Rules and helpers shared by the gate tests (config, templates, suppression, baseline, reporters).
enum GateSupport {
    /// A small pack: a phrase rule, a substitution with a safe fix, an error-level phrase.
    static let rulesText = """
        {
          pack: "t",
          rules: [
            { id: "tone.condescension", category: "tone", severity: "warning", kind: "phrase",
              phrases: ["obviously"], message: "“{match}” talks down", why: "It talks down to the reader.", weight: 8 },
            { id: "demand.asap", category: "demand", severity: "warning", kind: "substitution",
              swap: { "ASAP": "by Friday" }, message: "“{match}” is vague pressure", why: "Say when, and why.", weight: 6 },
            { id: "tone.blame", category: "tone", severity: "error", kind: "phrase",
              phrases: ["your fault"], message: "“{match}” blames", why: "Blame puts people on the defensive.", weight: 14 },
          ],
        }
        """

    static let ruleSet: RuleSet = try! RuleSet(packs: [RuleLoader.parse(Data(rulesText.utf8), path: "test-rules.json5")])

    static func checker(_ options: CheckOptions = CheckOptions()) -> ToneChecker { ToneChecker(ruleSet: ruleSet, options: options) }

    /// A fresh temporary folder.
    static func tempDir() throws -> String {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u.path
    }

    /// Writes `text` to `dir/name`, creating folders.
    @discardableResult
    static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The template's text at a finding's reported position (line, column), `count` characters.
    static func text(in source: String, line: Int, column: Int, count: Int) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let l = Array(lines[line - 1].unicodeScalars)
        return String(String.UnicodeScalarView(l[(column - 1)..<min(l.count, column - 1 + count)]))
    }
}
